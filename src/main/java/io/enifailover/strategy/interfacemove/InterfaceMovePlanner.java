package io.enifailover.strategy.interfacemove;

import io.enifailover.model.Address;
import io.enifailover.model.Attachment;
import io.enifailover.model.Instance;
import io.enifailover.model.NetworkInterface;
import io.enifailover.model.PairAnnotations;
import io.enifailover.model.Observation;
import io.enifailover.model.PairClaim;
import io.enifailover.model.PairIntent;
import io.enifailover.model.Reason;
import io.enifailover.model.Step;
import io.enifailover.model.Step.Hold;
import io.enifailover.plan.ObservedState;
import io.enifailover.plan.RefusedTarget;
import io.enifailover.plan.StrategyPlanner;
import io.enifailover.plan.Transition;
import io.enifailover.plan.TransitionProgress;
import io.enifailover.model.ActiveRole;
import io.enifailover.model.PublicAddress;
import java.util.EnumSet;
import java.util.Set;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The interface move's planner: the next step for a pair from what it declares and what EC2 shows. Pure: no I/O, no clock.
 * Because the plan is recomputed from EC2 on every pass, a failover interrupted anywhere resumes.
 *
 * <p>The safety rule behind the order of checks: the interface is detached only once the target
 * instance is known to accept it, so a refused move leaves the service where it is.
 */
public final class InterfaceMovePlanner implements StrategyPlanner {
  private final Duration detachStuckAfter;

  public InterfaceMovePlanner(Duration detachStuckAfter) {
    this.detachStuckAfter = detachStuckAfter;
  }

  @Override
  public Step next(PairIntent intent, Observation observation, TransitionProgress progress, Map<String, RefusedTarget> refused) {
    Step step = plan(intent, observation, progress, refused);
    Optional<String> notAssigned = InterfaceTenantRules.stepRefusal(intent, observation, step);
    if (notAssigned.isPresent() && step instanceof Step.Claim && !progress.claimUnavailable()) {
      // A pair that may not claim may still bring back an interface attached nowhere, on an assigned instance.
      Step unclaimed = next(intent, observation, progress.withClaimUnavailable(true), refused);
      if (unclaimed instanceof Attach) {
        return unclaimed;
      }
    }
    if (notAssigned.isPresent()) {
      return hold(Reason.NotAssignedToNamespace,
          "%s; the operator uses only resources a platform team assigned to namespace %s, so it does not %s. Tag them in AWS to assign them",
          notAssigned.get(), intent.self().namespace(), describe(intent, step));
    }
    if (intent.paused() && step.mutates()) {
      return hold(Reason.Paused, "spec.paused is true: the operator would " + describe(intent, step) + " but changes nothing");
    }
    if (progress.claimUnavailable() && movesNetwork(step) && !attachesAnInterfaceAttachedNowhere(observation, step)) {
      return hold(Reason.Claiming, "the pair's claim on network interface %s is not recorded yet (EC2 refused it, or the region's EC2 budget has it wait), so it does not %s yet",
          intent.networkInterfaceId(), describe(intent, step));
    }
    if (progress.claimSettling() && movesNetwork(step)) {
      return hold(Reason.Claiming, "recorded this pair's claim on network interface %s; letting it settle before it will %s",
          intent.networkInterfaceId(), describe(intent, step));
    }
    return step;
  }

