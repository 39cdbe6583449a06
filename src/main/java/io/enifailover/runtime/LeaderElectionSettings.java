package io.enifailover.runtime;

import java.time.Duration;
import java.util.Optional;
import java.util.UUID;

/**
 * Leader election through a coordination.k8s.io Lease: one replica reconciles, the others wait to take
 * over. {@code exitOnStopLeading}: a replica that loses the lease exits, so it can never act on a stale
 * view next to the new leader (Kubernetes restarts it as a standby).
 */
public record LeaderElectionSettings(
    String identity,
    String leaseName,
    String leaseNamespace,
    Duration leaseDuration,
    Duration renewDeadline,
    Duration retryPeriod,
    boolean exitOnStopLeading) {

  /** Kubernetes' usual timings; the identity is the pod name (HOSTNAME), as kubectl shows the lease holder. */
  public static LeaderElectionSettings of(String leaseName, String leaseNamespace) {
    String identity = Optional.ofNullable(System.getenv("HOSTNAME")).filter(h -> !h.isBlank())
        .orElseGet(() -> "eni-failover-operator-" + UUID.randomUUID());
    return new LeaderElectionSettings(
        identity, leaseName, leaseNamespace, Duration.ofSeconds(15), Duration.ofSeconds(10), Duration.ofSeconds(2), true);
  }
}
