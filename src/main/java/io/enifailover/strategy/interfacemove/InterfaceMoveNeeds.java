package io.enifailover.strategy.interfacemove;

import io.enifailover.model.Attachment;
import io.enifailover.model.AttachmentStatus;
import io.enifailover.model.NetworkInterface;
import io.enifailover.model.Observation;
import io.enifailover.model.PairIntent;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/**
 * What to describe after the interface itself, so that a pair in sync costs one EC2 call per pass:
 * instances only when the next step could be a detach or an attach, the address only when the interface
 * does not already carry it; in automatic mode both instances, whose EC2 state weighs in the pair's health.
 */
public record InterfaceMoveNeeds(Set<String> instanceIds, Optional<String> allocationId) {

  private static final InterfaceMoveNeeds NOTHING = new InterfaceMoveNeeds(Set.of(), Optional.empty());

  public static InterfaceMoveNeeds after(PairIntent intent, Optional<NetworkInterface> observed, boolean automatic) {
    InterfaceMoveNeeds needs = after(intent, observed);
    return automatic ? needs.withInstances(intent.primaryInstanceId(), intent.standbyInstanceId()) : needs;
  }

  /** True when {@code observation} looked up everything these needs name. */
  public boolean coveredBy(Observation observation) {
    return observation.read().containsAll(instanceIds) && allocationId.filter(id -> !observation.read().contains(id)).isEmpty();
  }

  private InterfaceMoveNeeds withInstances(String... ids) {
    Set<String> all = new HashSet<>(instanceIds);
    all.addAll(Set.of(ids));
    return new InterfaceMoveNeeds(Set.copyOf(all), allocationId);
  }

  private static InterfaceMoveNeeds after(PairIntent intent, Optional<NetworkInterface> observed) {
    InterfaceMoveNeeds needs = forSteps(intent, observed);
    boolean mayChange = !needs.instanceIds().isEmpty()
        || needs.allocationId().isPresent()
        || observed.filter(eni -> !intent.claimed(eni) || eni.isDetaching()).isPresent();
    if (intent.tenantNamespace().isPresent() && mayChange && !refusedOutright(intent, observed)) {
      // The guard checks the instances a change uses (a claim: both) before it: one call either way.
      return new InterfaceMoveNeeds(Set.of(intent.primaryInstanceId(), intent.standbyInstanceId()), needs.allocationId());
    }
    return needs;
  }

  private static boolean refusedOutright(PairIntent intent, Optional<NetworkInterface> observed) {
    return observed.isEmpty()
        || InterfaceTenantRules.interfaceRefusal(intent, observed.get()).isPresent()
        || InterfaceTenantRules.otherOwner(intent, observed.get()).isPresent()
        || observed.get().liveAttachment().filter(a -> intent.sideOf(a.instanceId()).isEmpty()).isPresent();
  }

  private static InterfaceMoveNeeds forSteps(PairIntent intent, Optional<NetworkInterface> observed) {
    if (refusedOutright(intent, observed)) {
      return NOTHING;
    }
    NetworkInterface eni = observed.get();
    Optional<Attachment> attachment = eni.liveAttachment();
    String target = intent.desiredInstanceId();
    if (attachment.isEmpty()) {
      // Attached nowhere: if the desired side cannot take it, the other side may (one call either way).
      return new InterfaceMoveNeeds(Set.of(target, intent.otherInstanceId(target)), Optional.empty());
    }
    Attachment a = attachment.get();
    if (a.status() != AttachmentStatus.ATTACHED) {
      return NOTHING;
    }
    if (!a.instanceId().equals(target)) {
      return new InterfaceMoveNeeds(Set.of(target), Optional.empty());
    }
    Optional<String> missingAddress =
        intent
            .elasticIp()
            .filter(eip -> !eni.carries(eip.allocationId(), eip.privateIp().orElse(eni.primaryPrivateIp())))
            .map(PairIntent.ElasticIp::allocationId);
    return new InterfaceMoveNeeds(Set.of(), missingAddress);
  }
}
