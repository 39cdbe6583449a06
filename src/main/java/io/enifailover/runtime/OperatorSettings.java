package io.enifailover.runtime;

import io.enifailover.reconcile.Pacing;
import io.enifailover.region.Ec2Budget;
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
 * @param ec2Budget the share of each region's EC2 request buckets the operator uses, and its cap of moves in flight
 */
public record OperatorSettings(
    Set<String> namespaces,
    Pacing pacing,
    Duration detachStuckAfter,
    int reconcileThreads,
    Optional<LeaderElectionSettings> leaderElection,
    boolean tenantGuard,
    Ec2Budget ec2Budget) {

  public static OperatorSettings defaults() {
    return new OperatorSettings(Set.of(), Pacing.defaults(), Duration.ofSeconds(60), 10, Optional.empty(), true, Ec2Budget.DEFAULT);
  }

  public OperatorSettings withEc2Budget(Ec2Budget value) {
    return new OperatorSettings(namespaces, pacing, detachStuckAfter, reconcileThreads, leaderElection, tenantGuard, value);
  }

  public OperatorSettings withTenantGuard(boolean value) {
    return new OperatorSettings(namespaces, pacing, detachStuckAfter, reconcileThreads, leaderElection, value, ec2Budget);
  }

  public OperatorSettings withPacing(Pacing value) {
    return new OperatorSettings(namespaces, value, detachStuckAfter, reconcileThreads, leaderElection, tenantGuard, ec2Budget);
  }

  public OperatorSettings withDetachStuckAfter(Duration value) {
    return new OperatorSettings(namespaces, pacing, value, reconcileThreads, leaderElection, tenantGuard, ec2Budget);
  }

  public OperatorSettings withNamespaces(Set<String> value) {
    return new OperatorSettings(value, pacing, detachStuckAfter, reconcileThreads, leaderElection, tenantGuard, ec2Budget);
  }

  public OperatorSettings withLeaderElection(LeaderElectionSettings value) {
    return new OperatorSettings(namespaces, pacing, detachStuckAfter, reconcileThreads, Optional.of(value), tenantGuard, ec2Budget);
  }
}
