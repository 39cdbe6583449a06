package io.enifailover.reconcile;

import io.enifailover.api.EniFailoverPair;
import io.enifailover.api.EniFailoverPairStatus;
import io.enifailover.api.InstanceRef;
import io.enifailover.api.SpecValidator;
import io.enifailover.ec2.Ec2Failure;
import io.enifailover.ec2.Ec2Gateway;
import io.enifailover.ec2.Ec2Gateways;
import io.enifailover.metrics.OperatorMetrics;
import io.enifailover.model.Address;
import io.enifailover.model.AttachmentStatus;
import io.enifailover.model.NetworkInterface;
import io.enifailover.model.Observation;
import io.enifailover.model.PairClaim;
import io.enifailover.model.PairIntent;
import io.enifailover.model.Reason;
import io.enifailover.model.Step;
import io.enifailover.plan.TransitionProgress;
import io.enifailover.plan.FailoverPlanner;
import io.enifailover.plan.Fencing;
import io.enifailover.plan.ObservationNeeds;
import io.enifailover.plan.ObservedState;
import io.enifailover.plan.RefusedAttach;
import io.enifailover.region.Ec2Budget;
import io.enifailover.region.RegionObserver;
import io.enifailover.region.RegionServices;
import io.enifailover.status.Conditions;
import io.enifailover.status.FailoverUpdate;
import io.enifailover.status.Outcome;
import io.enifailover.status.PairEvent;
import io.enifailover.status.StatusReporter;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One pass: observe EC2, ask the planner for the next step, execute at most that one step, report.
 * Status is written only when it changed, by {@link StatusWriter}; the next pass is scheduled by {@link Pacing}.
 */
@ControllerConfiguration(name = EniFailoverPairReconciler.NAME)
public final class EniFailoverPairReconciler implements Reconciler<EniFailoverPair> {
  public static final String NAME = "eni-failover-pair";
  private static final Logger log = LoggerFactory.getLogger(EniFailoverPairReconciler.class);

  private final Ec2Gateways gateways;
  private final Ec2Budget budget;
  private static final Duration USUAL_TRANSITION = Duration.ofSeconds(10);
  private final Duration usualTransition;
  private final Map<String, RegionServices> regions = new ConcurrentHashMap<>();
  private ClaimantWaker waker;
  private final FailoverPlanner planner;
  private final Pacing pacing;
  private final Clock clock;
  private final StatusReporter reporter = new StatusReporter();
  private final SlotReservations reservations = new SlotReservations();
  private final FailoverTracker tracker = new FailoverTracker();
  private final EventRecorder events;
  private final OperatorMetrics metrics;
  private final MutationGuard guard;
  private final boolean tenantGuard;
  private final StaleClaims staleClaims;
  private final ClaimRelease claimRelease;
  private final String cluster;
  private final AutomaticMode automatic;

  /**
   * @param tenantGuard a pair may use only the EC2 resources tagged for its namespace
   *     ({@link io.enifailover.plan.TenantGuard})
   */
  public EniFailoverPairReconciler(
      Ec2Gateways gateways,
      KubernetesClient client,
      Duration detachStuckAfter,
      Pacing pacing,
      OperatorMetrics metrics,
      MutationGuard guard,
      boolean tenantGuard,
      Ec2Budget budget,
      Clock clock) {
    this.gateways = gateways;
    this.budget = budget;
    this.tenantGuard = tenantGuard;
    this.cluster = ClusterIdentity.of(client);
    this.staleClaims = new StaleClaims(client, cluster);
    this.claimRelease = new ClaimRelease(gateways, guard, cluster);
    this.guard = guard;
    this.metrics = metrics;
    this.planner = new FailoverPlanner(detachStuckAfter);
    // Past EC2's usual few seconds (or the stuck threshold, when lower), a transition is read less often.
    this.usualTransition = detachStuckAfter.compareTo(USUAL_TRANSITION) < 0 ? detachStuckAfter : USUAL_TRANSITION;
    this.pacing = pacing;
    this.clock = clock;
    this.events = new EventRecorder(client, clock);
    this.automatic = new AutomaticMode(clock, metrics, (namespace, name) -> waker.wake(namespace, name));
  }

