package io.enifailover.sim;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Every request the simulator received, with per-action counts. */
final class RequestJournal {

  private final List<SimRequest> requests = new ArrayList<>();
  private final Map<String, Integer> countsByAction = new TreeMap<>();
  private final Map<String, Integer> throttledByAction = new TreeMap<>();
  private int mutatingCount;

  synchronized void record(SimRequest request) {
    requests.add(request);
    countsByAction.merge(request.action(), 1, Integer::sum);
    if ("RequestLimitExceeded".equals(request.errorCode())) {
      throttledByAction.merge(request.action(), 1, Integer::sum);
    }
    if (QueryActions.MUTATING.contains(request.action()) && !request.dryRun()) {
      mutatingCount++;
    }
  }

  synchronized Map<String, Integer> counts() {
    return Map.copyOf(countsByAction);
  }

  synchronized Map<String, Integer> throttledCounts() {
    return Map.copyOf(throttledByAction);
  }

  synchronized int mutatingCount() {
    return mutatingCount;
  }

  synchronized List<SimRequest> requests() {
    return List.copyOf(requests);
  }

  synchronized void reset() {
    requests.clear();
    countsByAction.clear();
    throttledByAction.clear();
    mutatingCount = 0;
  }
}
