package io.enifailover.model;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The annotations a person sets on a pair for the operator to act on once. */
public final class PairAnnotations {
  /** The stuck attachment a person allows one forced detach of. */
  public static final String FORCE_DETACH = "enifailover.io/force-detach";
  /** A person's request to return to spec.active's side after an automatic failover; each new value is one request. */
  public static final String FAIL_BACK = "enifailover.io/fail-back";
  /** An edit of these leaves the generation as it is, so the pair is woken for it. */
  public static final List<String> ACTED_ON = List.of(FORCE_DETACH, FAIL_BACK);

  private PairAnnotations() {}

  /** The annotation's value among a pair's {@code annotations} (which may be null), trimmed; empty when absent or blank. */
  public static Optional<String> value(Map<String, String> annotations, String key) {
    return Optional.ofNullable(annotations).map(a -> a.get(key)).map(String::trim).filter(v -> !v.isEmpty());
  }
}