  /** This replica stopped leading: it probes nothing more, and a later term starts its health counts from zero. */
  public void leadershipLost() {
    automatic.stopAll();
    regions.values().forEach(r -> r.observer().unwatchAllHealth());
  }

  @Override
  public List<EventSource<?, EniFailoverPair>> prepareEventSources(EventSourceContext<EniFailoverPair> context) {
    context.getPrimaryCache().addIndexer(ClaimantWaker.BY_INTERFACE, ClaimantWaker::interfaceOf);
    context.getPrimaryCache().addIndexer(ClaimantWaker.BY_INSTANCE, ClaimantWaker::instancesOf);
    waker = new ClaimantWaker(context.getPrimaryCache(), reservations, this::released);
    return List.of(waker);
  }

  @Override
  public UpdateControl<EniFailoverPair> reconcile(EniFailoverPair pair, Context<EniFailoverPair> context) {
    Instant started = clock.instant();
    FailoverTracker.PairMemory memory = tracker.memory(pair.getMetadata().getUid(), started);
    EniFailoverPairStatus previous = pair.getStatus();
    Pass pass = run(pair, context, memory, started);
    Instant now = clock.instant();
    tracker.countPass(memory, pass.outcome, now);
    Reason.Category category = pass.outcome.reason().category();
    Optional<RegionServices> pairRegion = Optional.ofNullable(regions.get(regionKey(pair.getSpec().getRegion())));
    if (category != Reason.Category.IN_FLIGHT && category != Reason.Category.WAITING) {
      reservations.release(PairClaims.key(pair));
      pairRegion.ifPresent(r -> r.budget().moveEnded(pair.getSpec().getNetworkInterfaceId()));
    }
    if (category != Reason.Category.WAITING) {
      pairRegion.ifPresent(r -> r.budget().notWaiting(pair.getSpec().getNetworkInterfaceId()));
    }
    FailoverUpdate failover =
        pass.observation == null
            ? FailoverUpdate.NONE
            : tracker.afterPass(memory, pass.intent, previous, pass.observation, pass.observedAt, pass.outcome, pass.requestedAt, now);
    StatusReporter.Report report =
        reporter.report(previous, pair.getMetadata().getGeneration(), pass.observed(), pass.outcome, failover, now);
    if (pass.automatic != null) {
      report = automatic.report(pass.automatic, previous, pass.intent, pass.observation, metrics, pair)
          .addTo(report, previous, pair.getMetadata().getGeneration(), now);
    } else if (!AutomaticMode.isAutomatic(pair)) {
      report = StatusReporter.withoutAutomatic(report);
    }
    Duration next = pass.retryAfter != null
        ? Pacing.jittered(pass.retryAfter)
        : pacing.after(pass.outcome, memory.inFlightPasses(), memory.failedPasses(), pass.interfaceDetached());
    if (pass.automatic != null && pass.automatic.waiting() && next.compareTo(pass.automatic.recheck()) > 0) {
      // A cooldown or a failback delay ends with time, and a side's health may come back without a change of
      // verdict (a probe that passes again): look again at the probes' pace, from the view.
      next = pass.automatic.recheck();
    }
    // Events follow the status they describe: none for a status that could not be written.
    if (sameStatus(previous, report.status()) || StatusWriter.write(pair, report.status(), context)) {
      report.events().forEach(e -> events.record(pair, e));
    }
    record(context, previous, pass.outcome, failover);
    logPass(pair, pass, report);
    return UpdateControl.<EniFailoverPair>noUpdate().rescheduleAfter(next);
  }

  /** What one pass saw and did; observation is null when the spec was refused or EC2 did not answer. */
  private static final class Pass {
    PairIntent intent;
    Observation observation;
    Instant observedAt;
    Instant requestedAt;
    Outcome outcome;
    /** When the oldest part of the observation (an instance, say) was read. */
    Instant oldestReadAt;
    /** Set when the region's budget said when to come back. */
    Duration retryAfter;
    /** For a pair in automatic mode: its health and the side chosen from it. */
    AutomaticMode.Assessment automatic;
    /** The other pairs naming an instance: fencing never stops an instance another pair uses. */
    Function<String, List<String>> othersNaming = id -> List.of();
    Fencing.Progress fencing = Fencing.Progress.NONE;
    boolean automaticMode;

