package io.enifailover.strategy.interfacemove;

import io.enifailover.api.EniFailoverPair;
import io.enifailover.api.EniFailoverPairStatus;
import io.enifailover.api.EniFailoverPairSpec;
import io.enifailover.api.InstanceRef;
import io.enifailover.ec2.Ec2Failure;
import io.enifailover.ec2.Ec2Gateway;
import io.enifailover.model.Address;
import io.enifailover.model.Instance;
import io.enifailover.model.NetworkInterface;
import io.enifailover.model.Observation;
import io.enifailover.model.Outcome;
import io.enifailover.model.PairClaim;
import io.enifailover.model.PairIntent;
import io.enifailover.model.Reason;
import io.enifailover.model.Step;
import io.enifailover.plan.PassInput;
import io.enifailover.region.RegionObserver;
import io.enifailover.strategy.FailoverStrategy;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The interface move: the pair's secondary interface is detached from one instance and attached to the
 * other, and the Elastic IP on it follows. The first failover strategy, and the default.
 */
public final class InterfaceMoveStrategy implements FailoverStrategy {
  private final InterfaceMovePlanner planner;

  public InterfaceMoveStrategy(Duration detachStuckAfter) {
    this.planner = new InterfaceMovePlanner(detachStuckAfter);
  }

  @Override
  public InterfaceMovePlanner planner() {
    return planner;
  }

  @Override
  public String moveKey(PairIntent intent) {
    return intent.networkInterfaceId();
  }

  @Override
  public String moveKey(EniFailoverPair pair) {
    return pair.getSpec().getNetworkInterfaceId();
  }

  @Override
  public void watch(RegionObserver observer, PairIntent intent) {
    observer.watch(intent.networkInterfaceId());
  }

  @Override
  public void unwatch(RegionObserver observer, EniFailoverPair deleted) {
    observer.unwatch(deleted.getSpec().getNetworkInterfaceId());
  }

  @Override
  public void prefetch(RegionObserver observer, Collection<EniFailoverPair> pairs) {
    Set<String> interfaces = new HashSet<>();
    Set<String> instances = new HashSet<>();
    for (EniFailoverPairSpec spec : pairs.stream().map(EniFailoverPair::getSpec).toList()) {
      interfaces.add(spec.getNetworkInterfaceId());
      for (InstanceRef side : new InstanceRef[] {spec.getPrimary(), spec.getStandby()}) {
        Optional.ofNullable(side).map(InstanceRef::getInstanceId).ifPresent(instances::add);
      }
    }
    observer.prefetch(interfaces, instances);
  }

  @Override
  public PassInput.View observe(RegionObserver observer, PairIntent intent, boolean automatic, Duration maxAge) {
    RegionObserver.Seen<NetworkInterface> eni = observer.networkInterface(intent.networkInterfaceId(), maxAge);
    InterfaceMoveNeeds needs = InterfaceMoveNeeds.after(intent, eni.value(), automatic);
    Map<String, Instance> instances = new HashMap<>();
    Instant oldest = eni.readAt();
    for (var seen : observer.instances(needs.instanceIds(), maxAge).entrySet()) {
      seen.getValue().value().ifPresent(i -> instances.put(seen.getKey(), i));
      oldest = seen.getValue().readAt().isBefore(oldest) ? seen.getValue().readAt() : oldest;
    }
    Optional<Address> address = Optional.empty();
    Set<String> read = new HashSet<>(needs.instanceIds());
    if (needs.allocationId().isPresent()) {
      RegionObserver.Seen<Address> seen = observer.address(needs.allocationId().get(), maxAge);
      address = seen.value();
      oldest = seen.readAt().isBefore(oldest) ? seen.readAt() : oldest;
      read.add(needs.allocationId().get());
    }
    return new PassInput.View(new Observation(eni.value(), instances, address, read), eni.readAt(), oldest, eni.answeredAt());
  }

  @Override
  public void release(Ec2Gateway ec2, EniFailoverPair deleted, PairClaim claim) {
    ec2.deleteTags(deleted.getSpec().getNetworkInterfaceId(), claim.tags());
  }