  private Step plan(PairIntent intent, Observation observation, TransitionProgress progress, Map<String, RefusedTarget> refused) {
    String eniId = intent.networkInterfaceId();
    Optional<NetworkInterface> found = observation.networkInterface();
    if (found.isEmpty()) {
      return hold(Reason.NetworkInterfaceNotFound, "network interface %s does not exist in this region", eniId);
    }
    NetworkInterface eni = found.get();
    Optional<String> notAssigned = InterfaceTenantRules.interfaceRefusal(intent, eni);
    if (notAssigned.isPresent()) {
      return hold(Reason.NotAssignedToNamespace,
          "%s; the operator uses only resources a platform team assigned to namespace %s, so this pair changes nothing. Tag the interface in AWS to assign it",
          notAssigned.get(), intent.self().namespace());
    }
    Optional<String> owner = InterfaceTenantRules.otherOwner(intent, eni);
    if (owner.isPresent()) {
      return hold(
          Reason.ClaimedByAnotherPair,
          "network interface %s is managed by EniFailoverPair %s%s; this pair changes nothing. Delete one of the two pairs%s",
          eniId,
          owner.get(),
          intent.liveClaimIn(eni).map(c -> " (its claim is the interface's tag " + PairClaim.TAG + "=" + c.value() + ")").orElse(", which is older"),
          intent.liveClaimIn(eni).map(c -> "; if that pair no longer exists where this operator cannot see it (another cluster), delete the interface's tag "
              + PairClaim.TAG).orElse(""));
    }
    Optional<Attachment> live = eni.liveAttachment();
    Optional<String> foreign = live.map(Attachment::instanceId).filter(id -> intent.sideOf(id).isEmpty());
    if (foreign.isPresent()) {
      // Checked before the claim: a refusal leaves someone else's interface untouched, its tags too.
      return foreignInstance(intent, foreign.get());
    }
    if (!intent.claimed(eni) && !intent.paused() && !progress.claimUnavailable()) {
      return new Step.Claim(intent.self());
    }
    String target = intent.desiredInstanceId();
    if (live.isEmpty()) {
      return attachNowhere(intent, eni, observation, refused);
    }
    Attachment attachment = live.get();
    String current = attachment.instanceId();
    return switch (attachment.status()) {

      case ATTACHING -> progress.attachingFor().compareTo(detachStuckAfter) < 0
          ? hold(Reason.Attaching, "network interface %s is attaching to %s (%s)", eniId, intent.describe(current), attachment.attachmentId())
          : hold(
              Reason.AttachStuck,
              "network interface %s has been attaching to %s for %ds (%s); EC2 usually takes seconds: check the instance in the EC2 console",
              eniId,
              intent.describe(current),
              progress.attachingFor().toSeconds(),
              attachment.attachmentId());
      case DETACHING -> detaching(intent, attachment, progress);
      case ATTACHED -> current.equals(target)
          ? elasticIp(intent, eni, observation)
          : refusedBefore(intent, target, refused, "stays on " + intent.describe(current))
              .or(() -> targetRefusal(intent, target, eni, observation))
              .orElse(new Detach(attachment.attachmentId(), current, false));
      case DETACHED -> throw new IllegalStateException("a live attachment is never detached");
    };
  }

  private static Step foreignInstance(PairIntent intent, String current) {
    return hold(
        Reason.AttachedToForeignInstance,
        "network interface %s is attached to %s, which is neither primary %s nor standby %s; the operator never detaches it from an instance outside the pair. Detach it by hand or correct the pair",
        intent.networkInterfaceId(),
        current,
        intent.primaryInstanceId(),
        intent.standbyInstanceId());
  }

  private Step detaching(PairIntent intent, Attachment attachment, TransitionProgress progress) {
    String eniId = intent.networkInterfaceId();
    String from = intent.describe(attachment.instanceId());
    if (progress.detachingFor().compareTo(detachStuckAfter) < 0) {
      return hold(Reason.Detaching, "network interface %s is detaching from %s (%s)", eniId, from, attachment.attachmentId());
    }
    boolean consent = intent.forceDetachFor().filter(attachment.attachmentId()::equals).isPresent();
    if (consent && progress.requestedByOperator() && !progress.forceSent()) {
      return new Detach(attachment.attachmentId(), attachment.instanceId(), true);
    }
    String advice;
    if (progress.forceSent()) {
      advice = "a forced detach was sent; check the instance's health in the EC2 console";
    } else if (!progress.requestedByOperator()) {
      advice = "the operator did not start this detach, so it never forces it; finish or undo it in the EC2 console";
    } else {
      advice = intent.forceDetachFor().filter(v -> !consent).map(v -> PairAnnotations.FORCE_DETACH + " names " + v + ", not this attachment; ").orElse("")
          + "if the instance is unhealthy, annotate the pair with " + PairAnnotations.FORCE_DETACH + "=" + attachment.attachmentId()
          + " to let the operator force this detach once (AWS's last resort: the instance may keep stale interface metadata)";
    }
    return hold(
        Reason.DetachStuck,
        "network interface %s has been detaching from %s for %ds (%s); %s",
        eniId,
        from,
        progress.detachingFor().toSeconds(),
        attachment.attachmentId(),
        advice);
  }