    Optional<ObservedState> observed() {
      return observation == null ? Optional.empty() : Optional.of(ObservedState.of(intent, observation));
    }

    boolean interfaceAttached() {
      return observation != null
          && observation.networkInterface().flatMap(NetworkInterface::liveAttachment)
              .filter(a -> a.status() == AttachmentStatus.ATTACHING || a.status() == AttachmentStatus.ATTACHED)
              .isPresent();
    }

    boolean interfaceDetached() {
      return observation != null
          && observation.networkInterface().flatMap(NetworkInterface::liveAttachment).isEmpty()
          && observation.networkInterface().isPresent();
    }
  }

  private Pass run(
      EniFailoverPair pair, Context<EniFailoverPair> context, FailoverTracker.PairMemory memory, Instant started) {
    Pass pass = new Pass();
    var problems = SpecValidator.problems(pair.getSpec());
    if (!problems.isEmpty()) {
      pass.outcome = Outcome.held(new Step.Hold(Reason.InvalidSpec, "invalid spec: " + String.join("; ", problems)));
      return pass;
    }
    pass.intent = IntentMapper.of(
        pair, PairClaims.ownerOtherThan(pair, ClaimantWaker.sharingInterfaceWith(context.getPrimaryCache(), pair)), tenantGuard, cluster);
    pass.automaticMode = AutomaticMode.isAutomatic(pair);
    pass.fencing = pass.automaticMode ? tracker.fencing(memory, started) : Fencing.Progress.NONE;
    RegionServices region;
    try {
      region = region(pair.getSpec().getRegion());
      region.observer().watch(pass.intent.networkInterfaceId());
      // While a fenced instance stops, each pass looks at it afresh: the detach waits for nothing else.
      observe(region, pass, pass.fencing.stoppingFor().isPresent() ? RegionObserver.FRESH : viewMaxAge());
      Optional<PairIntent> knowingStaleClaim = withStaleClaim(pass.intent, pass.observation);
      if (knowingStaleClaim.isPresent()) {
        pass.intent = knowingStaleClaim.get();
        observe(region, pass, viewMaxAge());
      }
    } catch (Ec2Failure failure) {
      pass.outcome = stillInSync(pair, failure)
          .orElseGet(() -> Outcome.held(new Step.Hold(failure.reason(), failure.getMessage())));
      return pass;
    }
    if (pass.automaticMode && tracker.predatesLastChange(memory, pass.observedAt)) {
      // Automatic failover decides from the side the interface is on: a view from before the pair's own
      // last change (a pass woken just after another one's detach) would undo that change.
      try {
        observe(region, pass, Duration.ZERO);
      } catch (Ec2Failure failure) {
        pass.outcome = Outcome.held(new Step.Hold(failure.reason(), failure.getMessage()));
        return pass;
      }
    }
    decideAutomatically(pair, context, memory, region, pass);
    if (pass.interfaceAttached()) {
      region.budget().seenAttached(pass.intent.networkInterfaceId(), pass.observedAt);
    }
    if (tracker.claimSettling(memory, pass.observedAt) && !tracker.claimSettling(memory, clock.instant())) {
      // The claim has settled since the view was read: read it back now, so that the pair acts on what EC2 shows after the settle.
      try {
        observe(region, pass, Duration.ZERO);
      } catch (Ec2Failure failure) {
        pass.outcome = Outcome.held(new Step.Hold(failure.reason(), failure.getMessage()));
        return pass;
      }
    }
    TransitionProgress progress = tracker.progress(memory, pass.observation, pass.observedAt,
        Optional.ofNullable(pair.getStatus()).map(EniFailoverPairStatus::getForcedDetachAttachmentId))
        .withClaimSettling(tracker.claimSettling(memory, pass.observedAt));
    long generation = pair.getMetadata().getGeneration();
    Step step = next(pass, progress, refusedAttaches(memory, generation, pass.observedAt));
    Optional<Duration> queued = step.mutates() ? region.budget().wouldWait(step, pass.intent.networkInterfaceId()) : Optional.empty();
    if (queued.isPresent() && step instanceof Step.Claim) {
      // The claim waits its turn (claims come last); meanwhile the pair goes on as one whose claim is not recorded.
      progress = progress.withClaimUnavailable(true);
      step = next(pass, progress, refusedAttaches(memory, generation, pass.observedAt));
      queued = step.mutates() ? region.budget().wouldWait(step, pass.intent.networkInterfaceId()) : Optional.empty();
    }
    if (queued.isPresent()) {
      pass.retryAfter = queued.get();
      pass.outcome = queued(region, pass.intent, step);
      return pass;
    }
    boolean predatesChange = tracker.predatesLastChange(memory, pass.observedAt);
    // An attach puts an interface attached nowhere back on an instance: it cannot strand a service, and EC2
    // refuses it on an instance gone meanwhile (the other side is tried then), so only the interface must be
    // fresh. Every other change rests on a fresh read of all its parts.
    Instant restsOn = step instanceof Step.Attach ? pass.observedAt : pass.oldestReadAt;
    if (step.mutates() && (predatesChange || Duration.between(restsOn, clock.instant()).compareTo(RegionObserver.FRESH) > 0)) {
      // The view served the plan; a change is planned on a fresh read, taken after the pair's own last change.
      try {
        observe(region, pass, predatesChange ? Duration.ZERO : RegionObserver.FRESH);
      } catch (Ec2Failure failure) {
        pass.outcome = Outcome.held(new Step.Hold(failure.reason(), failure.getMessage()));
        return pass;
      }
      step = next(pass, progress, refusedAttaches(memory, generation, pass.observedAt));
    }
    if (step instanceof Step.Claim claim) {
      Outcome claimed = act(pair, region, pass, step);
      if (claimed.executed().isPresent()) {
        logClaim(pair, claim);
        tracker.claimWritten(memory, clock.instant());
        // The claim is only the first thing a pass does: plan on, knowing the interface now carries it.
        pass.observation = pass.observation.withInterfaceTags(claim.claim().tags());
        progress = progress.withClaimSettling(true);
      } else {
        // Without the claim the pair still reports what it sees and brings back an interface attached
        // nowhere; it only starts no move (the planner holds those).
        progress = progress.withClaimUnavailable(true);
        pass.retryAfter = null;
      }
      step = next(pass, progress, refusedAttaches(memory, generation, pass.observedAt));
      if (claimed.executed().isEmpty() && step instanceof Step.Hold hold && hold.reason() == Reason.Claiming) {
        pass.outcome = claimed;
        return pass;
      }
      if (claimed.executed().isEmpty()) {
        log.atWarn().addKeyValue("pair", PairClaims.key(pair)).addKeyValue("eni", pass.intent.networkInterfaceId())
            .addKeyValue("reason", claimed.reason()).log("the pair's claim could not be recorded: {}", claimed.message());
      }
    }
    pass.requestedAt = clock.instant();
    pass.outcome = act(pair, region, pass, step);
    if (step instanceof Step.Attach attach && pass.outcome.reason().category() == Reason.Category.STALLED) {
      putElsewhere(pair, region, pass, memory, progress, attach);
    }
    return pass;
  }

