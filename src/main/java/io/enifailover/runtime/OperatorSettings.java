package io.enifailover.runtime;

import io.enifailover.reconcile.Pacing;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;

/**
 * How the operator runs.
 *
 * @param namespaces the namespaces to watch; empty means all
 * @param detachStuckAfter how long a detach may take before it is reported as DetachStuck
 * @param leaderElection empty: this replica reconciles without a lease (one replica, tests, the demo)
 * @param tenantGuard a pair may use only the EC2 resources tagged for its namespace; off only for a
 *     cluster whose every namespace editor may move every interface the operator's IAM role reaches
 */
public record OperatorSettings(
    Set<String> namespaces,
    Pacing pacing,
    Duration detachStuckAfter,
    int reconcileThreads,
    Optional<LeaderElectionSettings> leaderElection,
    boolean tenantGuard) {

  public static OperatorSettings defaults() {
    return new OperatorSettings(Set.of(), Pacing.defaults(), Duration.ofSeconds(60), 10, Optional.empty(), true);
  }

  public OperatorSettings withTenantGuard(boolean value) {
    return new OperatorSettings(namespaces, pacing, detachStuckAfter, reconcileThreads, leaderElection, value);
  }

  public OperatorSettings withPacing(Pacing value) {
    return new OperatorSettings(namespaces, value, detachStuckAfter, reconcileThreads, leaderElection, tenantGuard);
  }

  public OperatorSettings withDetachStuckAfter(Duration value) {
    return new OperatorSettings(namespaces, pacing, value, reconcileThreads, leaderElection, tenantGuard);
  }

  public OperatorSettings withNamespaces(Set<String> value) {
    return new OperatorSettings(value, pacing, detachStuckAfter, reconcileThreads, leaderElection, tenantGuard);
  }

  public OperatorSettings withLeaderElection(LeaderElectionSettings value) {
    return new OperatorSettings(namespaces, pacing, detachStuckAfter, reconcileThreads, Optional.of(value), tenantGuard);
  }
}
