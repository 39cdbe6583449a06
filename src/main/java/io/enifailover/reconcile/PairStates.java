package io.enifailover.reconcile;

import io.enifailover.plan.PairMemory;
import io.enifailover.status.FailoverTimeline;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Each pair's state between passes, by UID: its memory and its failover timeline. JOSDK never reconciles
 * one resource on two threads at once, so a pass owns its pair's entry; it is dropped with the pair.
 */
final class PairStates {
  /** What a pair carries from one pass to the next. */
  record PairState(PairMemory memory, FailoverTimeline timeline) {
    static final PairState NEW = new PairState(PairMemory.NEW, FailoverTimeline.NONE);
  }

  private final Map<String, PairState> byUid = new ConcurrentHashMap<>();

  PairState of(String uid) {
    return byUid.getOrDefault(uid, PairState.NEW);
  }

  void put(String uid, PairState state) {
    byUid.put(uid, state);
  }

  /** The pair was deleted. */
  void drop(String uid) {
    byUid.remove(uid);
  }

  int size() {
    return byUid.size();
  }
}