  /**
   * In automatic mode: the side to keep the interface on becomes the pass's desired side, chosen from the
   * health of both; in manual mode, nothing of the pair is probed.
   */
  private void decideAutomatically(
      EniFailoverPair pair, Context<EniFailoverPair> context, FailoverTracker.PairMemory memory, RegionServices region, Pass pass) {
    if (!pass.automaticMode) {
      automatic.forget(pair, Optional.of(region.observer()));
      return;
    }
    pass.automatic = automatic.assess(pair, pass.intent, pass.observation, region.observer());
    pass.intent = pass.intent.withDesired(pass.automatic.decision().target());
    tracker.automaticMove(memory, pass.automatic.detection());
    String uid = pair.getMetadata().getUid();
    pass.othersNaming = id -> context.getPrimaryCache().byIndex(ClaimantWaker.BY_INSTANCE, id).stream()
        .filter(other -> !uid.equals(other.getMetadata().getUid())).map(PairClaims::key).toList();
  }

  /** The planner's next step; with fencing on, a detach from a failed instance is preceded by its stop. */
  private Step next(Pass pass, TransitionProgress progress, Map<String, RefusedAttach> refused) {
    Step step = planner.next(pass.intent, pass.observation, progress, refused);
    if (pass.automatic == null || !pass.automatic.fencing()) {
      return step;
    }
    List<String> others = step instanceof Step.Detach d ? pass.othersNaming.apply(d.fromInstanceId()) : List.of();
    return Fencing.before(step, pass.intent, pass.observation, pass.automatic::unverified, others, pass.fencing);
  }

