package io.enifailover.reconcile;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which pair is moving its service into which slot (an instance's device index, say), as its strategy names it. A pair reserves its target
 * slot before it detaches anything, so two pairs aiming at one slot (a shared standby at the same index)
 * never both leave their instances: the second is refused while the first still has somewhere to go.
 * EC2 itself shows a slot taken only once the attach starts, too late for the second pair's detach.
 * Held for this operator's pairs in memory; a restart re-plans from EC2, where a move in flight shows.
 */
final class SlotReservations {
  private final Map<String, String> holders = new ConcurrentHashMap<>();

  /** Reserves {@code slot} for {@code pair} (releasing any other slot it held); the other pair holding it, if any. */
  Optional<String> reserve(String slot, String pair) {
    holders.entrySet().removeIf(e -> e.getValue().equals(pair) && !e.getKey().equals(slot));
    String holder = holders.putIfAbsent(slot, pair);
    return holder == null || holder.equals(pair) ? Optional.empty() : Optional.of(holder);
  }

  /** The pair's move is over (in place, refused, paused or deleted): the slot is EC2's to show. */
  void release(String pair) {
    holders.values().removeIf(pair::equals);
  }
}
