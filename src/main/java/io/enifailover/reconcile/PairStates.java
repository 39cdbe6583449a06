package io.enifailover.reconcile;

import io.enifailover.plan.PairMemory;
import io.enifailover.status.FailoverTimeline;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
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
  /** UIDs of deleted pairs, the oldest first out: a pass still running at the delete must not put its state back. */
  private final Set<String> deleted = Collections.newSetFromMap(new LinkedHashMap<>() {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
      return size() > 1000;
    }
  });

  PairState of(String uid) {
    return byUid.getOrDefault(uid, PairState.NEW);
  }

  void put(String uid, PairState state) {
    synchronized (deleted) {
      if (!deleted.contains(uid)) {
        byUid.put(uid, state);
      }
    }
  }

  /** The pair was deleted. */
  void drop(String uid) {
    synchronized (deleted) {
      deleted.add(uid);
      byUid.remove(uid);
    }
  }
}