  /**
   * The intent, knowing that the claim of another pair found on the interface is stale (that pair is gone),
   * when it is; the interface's other observations are then taken again for the pair's own plan.
   */
  private Optional<PairIntent> withStaleClaim(PairIntent intent, Observation observation) {
    return observation.networkInterface()
        .flatMap(eni -> PairClaim.in(eni.tags()))
        .filter(claim -> !claim.uid().equals(intent.self().uid()))
        .filter(staleClaims::isStale)
        .map(claim -> intent.withStaleClaim(claim.uid()));
  }

  private static void logClaim(EniFailoverPair pair, Step.Claim claim) {
    log.atInfo().addKeyValue("pair", PairClaims.key(pair))
        .addKeyValue("eni", pair.getSpec().getNetworkInterfaceId())
        .addKeyValue("step", Reason.Claiming)
        .log("recorded the pair's claim in the network interface's tags ({}={})", PairClaim.TAG, claim.claim().value());
  }

  private Map<String, RefusedAttach> refusedAttaches(FailoverTracker.PairMemory memory, long generation, Instant now) {
    return tracker.refusedAttaches(memory, generation, now, pacing.stalledRetry());
  }

  /**
   * The attach of an interface that is attached nowhere was refused: remember it (for this spec, until
   * the stalled re-check), and put the interface on the other side of the pair now if that can take it.
   */
  private void putElsewhere(
      EniFailoverPair pair, RegionServices region, Pass pass, FailoverTracker.PairMemory memory, TransitionProgress progress, Step.Attach refusedStep) {
    long generation = pair.getMetadata().getGeneration();
    Outcome refused = pass.outcome;
    tracker.rememberRefusedAttach(memory, new RefusedAttach(refusedStep.instanceId(), refused.reason(), refused.message()), clock.instant());
    Step fallback = next(pass, progress, refusedAttaches(memory, generation, pass.observedAt));
    if (!(fallback instanceof Step.Attach other) || other.instanceId().equals(refusedStep.instanceId())) {
      return;
    }
    pass.requestedAt = clock.instant();
    pass.outcome = act(pair, region, pass, fallback);
    if (pass.outcome.reason().category() == Reason.Category.STALLED) {
      tracker.rememberRefusedAttach(memory, new RefusedAttach(other.instanceId(), pass.outcome.reason(), pass.outcome.message()), clock.instant());
      pass.outcome = new Outcome(refused.reason(),
          refused.message() + "; attaching it to " + pass.intent.describe(other.instanceId()) + " instead failed too: " + pass.outcome.message(),
          Optional.empty());
    }
  }

  private Outcome act(EniFailoverPair pair, RegionServices region, Pass pass, Step step) {
    PairIntent intent = pass.intent;
    if (!step.mutates()) {
      return execute(region.ec2(), intent, step);
    }
    Optional<String> notNow = guard.whyNot();
    if (notNow.isPresent()) {
      return Outcome.held(new Step.Hold(Reason.NotLeading,
          notNow.get() + "; it changes nothing (it would " + FailoverPlanner.describe(intent, step) + ")"));
    }
    Optional<Outcome> reserved = reservedByAnotherPair(pair, intent, step);
    if (reserved.isPresent()) {
      return reserved.get();
    }
    String eni = intent.networkInterfaceId();
    Optional<Duration> wait = region.budget().admit(step, eni);
    if (wait.isPresent()) {
      pass.retryAfter = wait.get();
      return queued(region, intent, step);
    }
    Outcome outcome = execute(region.ec2(), intent, step);
    if (outcome.executed().isPresent() && !(step instanceof Step.Fence)) {
      // A stop changes the instance, not the interface: the health sweep sees it, the ticks need not.
      region.observer().expectChange(eni);
    } else if (step instanceof Step.Detach) {
      region.budget().moveEnded(eni);
    }
    if (outcome.reason() == Reason.Throttled) {
      // The SDK does not retry mutations: the pair comes back when the region's bucket has refilled.
      region.budget().throttled(step);
      pass.retryAfter = region.budget().wouldWait(step, eni).orElse(Duration.ofSeconds(1));
    }
    return outcome;
  }

