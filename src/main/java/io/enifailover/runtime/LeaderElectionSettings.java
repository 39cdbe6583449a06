package io.enifailover.runtime;

import java.time.Duration;
import java.util.Optional;
import java.util.UUID;

/**
 * Leader election through a coordination.k8s.io Lease: one replica reconciles, the others wait to take
 * over. {@code onLeaseLost} runs when this replica stops leading; in a cluster it exits the process, so
 * a replica that lost the lease can never act next to the new leader (Kubernetes restarts it as a standby).
 */
public record LeaderElectionSettings(
    String identity,
    String leaseName,
    String leaseNamespace,
    Duration leaseDuration,
    Duration renewDeadline,
    Duration retryPeriod,
    Runnable onLeaseLost) {

  /**
   * Kubernetes' usual lease duration and renew deadline, and a retry period short enough that a standby,
   * which looks at the Lease every 0.8 to 1.8 s (jittered), takes over within 2 s of a graceful release.
   * The identity is the pod name (HOSTNAME), as kubectl shows the lease holder.
   */
  public static LeaderElectionSettings of(String leaseName, String leaseNamespace, Runnable onLeaseLost) {
    String identity = Optional.ofNullable(System.getenv("HOSTNAME")).filter(h -> !h.isBlank())
        .orElseGet(() -> "eni-failover-operator-" + UUID.randomUUID());
    return new LeaderElectionSettings(
        identity, leaseName, leaseNamespace, Duration.ofSeconds(15), Duration.ofSeconds(10), Duration.ofMillis(800), onLeaseLost);
  }
}