  /**
   * An interface attached nowhere serves no one: it goes to the desired side, or, when that cannot take
   * it, back to the other side of the pair, so the service runs while the refusal is reported.
   */
  private Step attachNowhere(PairIntent intent, NetworkInterface eni, Observation observation, Map<String, RefusedTarget> refused) {
    String target = intent.desiredInstanceId();
    Optional<Step> observedRefusal = targetRefusal(intent, target, eni, observation);
    Optional<Step> refusal = refusedBefore(intent, target, refused, "is attached nowhere").or(() -> observedRefusal);
    if (refusal.isEmpty()) {
      return new Attach(target, intent.deviceIndex());
    }
    String other = intent.otherInstanceId(target);
    if (!refused.containsKey(other) && targetRefusal(intent, other, eni, observation).isEmpty()) {
      return new Attach(other, intent.deviceIndex(), Optional.of(((Hold) refusal.get()).message()));
    }
    // Nothing else can take it: EC2's earlier refusal of the desired side is no reason to stop trying it.
    return observedRefusal.orElse(new Attach(target, intent.deviceIndex()));
  }

  /** This attach was refused after a detach: do not move the interface there while that is remembered. */
  private static Optional<Step> refusedBefore(PairIntent intent, String target, Map<String, RefusedTarget> refused, String where) {
    return Optional.ofNullable(refused.get(target)).map(r -> hold(
        r.reason(),
        "attaching %s to %s was refused, so it %s for now (the move is tried again at the next stalled re-check, or when the pair is changed): %s",
        intent.networkInterfaceId(),
        intent.describe(target),
        where,
        r.message()));
  }

  /** Why {@code target} cannot take the interface now, if it cannot. */
  private Optional<Step> targetRefusal(PairIntent intent, String target, NetworkInterface eni, Observation observation) {
    String who = intent.describe(target);
    Optional<Instance> found = observation.instance(target);
    if (found.isEmpty()) {
      return Optional.of(hold(Reason.InstanceNotFound, "instance %s does not exist in this region", who));
    }
    Instance instance = found.get();
    Optional<String> notAssigned = intent.tenantNamespace().filter(ns -> !io.enifailover.plan.TenantGuard.assigns(instance.tags(), ns));
    if (notAssigned.isPresent()) {
      return Optional.of(hold(
          Reason.NotAssignedToNamespace,
          "instance %s has no tag %s naming namespace %s; the operator uses only resources a platform team assigned to the pair's namespace, so %s stays where it is",
          who,
          io.enifailover.plan.TenantGuard.NAMESPACE_TAG,
          notAssigned.get(),
          eni.id()));
    }
    if (!instance.availabilityZone().equals(eni.availabilityZone())) {
      return Optional.of(hold(
          Reason.AvailabilityZoneMismatch,
          "network interface %s is in %s but instance %s is in %s; EC2 attaches an interface only to an instance in its own Availability Zone",
          eni.id(),
          eni.availabilityZone(),
          who,
          instance.availabilityZone()));
    }
    if (!instance.vpcId().equals(eni.vpcId())) {
      return Optional.of(hold(
          Reason.VpcMismatch,
          "network interface %s is in %s but instance %s is in %s; EC2 attaches an interface only to an instance in its own VPC",
          eni.id(),
          eni.vpcId(),
          who,
          instance.vpcId()));
    }
    if (!instance.state().canTakeAttachment()) {
      Reason reason = instance.state().isTransient() ? Reason.InstanceNotReady : Reason.InstanceNotRunning;
      return Optional.of(hold(
          reason,
          "instance %s is %s; EC2 attaches an interface only to a running or stopped instance, so %s stays where it is",
          who,
          instance.state().awsName(),
          eni.id()));
    }
    Optional<Step> indexTaken = instance
        .otherInterfaceAt(intent.deviceIndex(), eni.id())
        .map(other -> hold(
            Reason.DeviceIndexInUse,
            "instance %s already has network interface %s at device index %d; set spec.deviceIndex to a free index or detach %s",
            who,
            other,
            intent.deviceIndex(),
            other));
    if (indexTaken.isPresent() || !instance.isFullWithout(eni.id())) {
      return indexTaken;
    }
    // EC2 would refuse the attach (AttachmentLimitExceeded) after the detach, leaving the interface nowhere.
    return Optional.of(hold(
        Reason.InterfaceLimitReached,
        "instance %s is a %s, which takes at most %d network interfaces, and already has %d; detach one of them or use a larger instance type, so %s stays where it is",
        who,
        instance.instanceType(),
        instance.maxInterfaces().getAsInt(),
        instance.interfaceByDeviceIndex().size(),
        eni.id()));
  }