  private static Outcome queued(RegionServices region, PairIntent intent, Step step) {
    return Outcome.held(new Step.Hold(Reason.Queued, String.format(
        "waiting for the region's EC2 budget (%d of %d moves in flight) to %s",
        region.budget().movesInFlight(), region.budget().movesInFlightCap(),
        FailoverPlanner.describe(intent, step))));
  }

  private RegionServices region(String name) {
    String key = regionKey(name);
    RegionServices existing = regions.get(key);
    if (existing != null) {
      return existing;
    }
    // Resolved first: an unknown region fails here (InvalidRegion) and starts nothing.
    var ec2 = gateways.forRegion(name);
    return regions.computeIfAbsent(key, k -> {
      String regionName = k.isEmpty() ? "default" : k;
      RegionServices services = RegionServices.start(
          regionName, ec2, budget, pacing.resync(), usualTransition, pacing.detachStuckRetry(), clock,
          eni -> waker.wake(eni), instance -> waker.wakeUsersOf(instance));
      metrics.regionBudget(regionName, services.budget());
      prefetch(k, services);
      return services;
    });
  }

  /** The key of a pair's region services: empty for the operator's default region (no or a blank spec.region). */
  private static String regionKey(String specRegion) {
    return specRegion == null || specRegion.isBlank() ? "" : specRegion;
  }

  /** Reads the interfaces and instances of every pair of the region now known, in a few batched calls. */
  private void prefetch(String regionKey, RegionServices services) {
    Set<String> interfaces = new HashSet<>();
    Set<String> instances = new HashSet<>();
    for (EniFailoverPair pair : waker.all()) {
      var spec = pair.getSpec();
      if (spec == null || spec.getNetworkInterfaceId() == null || !regionKey.equals(regionKey(spec.getRegion()))) {
        continue;
      }
      interfaces.add(spec.getNetworkInterfaceId());
      Optional.ofNullable(spec.getPrimary()).map(InstanceRef::getInstanceId).ifPresent(instances::add);
      Optional.ofNullable(spec.getStandby()).map(InstanceRef::getInstanceId).ifPresent(instances::add);
    }
    services.observer().prefetch(interfaces, instances);
  }

  /** A deleted pair: its claim is released, and its interface no longer watched or counted as moving. */
  private void released(EniFailoverPair deleted) {
    claimRelease.accept(deleted);
    Optional.ofNullable(deleted.getSpec()).ifPresent(spec -> {
      RegionServices region = regions.get(regionKey(spec.getRegion()));
      automatic.deleted(deleted, Optional.ofNullable(region).map(RegionServices::observer));
      if (region != null) {
        region.observer().unwatch(spec.getNetworkInterfaceId());
        region.budget().moveEnded(spec.getNetworkInterfaceId());
      }
    });
  }

  /** Stops the region services (observers' threads). */
  public void close() {
    automatic.close();
    regions.values().forEach(RegionServices::close);
    regions.clear();
    claimRelease.close();
  }

  /**
   * A routine re-check of a pair in sync that EC2 throttled or did not answer leaves it Ready: nothing
   * says it changed, and flapping Ready would alarm every GitOps tool watching it. Not after a spec
   * change: then the pair has not been brought to the new spec yet.
   */
  private static Optional<Outcome> stillInSync(EniFailoverPair pair, Ec2Failure failure) {
    EniFailoverPairStatus status = pair.getStatus();
    boolean transientFailure = failure.reason().category() == Reason.Category.WAITING;
    if (!transientFailure || status == null || !Objects.equals(status.getObservedGeneration(), pair.getMetadata().getGeneration())) {
      return Optional.empty();
    }
    return status.condition(Conditions.READY)
        .filter(c -> "True".equals(c.getStatus()))
        .map(c -> {
          log.atWarn().addKeyValue("pair", PairClaims.key(pair)).addKeyValue("reason", failure.reason())
              .log("re-check of a pair in sync did not reach EC2; still Ready, looking again at the next resync: {}", failure.getMessage());
          return new Outcome(Reason.InSync, c.getMessage(), Optional.empty());
        });
  }

