package io.enifailover.plan;

import io.enifailover.model.Attachment;
import io.enifailover.model.AttachmentStatus;
import io.enifailover.model.NetworkInterface;
import io.enifailover.model.PairIntent;
import java.util.Optional;
import java.util.Set;

/**
 * What to describe after the interface itself, so that a pair in sync costs one EC2 call per pass:
 * instances only when the next step could be a detach or an attach, the address only when the interface
 * does not already carry it.
 */
public record ObservationNeeds(Set<String> instanceIds, Optional<String> allocationId) {

  private static final ObservationNeeds NOTHING = new ObservationNeeds(Set.of(), Optional.empty());

  /** These needs, and the instances named too. */
  public ObservationNeeds withInstances(String... ids) {
    Set<String> all = new java.util.HashSet<>(instanceIds);
    all.addAll(Set.of(ids));
    return new ObservationNeeds(Set.copyOf(all), allocationId);
  }

  public static ObservationNeeds after(PairIntent intent, Optional<NetworkInterface> observed) {
    ObservationNeeds needs = forSteps(intent, observed);
    boolean mayChange = !needs.instanceIds().isEmpty()
        || needs.allocationId().isPresent()
        || observed.filter(eni -> !intent.claimed(eni) || isDetaching(eni)).isPresent();
    if (intent.tenantNamespace().isPresent() && mayChange && !refusedOutright(intent, observed)) {
      // The guard checks the instances a change uses (a claim: both) before it: one call either way.
      return new ObservationNeeds(Set.of(intent.primaryInstanceId(), intent.standbyInstanceId()), needs.allocationId());
    }
    return needs;
  }

  private static boolean isDetaching(NetworkInterface eni) {
    return eni.liveAttachment().filter(a -> a.status() == AttachmentStatus.DETACHING).isPresent();
  }

  private static boolean refusedOutright(PairIntent intent, Optional<NetworkInterface> observed) {
    return observed.isEmpty()
        || TenantGuard.interfaceRefusal(intent, observed.get()).isPresent()
        || TenantGuard.otherOwner(intent, observed.get()).isPresent();
  }

  private static ObservationNeeds forSteps(PairIntent intent, Optional<NetworkInterface> observed) {
    if (refusedOutright(intent, observed)) {
      return NOTHING;
    }
    NetworkInterface eni = observed.get();
    Optional<Attachment> attachment = eni.liveAttachment();
    String target = intent.desiredInstanceId();
    if (attachment.isEmpty()) {
      // Attached nowhere: if the desired side cannot take it, the other side may (one call either way).
      return new ObservationNeeds(Set.of(target, intent.otherInstanceId(target)), Optional.empty());
    }
    Attachment a = attachment.get();
    if (intent.sideOf(a.instanceId()).isEmpty() || a.status() != AttachmentStatus.ATTACHED) {
      return NOTHING;
    }
    if (!a.instanceId().equals(target)) {
      return new ObservationNeeds(Set.of(target), Optional.empty());
    }
    Optional<String> missingAddress =
        intent
            .elasticIp()
            .filter(eip -> !eni.carries(eip.allocationId(), eip.privateIp().orElse(eni.primaryPrivateIp())))
            .map(PairIntent.ElasticIp::allocationId);
    return new ObservationNeeds(Set.of(), missingAddress);
  }
}
