package io.enifailover.strategy.interfacemove;

import static io.enifailover.plan.TenantGuard.assigns;
import static io.enifailover.plan.TenantGuard.lacks;

import io.enifailover.model.Address;
import io.enifailover.model.Instance;
import io.enifailover.model.NetworkInterface;
import io.enifailover.model.Observation;
import io.enifailover.model.PairIntent;
import io.enifailover.model.Step;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** The tenant guard's rules for the interface move: the interface, the instances and the Elastic IP a step uses. */
final class InterfaceTenantRules {
  private InterfaceTenantRules() {}

  /**
   * The pair that manages the interface instead of this one, if any. With the guard on, an older pair in a
   * namespace the interface is not assigned to can never use it, so it cannot keep it from this pair either.
   */
  static Optional<String> otherOwner(PairIntent intent, NetworkInterface eni) {
    boolean claimedInTags = intent.liveClaimIn(eni).isPresent();
    return intent.managedByAnother(eni)
        .filter(owner -> claimedInTags || intent.tenantNamespace().isEmpty()
            || assigns(eni.tags(), owner.substring(0, Math.max(0, owner.indexOf('/')))));
  }

  /** Why the pair may not use its interface, if it may not. */
  static Optional<String> interfaceRefusal(PairIntent intent, NetworkInterface eni) {
    return intent.tenantNamespace()
        .filter(ns -> !assigns(eni.tags(), ns))
        .map(ns -> "network interface " + eni.id() + " " + lacks(eni.tags(), ns));
  }

  /**
   * Why the pair may not take {@code step}, if it may not: each instance the step uses must be assigned (a
   * detach: the instance it leaves and the one the interface goes to; an attach: its target; an address
   * step: the instance the interface is on, and the Elastic IP too), and recording the pair's claim needs
   * both instances of the pair. An instance EC2 does not know is refused by the planner's own checks.
   */
  static Optional<String> stepRefusal(PairIntent intent, Observation observation, Step step) {
    if (intent.tenantNamespace().isEmpty()) {
      return Optional.empty();
    }
    String ns = intent.tenantNamespace().get();
    Set<String> used = new LinkedHashSet<>();
    if (step instanceof Detach d) {
      used.add(d.fromInstanceId());
      used.add(intent.desiredInstanceId());
    } else if (step instanceof Attach a) {
      used.add(a.instanceId());
    } else if (step instanceof Associate) {
      observation.networkInterface().flatMap(NetworkInterface::liveAttachment).ifPresent(a -> used.add(a.instanceId()));
    } else if (step instanceof Step.Claim) {
      used.add(intent.primaryInstanceId());
      used.add(intent.standbyInstanceId());
    } else {
      return Optional.empty();
    }
    List<String> refused = new ArrayList<>();
    for (String id : used) {
      observation.instance(id)
          .map(Instance::tags)
          .filter(tags -> !assigns(tags, ns))
          .ifPresent(tags -> refused.add("instance " + intent.describe(id) + " " + lacks(tags, ns)));
    }
    if (step instanceof Associate) {
      observation.address()
          .map(Address::tags)
          .filter(tags -> !assigns(tags, ns))
          .ifPresent(tags -> refused.add("Elastic IP " + intent.elasticIp().orElseThrow().allocationId() + " " + lacks(tags, ns)));
    }
    return refused.isEmpty() ? Optional.empty() : Optional.of(String.join("; ", refused));
  }
}