  private Step elasticIp(PairIntent intent, NetworkInterface eni, Observation observation) {
    String where = intent.describe(intent.desiredInstanceId());
    if (intent.elasticIp().isEmpty()) {
      return hold(Reason.InSync, "network interface %s is attached to %s", eni.id(), where);
    }
    PairIntent.ElasticIp eip = intent.elasticIp().get();
    String privateIp = eip.privateIp().orElse(eni.primaryPrivateIp());
    if (!eni.privateIps().contains(privateIp)) {
      return hold(
          Reason.PrivateIpNotOnInterface,
          "spec.elasticIp.privateIpAddress %s is not a private IP of network interface %s (it has %s)",
          privateIp,
          eni.id(),
          String.join(", ", eni.privateIps()));
    }
    if (eni.carries(eip.allocationId(), privateIp)) {
      return hold(
          Reason.InSync,
          "network interface %s is attached to %s with Elastic IP %s on %s",
          eni.id(),
          where,
          eip.allocationId(),
          privateIp);
    }
    Optional<Address> found = observation.address();
    if (found.isEmpty()) {
      return hold(Reason.ElasticIpNotFound, "Elastic IP %s does not exist in this region", eip.allocationId());
    }
    Address address = found.get();
    if (!address.isAssociated()) {
      return new Associate(eip.allocationId(), privateIp, false);
    }
    if (address.networkInterfaceId().filter(eni.id()::equals).isPresent()) {
      // Moving the address between private IPs of our own interface takes it from no one else.
      return new Associate(eip.allocationId(), privateIp, true);
    }
    String holder =
        address.networkInterfaceId()
            .map(id -> "network interface " + id + address.privateIp().map(ip -> " (" + ip + ")").orElse(""))
            .or(() -> address.instanceId().map(id -> "instance " + id))
            .orElse("another resource");
    return hold(
        Reason.ElasticIpAssociatedElsewhere,
        "Elastic IP %s (%s) is associated with %s; the operator never takes an address from another interface. Disassociate it to let the operator associate it with %s",
        eip.allocationId(),
        address.publicIp(),
        holder,
        eni.id());
  }

  private static boolean movesNetwork(Step step) {
    return step instanceof Step.Change change && change.movesNetwork();
  }

  /** A service that is down is brought back even before the pair's claim is recorded. */
  private static boolean attachesAnInterfaceAttachedNowhere(Observation observation, Step step) {
    return step instanceof Attach && observation.networkInterface().filter(NetworkInterface::isAttachedNowhere).isPresent();
  }

