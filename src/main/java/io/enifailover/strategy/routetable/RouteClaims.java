package io.enifailover.strategy.routetable;

import io.enifailover.model.PairClaim;
import io.enifailover.model.RouteTable;
import java.util.Map;
import java.util.Optional;

/**
 * A pair's claim on a (route table, destination): one tag on the table per destination it owns, {@value #PREFIX}
 * followed by the destination, with the value an interface's claim tag has. A table may carry routes of several
 * pairs, so the destination is part of the key; each (table, destination) has exactly one owner.
 */
final class RouteClaims {
  static final String PREFIX = PairClaim.TAG + "/";

  private RouteClaims() {}

  static String key(String destination) {
    return PREFIX + destination;
  }

  /** The claim the table records for the destination, if any. */
  static Optional<PairClaim> in(RouteTable table, String destination) {
    String value = table.tags().get(key(destination));
    return value == null ? Optional.empty() : PairClaim.in(Map.of(PairClaim.TAG, value));
  }
}
