package io.enifailover.status;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/** metav1.Condition helpers: a condition keeps its lastTransitionTime while its status is unchanged. */
public final class Conditions {
  public static final String READY = "Ready";
  public static final String RECONCILING = "Reconciling";
  public static final String STALLED = "Stalled";

  private Conditions() {}

  public static Condition next(
      List<Condition> previous, String type, boolean status, String reason, String message, long generation, Instant now) {
    String value = status ? "True" : "False";
    String since =
        previous == null
            ? null
            : previous.stream()
                .filter(c -> type.equals(c.getType()) && value.equals(c.getStatus()))
                .map(Condition::getLastTransitionTime)
                .filter(Objects::nonNull)
                .findFirst()
                .orElse(null);
    return new ConditionBuilder()
        .withType(type)
        .withStatus(value)
        .withReason(reason)
        .withMessage(message)
        .withObservedGeneration(generation)
        .withLastTransitionTime(since != null ? since : now.toString())
        .build();
  }
}
