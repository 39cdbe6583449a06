package io.enifailover.runtime;

import io.enifailover.reconcile.MutationGuard;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.api.model.coordination.v1.LeaseSpec;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.Optional;

/**
 * Fences EC2 changes with the Lease itself: before each change the replica reads the Lease and acts
 * only while it is the holder and its last renewal is fresh enough that no other replica can have
 * taken over. The elector's own callbacks come up to a retry period late, and a replica whose lease
 * was taken must not move an interface under the new leader meanwhile. One read per EC2 change, which
 * are few; none for a pair in sync.
 */
final class LeaseHolderGuard implements MutationGuard {
  private final KubernetesClient client;
  private final LeaderElectionSettings election;
  private final Clock clock;

  LeaseHolderGuard(KubernetesClient client, LeaderElectionSettings election, Clock clock) {
    this.client = client;
    this.election = election;
    this.clock = clock;
  }

  @Override
  public Optional<String> whyNot() {
    String lease = election.leaseNamespace() + "/" + election.leaseName();
    Lease current;
    try {
      current = client.leases().inNamespace(election.leaseNamespace()).withName(election.leaseName()).get();
    } catch (KubernetesClientException e) {
      return Optional.of("the leader Lease " + lease + " could not be read (" + e.getMessage() + "), so this replica cannot prove it leads");
    }
    LeaseSpec spec = current == null ? null : current.getSpec();
    if (spec == null || !election.identity().equals(spec.getHolderIdentity())) {
      return Optional.of("this replica (" + election.identity() + ") no longer holds the leader Lease " + lease
          + (spec == null || spec.getHolderIdentity() == null ? "" : "; " + spec.getHolderIdentity() + " does"));
    }
    ZonedDateTime renewed = spec.getRenewTime();
    Duration leaseDuration = Duration.ofSeconds(spec.getLeaseDurationSeconds() == null ? 0 : spec.getLeaseDurationSeconds());
    // A third of the lease is left as room for the EC2 call this check guards (renewals come every retry period).
    Duration margin = leaseDuration.dividedBy(3);
    if (renewed == null || renewed.toInstant().plus(leaseDuration).minus(margin).isBefore(clock.instant())) {
      return Optional.of("the leader Lease " + lease + " was last renewed at " + renewed + " and is about to expire");
    }
    return Optional.empty();
  }
}