  /** A plan may rest on the region's sweep of all interfaces, which runs every resync. */
  private Duration viewMaxAge() {
    return pacing.resync().multipliedBy(2);
  }

  /** The pair's observation from the region's view, each part read no longer than {@code maxAge} ago. */
  private static void observe(RegionServices region, Pass pass, Duration maxAge) {
    PairIntent intent = pass.intent;
    RegionObserver.Seen<NetworkInterface> eni = region.observer().networkInterface(intent.networkInterfaceId(), maxAge);
    ObservationNeeds needs = ObservationNeeds.after(intent, eni.value());
    if (pass.automaticMode) {
      // Automatic failover weighs EC2's view of both instances, and probes them at their private IPs.
      needs = needs.withInstances(intent.primaryInstanceId(), intent.standbyInstanceId());
    }
    Map<String, io.enifailover.model.Instance> instances = new java.util.HashMap<>();
    Instant oldest = eni.readAt();
    for (var seen : region.observer().instances(needs.instanceIds(), maxAge).entrySet()) {
      seen.getValue().value().ifPresent(i -> instances.put(seen.getKey(), i));
      oldest = seen.getValue().readAt().isBefore(oldest) ? seen.getValue().readAt() : oldest;
    }
    Optional<Address> address = Optional.empty();
    if (needs.allocationId().isPresent()) {
      RegionObserver.Seen<Address> seen = region.observer().address(needs.allocationId().get(), maxAge);
      address = seen.value();
      oldest = seen.readAt().isBefore(oldest) ? seen.readAt() : oldest;
    }
    pass.observation = new Observation(eni.value(), instances, address);
    pass.observedAt = eni.readAt();
    pass.oldestReadAt = oldest;
  }

  private static Outcome execute(Ec2Gateway ec2, PairIntent intent, Step step) {
    if (step instanceof Step.Hold hold) {
      return Outcome.held(hold);
    }
    String eniId = intent.networkInterfaceId();
    try {
      Reason phase;
      String detail = "";
      if (step instanceof Step.Detach d) {
        Optional<Outcome> refused = attachNotPermitted(ec2, intent, d);
        if (refused.isPresent()) {
          return refused.get();
        }
        ec2.detach(d.attachmentId(), d.force());
        phase = Reason.Detaching;
        detail = " (" + d.attachmentId() + ")";
      } else if (step instanceof Step.Attach a) {
        detail = " (" + ec2.attach(eniId, a.instanceId(), a.deviceIndex()) + ")";
        phase = Reason.Attaching;
      } else if (step instanceof Step.Claim c) {
        ec2.createTags(eniId, c.claim().tags());
        phase = Reason.Claiming;
      } else if (step instanceof Step.Fence f && f.force()) {
        ec2.forceStopInstance(f.instanceId());
        phase = Reason.Fencing;
      } else if (step instanceof Step.Fence f) {
        // The stop is the move's first change: the target's attach must be permitted before it, as before a detach.
        Optional<Outcome> refused = attachNotPermitted(ec2, intent, new Step.Detach("", f.instanceId(), false));
        if (refused.isPresent()) {
          return refused.get();
        }
        ec2.stopInstance(f.instanceId(), false);
        phase = Reason.Fencing;
      } else {
        Step.Associate a = (Step.Associate) step;
        ec2.associateAddress(a.allocationId(), eniId, a.privateIp(), a.allowReassociation());
        phase = Reason.Associating;
      }
      return new Outcome(phase, FailoverPlanner.describe(intent, step) + detail, Optional.of(step));
    } catch (Ec2Failure failure) {
      String message =
          failure.reason() == Reason.Conflict
              ? "EC2 changed while the operator tried to " + FailoverPlanner.describe(intent, step) + "; observing again: " + failure.getMessage()
              : failure.getMessage();
      return new Outcome(failure.reason(), message, Optional.empty());
    }
  }