  /** The shared status says all of an interface move: where the interface is attached. */
  @Override
  public void report(PairIntent intent, Observation observation, EniFailoverPairStatus status) {}

  @Override
  public Outcome execute(Ec2Gateway ec2, PairIntent intent, Step.Change change) {
    String eniId = intent.networkInterfaceId();
    try {
      String detail = "";
      if (change instanceof Detach d) {
        Optional<Outcome> refused = attachNotPermitted(ec2, intent, d.fromInstanceId());
        if (refused.isPresent()) {
          return refused.get();
        }
        ec2.detach(d.attachmentId(), d.force());
        detail = " (" + d.attachmentId() + ")";
      } else if (change instanceof Attach a) {
        detail = " (" + ec2.attach(eniId, a.instanceId(), a.deviceIndex()) + ")";
      } else if (change instanceof Step.Claim c) {
        ec2.createTags(eniId, c.claim().tags());
      } else if (change instanceof Step.Fence f && f.force()) {
        ec2.forceStopInstance(f.instanceId());
      } else if (change instanceof Step.Fence f) {
        // The stop is the move's first change: the target's attach must be permitted before it, as before a detach.
        Optional<Outcome> refused = attachNotPermitted(ec2, intent, f.instanceId());
        if (refused.isPresent()) {
          return refused.get();
        }
        ec2.stopInstance(f.instanceId(), false);
      } else if (change instanceof Associate a) {
        ec2.associateAddress(a.allocationId(), eniId, a.privateIp(), a.allowReassociation());
      } else {
        throw new IllegalArgumentException("not an interface move's change: " + change);
      }
      return new Outcome(change.reason(), planner.describe(intent, change) + detail, Optional.of(change));
    } catch (Ec2Failure failure) {
      String message = failure.reason() == Reason.Conflict
          ? "EC2 changed while the operator tried to " + planner.describe(intent, change) + "; observing again: " + failure.getMessage()
          : failure.getMessage();
      return new Outcome(failure.reason(), message, Optional.empty());
    }
  }

  /**
   * EC2's dry run of the attach on the target, before the interface leaves where it is: a denial found
   * after the detach (a tag-restricted policy and an untagged standby, say) would leave it attached nowhere.
   */
  private static Optional<Outcome> attachNotPermitted(Ec2Gateway ec2, PairIntent intent, String fromInstanceId) {
    String eniId = intent.networkInterfaceId();
    String target = intent.desiredInstanceId();
    try {
      ec2.checkAttachPermitted(eniId, target, intent.deviceIndex());
      return Optional.empty();
    } catch (Ec2Failure failure) {
      String message = failure.reason() == Reason.AccessDenied
          ? "the operator may not attach " + eniId + " to " + intent.describe(target) + ", so it stays on "
              + intent.describe(fromInstanceId) + ": " + failure.getMessage()
          : failure.getMessage();
      return Optional.of(new Outcome(failure.reason(), message, Optional.empty()));
    }
  }

  @Override
  public void expectChange(RegionObserver observer, PairIntent intent, Step.Change change) {
    // A stop changes the instance, not the interface: the health sweep sees it, the ticks need not.
    if (!(change instanceof Step.Fence)) {
      observer.expectChange(intent.networkInterfaceId());
    }
  }

  @Override
  public Optional<String> slot(PairIntent intent, Step.Change change) {
    if (!(change instanceof Detach || change instanceof Attach || change instanceof Step.Fence)) {
      return Optional.empty();
    }
    String target = change instanceof Attach a ? a.instanceId() : intent.desiredInstanceId();
    return Optional.of(target + " device index " + intent.deviceIndex());
  }

  @Override
  public Outcome slotTaken(PairIntent intent, Step.Change change, String holder) {
    String target = change instanceof Attach a ? a.instanceId() : intent.desiredInstanceId();
    return Outcome.held(new Step.Hold(Reason.DeviceIndexInUse, String.format(
        "EniFailoverPair %s is moving its interface to device index %d of instance %s; this pair changes nothing, so network interface %s stays where it is. Give one of the pairs another spec.deviceIndex",
        holder, intent.deviceIndex(), intent.describe(target), intent.networkInterfaceId())));
  }
}
