package io.enifailover.runtime;

import io.enifailover.reconcile.Pacing;
import java.time.Duration;
import java.util.Set;

/**
 * How the operator runs.
 *
 * @param namespaces the namespaces to watch; empty means all
 * @param detachStuckAfter how long a detach may take before it is reported as DetachStuck
 */
public record OperatorSettings(Set<String> namespaces, Pacing pacing, Duration detachStuckAfter, int reconcileThreads) {

  public static OperatorSettings defaults() {
    return new OperatorSettings(Set.of(), Pacing.defaults(), Duration.ofSeconds(60), 10);
  }

  public OperatorSettings withPacing(Pacing value) {
    return new OperatorSettings(namespaces, value, detachStuckAfter, reconcileThreads);
  }

  public OperatorSettings withDetachStuckAfter(Duration value) {
    return new OperatorSettings(namespaces, pacing, value, reconcileThreads);
  }

  public OperatorSettings withNamespaces(Set<String> value) {
    return new OperatorSettings(value, pacing, detachStuckAfter, reconcileThreads);
  }
}
