package io.enifailover.reconcile;

import io.enifailover.api.EniFailoverPair;
import io.enifailover.api.EniFailoverPairStatus;
import io.enifailover.api.SpecValidator;
import io.enifailover.ec2.Ec2Failure;
import io.enifailover.ec2.Ec2Gateways;
import io.enifailover.metrics.OperatorMetrics;
import io.enifailover.model.Outcome;
import io.enifailover.model.PairIntent;
import io.enifailover.model.Reason;
import io.enifailover.model.Step;
import io.enifailover.plan.Fencing;
import io.enifailover.plan.PassInput;
import io.enifailover.region.Ec2Budget;
import io.enifailover.region.RegionServices;
import io.enifailover.reconcile.PairStates.PairState;
import io.enifailover.strategy.FailoverStrategy;
import io.enifailover.strategy.Strategies;
import io.fabric8.kubernetes.client.KubernetesClient;
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
import java.util.Optional;

/** The JOSDK glue: one pass per pair, open → ({@link PassRunner}: observe ↔ decide, admit, act) → {@link PassRecorder}. */
@ControllerConfiguration(name = EniFailoverPairReconciler.NAME)
public final class EniFailoverPairReconciler implements Reconciler<EniFailoverPair> {
  public static final String NAME = "eni-failover-pair";

  private final FailoverStrategy strategy;
  private final Regions regions;
  private final Pacing pacing;
  private final Clock clock;
  private final boolean tenantGuard;
  private final String cluster;
  private final PairStates states = new PairStates();
  private final SlotReservations reservations = new SlotReservations();
  private final ClaimantWaker waker;
  private final ClaimRelease claimRelease;
  private final AutomaticMode automatic;
  private final PassRunner runner;
  private final PassRecorder recorder;
  private final OperatorMetrics metrics;

  /** @param tenantGuard a pair may use only the EC2 resources tagged for its namespace ({@link io.enifailover.plan.TenantGuard}) */
  public EniFailoverPairReconciler(Ec2Gateways gateways, KubernetesClient client, Duration detachStuckAfter, Pacing pacing,
      OperatorMetrics metrics, MutationGuard guard, boolean tenantGuard, Ec2Budget budget, Clock clock) {
    this.strategy = Strategies.all(detachStuckAfter);
    this.pacing = pacing;
    this.clock = clock;
    this.metrics = metrics;
    this.tenantGuard = tenantGuard;
    this.cluster = ClusterIdentity.of(client);
    this.claimRelease = new ClaimRelease(gateways, guard, cluster, strategy);
    this.waker = new ClaimantWaker(reservations, this::released);
    this.automatic = new AutomaticMode(clock, metrics, waker::wake);
    this.regions = new Regions(gateways, budget, pacing, detachStuckAfter, clock, metrics, strategy,
        new Regions.Wiring(waker::wake, waker::wakeUsersOf, waker::all, waker::wakePair));
    this.runner = new PassRunner(strategy, new Admission(strategy, guard, reservations), new StaleClaims(client, cluster), clock);
    this.recorder = new PassRecorder(strategy, pacing, metrics, new EventRecorder(client, clock), reservations, clock);
  }

  /** This replica stopped leading: it probes nothing more, and a later term starts its health counts from zero. */
  public void leadershipLost() {
    automatic.stopAll();
    regions.all().forEach(r -> r.observer().unwatchAllHealth());
  }

  @Override
  public List<EventSource<?, EniFailoverPair>> prepareEventSources(EventSourceContext<EniFailoverPair> context) {
    waker.index(context.getPrimaryCache());
    metrics.pairsFrom(waker::all);
    return List.of(waker);
  }

  @Override
  public UpdateControl<EniFailoverPair> reconcile(EniFailoverPair pair, Context<EniFailoverPair> context) {
    String uid = pair.getMetadata().getUid();
    PairState state = states.of(uid);
    Optional<RegionServices> region = Optional.empty();
    PassTrace trace;
    List<String> problems = SpecValidator.problems(pair.getSpec());
    if (!problems.isEmpty()) {
      String message = "invalid spec: " + String.join("; ", problems);
      trace = PassTrace.refused(Outcome.held(new Step.Hold(Reason.InvalidSpec, message)), state.memory());
    } else {
      try {
        region = Optional.of(regions.of(pair.getSpec().getRegion()));
        trace = runner.run(open(pair, state, region.get()));
      } catch (Ec2Failure failure) {
        trace = PassTrace.refused(StillInSync.after(pair, failure), state.memory());
      }
    }
    PassRecorder.Recorded recorded = recorder.record(pair, context, state, trace, region);
    states.put(uid, recorded.next());
    return UpdateControl.<EniFailoverPair>noUpdate().rescheduleAfter(recorded.lookAgainIn());
  }

  /** Where the pair's pass starts from: its intent, its memory, the region's budget, and its health in automatic mode. */
  private PassRunner.Pass open(EniFailoverPair pair, PairState state, RegionServices region) {
    Instant now = clock.instant();
    PairIntent intent = IntentMapper.of(pair, PairClaims.ownerOtherThan(pair, waker.sharingInterfaceWith(pair)), tenantGuard, cluster);
    strategy.watch(region.observer(), intent);
    boolean automaticMode = pair.getSpec().isAutomatic();
    if (!automaticMode) {
      automatic.forget(pair, Optional.of(region.observer()));
    }
    PassInput.BudgetView budget = new RegionBudgetView(region.budget(), strategy.moveKey(intent));
    long generation = pair.getMetadata().getGeneration();
    Optional<String> forcedBefore = Optional.ofNullable(pair.getStatus()).map(EniFailoverPairStatus::getForcedDetachAttachmentId);
    PassInput input = new PassInput(intent, Optional.empty(), Optional.empty(),
        state.memory().refusalsFor(generation, now, pacing.stalledRetry()), forcedBefore,
        automaticMode ? state.timeline().fencing(now) : Fencing.Progress.NONE, budget, now, pacing.resync().multipliedBy(2), List.of());
    return new PassRunner.Pass(pair, input, region, automaticMode,
        (forIntent, view) -> Optional.of(automatic.assess(pair, forIntent, view.observation(),
            strategy.planner().observed(forIntent, view.observation()), region.observer())),
        health -> new PassInput.Automatic(health.decision().target(), health.fencing(), health::unverified,
            waker.othersNaming(pair)));
  }

  /** A deleted pair: its claim is released, its state dropped, and its resources no longer watched or counted as moving. */
  private void released(EniFailoverPair deleted) {
    claimRelease.accept(deleted);
    states.drop(deleted.getMetadata().getUid());
    Optional.ofNullable(deleted.getSpec()).ifPresent(spec -> {
      Optional<RegionServices> region = regions.started(spec.getRegion());
      automatic.deleted(deleted, region.map(RegionServices::observer));
      region.ifPresent(r -> {
        strategy.unwatch(r.observer(), deleted);
        r.budget().forget(strategy.moveKey(deleted));
      });
    });
  }

  /** Stops the region services (observers' threads). */
  public void close() {
    automatic.close();
    regions.close();
    claimRelease.close();
  }
}