  @Override
  public boolean covers(PairIntent intent, Observation observation, boolean automatic) {
    return InterfaceMoveNeeds.after(intent, observation.networkInterface(), automatic).coveredBy(observation);
  }

  @Override
  public Optional<Transition> transition(PairIntent intent, Observation observation) {
    return observation.networkInterface().flatMap(NetworkInterface::liveAttachment).flatMap(a -> switch (a.status()) {
      case DETACHING -> Optional.of(new Transition(Transition.Kind.LEAVING, a.attachmentId()));
      case ATTACHING -> Optional.of(new Transition(Transition.Kind.ARRIVING, a.attachmentId()));
      default -> Optional.empty();
    });
  }

  @Override
  public ObservedState observed(PairIntent intent, Observation observation) {
    if (observation.networkInterface().isEmpty()) {
      return ObservedState.UNKNOWN;
    }
    NetworkInterface eni = observation.networkInterface().get();
    String ip = intent.elasticIp().flatMap(PairIntent.ElasticIp::privateIp).orElse(eni.primaryPrivateIp());
    Optional<String> publicIp = Optional.ofNullable(eni.publicAddressByPrivateIp().get(ip)).map(PublicAddress::publicIp);
    Optional<Attachment> attachment = eni.liveAttachment();
    ActiveRole role = attachment
        .map(a -> intent.sideOf(a.instanceId()).map(s -> ActiveRole.valueOf(s.name())).orElse(ActiveRole.Unknown))
        .orElse(ActiveRole.None);
    return new ObservedState(role, attachment.map(Attachment::instanceId), attachment.map(Attachment::attachmentId), publicIp,
        eni.inPlace().map(Attachment::instanceId));
  }

  @Override
  public Set<Step.Phase> phasesOver(PairIntent intent, Observation observation) {
    Set<Step.Phase> over = EnumSet.noneOf(Step.Phase.class);
    observation.networkInterface().ifPresent(eni -> {
      if (eni.isAttachedNowhere()) {
        over.add(Step.Phase.DETACH);
      }
      if (eni.isAttachedTo(intent.desiredInstanceId())) {
        over.add(Step.Phase.ATTACH);
      }
    });
    return over;
  }

  @Override
  public List<PairClaim> claims(PairIntent intent, Observation observation) {
    return observation.networkInterface().flatMap(eni -> PairClaim.in(eni.tags())).stream().toList();
  }

  @Override
  public Observation claimed(PairIntent intent, Observation observation, PairClaim claim) {
    return observation.withInterfaceTags(claim.tags());
  }

  /** A short sentence for a step, used in paused messages and events. */
  @Override
  public String describe(PairIntent intent, Step step) {
    String eniId = intent.networkInterfaceId();
    if (step instanceof Detach d) {
      return (d.force() ? "force-detach " : "detach ") + eniId + " from " + intent.describe(d.fromInstanceId());
    }
    if (step instanceof Attach a) {
      String attach = "attach " + eniId + " to " + intent.describe(a.instanceId()) + " at device index " + a.deviceIndex();
      return a.insteadOf().map(why -> attach + " instead, so the service keeps running: " + why).orElse(attach);
    }
    if (step instanceof Step.Claim c) {
      return "record the claim of EniFailoverPair " + c.claim().pair() + " in the tags of " + eniId;
    }
    if (step instanceof Step.Fence f) {
      return (f.force() ? "force-stop " : "stop ") + intent.describe(f.instanceId()) + ", which is not known healthy, before " + eniId + " leaves it";
    }
    if (step instanceof Associate a) {
      return "associate Elastic IP " + a.allocationId() + " with " + eniId + " (" + a.privateIp() + ")";
    }
    return ((Hold) step).message();
  }

  private static Hold hold(Reason reason, String format, Object... args) {
    return new Hold(reason, args.length == 0 ? format : String.format(format, args));
  }
}