  /** Before a detach or an attach, the target slot must be this pair's: refused while another pair is moving into it. */
  private Optional<Outcome> reservedByAnotherPair(EniFailoverPair pair, PairIntent intent, Step step) {
    if (!(step instanceof Step.Detach || step instanceof Step.Attach || step instanceof Step.Fence)) {
      return Optional.empty();
    }
    String target = step instanceof Step.Attach a ? a.instanceId() : intent.desiredInstanceId();
    return reservations.reserve(new SlotReservations.Slot(target, intent.deviceIndex()), PairClaims.key(pair))
        .map(other -> Outcome.held(new Step.Hold(
            Reason.DeviceIndexInUse,
            String.format(
                "EniFailoverPair %s is moving its interface to device index %d of instance %s; this pair changes nothing, so network interface %s stays where it is. Give one of the pairs another spec.deviceIndex",
                other, intent.deviceIndex(), intent.describe(target), intent.networkInterfaceId()))));
  }

  /**
   * EC2's dry run of the attach on the target, before the interface leaves where it is: a denial found
   * after the detach (a tag-restricted policy and an untagged standby, say) would leave it attached nowhere.
   */
  private static Optional<Outcome> attachNotPermitted(Ec2Gateway ec2, PairIntent intent, Step.Detach detach) {
    String eniId = intent.networkInterfaceId();
    String target = intent.desiredInstanceId();
    try {
      ec2.checkAttachPermitted(eniId, target, intent.deviceIndex());
      return Optional.empty();
    } catch (Ec2Failure failure) {
      String message = failure.reason() == Reason.AccessDenied
          ? "the operator may not attach " + eniId + " to " + intent.describe(target) + ", so it stays on "
              + intent.describe(detach.fromInstanceId()) + ": " + failure.getMessage()
          : failure.getMessage();
      return Optional.of(new Outcome(failure.reason(), message, Optional.empty()));
    }
  }

  private void record(
      Context<EniFailoverPair> context, EniFailoverPairStatus previous, Outcome outcome, FailoverUpdate failover) {
    metrics.pairsFrom(() -> context.getPrimaryCache().list().toList());
    failover.record().ifPresent(r -> {
      if (failover.completedNow()) {
        metrics.failoverCompleted(r);
      } else if (outcome.reason().category() == Reason.Category.STALLED && !outcome.reason().name().equals(readyReason(previous))) {
        metrics.failoverStalled(r.getTrigger());
      }
    });
  }

  private static String readyReason(EniFailoverPairStatus status) {
    return status == null ? "" : status.reasonOf(Conditions.READY);
  }

  private static void logPass(EniFailoverPair pair, Pass pass, StatusReporter.Report report) {
    var builder =
        (pass.outcome.executed().isPresent() || !report.events().isEmpty() ? log.atInfo() : log.atDebug())
            .addKeyValue("pair", PairClaims.key(pair))
            .addKeyValue("eni", pair.getSpec() == null ? null : pair.getSpec().getNetworkInterfaceId())
            .addKeyValue("step", pass.outcome.reason())
            .addKeyValue("active", report.status().getActiveInstanceId());
    builder.log(pass.outcome.message());
  }

  /**
   * True when the status to write says nothing new. The probe counters and times of automatic mode change at
   * every probe: alone they are not worth a write (1000 pairs would write at every resync), so they are as of
   * the last write that something else caused.
   */
  private static boolean sameStatus(EniFailoverPairStatus a, EniFailoverPairStatus b) {
    if (a == null) {
      return false;
    }
    return withoutProbeCounters(a).equals(withoutProbeCounters(b));
  }

  private static com.fasterxml.jackson.databind.JsonNode withoutProbeCounters(EniFailoverPairStatus status) {
    com.fasterxml.jackson.databind.JsonNode tree = Serialization.jsonMapper().valueToTree(status);
    for (String side : List.of("primary", "standby")) {
      if (tree.path("health").path(side) instanceof com.fasterxml.jackson.databind.node.ObjectNode health) {
        health.remove(List.of("lastProbeTime", "consecutiveFailures", "consecutiveSuccesses"));
      }
    }
    return tree;
  }
}
