package io.enifailover.strategy.routetable;

import io.enifailover.model.PairClaim;
import io.enifailover.model.RouteTable;
import java.util.LinkedHashMap;
import java.util.List;
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

  /** The tags that record {@code claim} on every destination, for each table of the pair. */
  static Map<String, String> tags(List<String> destinations, PairClaim claim) {
    Map<String, String> tags = new LinkedHashMap<>();
    destinations.forEach(d -> tags.put(key(d), claim.value()));
    return tags;
  }

  /** The claim the table records for the destination, if any. */
  static Optional<PairClaim> in(RouteTable table, String destination) {
    String value = table.tags().get(key(destination));
    return value == null ? Optional.empty() : PairClaim.in(Map.of(PairClaim.TAG, value));
  }
}
