package io.enifailover.reconcile;

import io.enifailover.api.EniFailoverPair;
import io.enifailover.api.EniFailoverPairStatus;
import io.enifailover.health.HealthAssessment;
import io.enifailover.metrics.OperatorMetrics;
import io.enifailover.model.Outcome;
import io.enifailover.model.PairAnnotations;
import io.enifailover.model.PairIntent;
import io.enifailover.model.Reason;
import io.enifailover.model.Step;
import io.enifailover.plan.ObservedState;
import io.enifailover.plan.PairMemory;
import io.enifailover.plan.PassInput;
import io.enifailover.region.RegionServices;
import io.enifailover.reconcile.PairStates.PairState;
import io.enifailover.status.AutomaticReport;
import io.enifailover.status.Conditions;
import io.enifailover.status.FailoverTimeline;
import io.enifailover.status.FailoverUpdate;
import io.enifailover.status.StatusReporter;
import io.enifailover.strategy.FailoverStrategy;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Everything a pass leaves behind, made from its trace in one place: the pair's next state, its status
 * (written once), the Events of what the status says is new, metrics, a log line, and when to look again.
 */
final class PassRecorder {
  private final FailoverStrategy strategy;
  private final Pacing pacing;
  private final OperatorMetrics metrics;
  private final EventRecorder events;
  private final SlotReservations reservations;
  private final PassLog log = new PassLog();
  private final StatusReporter reporter = new StatusReporter();
  private final Clock clock;

  PassRecorder(FailoverStrategy strategy, Pacing pacing, OperatorMetrics metrics, EventRecorder events, SlotReservations reservations, Clock clock) {
    this.strategy = strategy;
    this.pacing = pacing;
    this.metrics = metrics;
    this.events = events;
    this.reservations = reservations;
    this.clock = clock;
  }

  /** The pair's state after the pass, and when to look again. */
  record Recorded(PairState next, Duration lookAgainIn) {}

  Recorded record(EniFailoverPair pair, Context<EniFailoverPair> context, PairState state, PassTrace trace, Optional<RegionServices> region) {
    Instant now = clock.instant();
    Outcome outcome = trace.outcome();
    PairMemory memory = trace.memory().counted(outcome, now);
    Optional<ObservedState> observed = observed(trace);
    region.ifPresent(r -> settle(pair, r, trace, observed));
    FailoverTimeline.Result timeline = timeline(state.timeline(), pair.getStatus(), trace, observed);
    EniFailoverPairStatus previous = pair.getStatus();
    long generation = pair.getMetadata().getGeneration();
    StatusReporter.Report report = reporter.report(previous, generation, observed, outcome, timeline.update(), now);
    Optional<AutomaticReport> automatic = trace.health().flatMap(h -> automaticReport(pair, trace, h, now));
    if (automatic.isPresent()) {
      report = automatic.get().addTo(report, previous, generation, now);
      automatic.get().newState(previous).ifPresent(metrics::automaticDecision);
    } else if (!pair.getSpec().isAutomatic()) {
      report = StatusReporter.withoutAutomatic(report);
    }
    StatusReporter.Report shared = report;
    // A pass that read nothing keeps what the last one reported of the strategy's resources.
    Optional.ofNullable(previous).ifPresent(p -> shared.status().setRoutes(p.getRoutes()));
    trace.intent().ifPresent(intent -> trace.view().ifPresent(view -> strategy.report(intent, view.observation(), shared.status())));
    // Events follow the status they describe: none for a status that could not be written.
    if (StatusWriter.unchanged(previous, report.status()) || StatusWriter.write(pair, report.status(), context)) {
      report.events().forEach(e -> events.record(pair, e));
    }
    recordMetrics(previous, outcome, timeline.update());
    log.pass(pair, trace, report);
    return new Recorded(new PairState(memory, timeline.next()), lookAgainIn(trace, memory, observed));
  }

  private Optional<ObservedState> observed(PassTrace trace) {
    return trace.intent().flatMap(intent -> trace.view().map(v -> strategy.planner().observed(intent, v.observation())));
  }

  /**
   * A pass that ended neither in flight nor waiting releases the slot it reserved and its place among the
   * moves in flight; the service seen in place ends its move.
   */
  private void settle(EniFailoverPair pair, RegionServices region, PassTrace trace, Optional<ObservedState> observed) {
    Optional<String> key = trace.intent().map(strategy::moveKey);
    Reason.Category category = trace.outcome().reason().category();
    if (category != Reason.Category.IN_FLIGHT && category != Reason.Category.WAITING) {
      reservations.release(PairClaims.key(pair));
      key.ifPresent(region.budget()::moveEnded);
    }
    if (category != Reason.Category.WAITING && trace.turn().isEmpty()) {
      key.ifPresent(region.budget()::notWaiting);
    }
    if (key.isPresent() && observed.flatMap(ObservedState::inPlaceOn).isPresent()) {
      region.budget().seenAttached(key.get(), trace.view().orElseThrow().observedAt());
    }
  }

  private FailoverTimeline.Result timeline(
      FailoverTimeline timeline, EniFailoverPairStatus previous, PassTrace trace, Optional<ObservedState> observed) {
    if (trace.intent().isEmpty() || trace.view().isEmpty()) {
      return new FailoverTimeline.Result(timeline, FailoverUpdate.NONE);
    }
    PairIntent intent = trace.intent().get();
    PassInput.View view = trace.view().get();
    FailoverTimeline before = trace.health().isPresent() ? timeline.automaticMove(trace.health().get().detection()) : timeline;
    var sent = trace.made().stream()
        .filter(m -> m.change().phase().isPresent())
        .map(m -> new FailoverTimeline.Sent(m.change().phase().get(), m.change().forced(), m.requestedAt(), m.doneAt()))
        .toList();
    // A phase ends when EC2 answered the read that shows it over: never before EC2 finished it, so a phase is never
    // reported shorter than EC2 took, however long the read waited to be sent.
    return before.after(new FailoverTimeline.Pass(intent.desired(), previous, observed.orElseThrow().activeRole(),
        strategy.planner().phasesOver(intent, view.observation()), view.answeredAt(), sent, trace.outcome().reason() == Reason.InSync));
  }

  private static Optional<AutomaticReport> automaticReport(EniFailoverPair pair, PassTrace trace, HealthAssessment health, Instant now) {
    return trace.intent().flatMap(intent -> trace.view().map(view -> AutomaticReport.of(health, pair.getStatus(),
        intent, view.observation(),
        PairAnnotations.value(pair.getMetadata().getAnnotations(), PairAnnotations.FAIL_BACK), now)));
  }

  private void recordMetrics(EniFailoverPairStatus previous, Outcome outcome, FailoverUpdate failover) {
    failover.record().ifPresent(r -> {
      if (failover.completedNow()) {
        metrics.failoverCompleted(r);
      } else if (outcome.reason().category() == Reason.Category.STALLED
          && !outcome.reason().name().equals(previous == null ? "" : previous.reasonOf(Conditions.READY))) {
        metrics.failoverStalled(r.getTrigger());
      }
    });
  }

  private Duration lookAgainIn(PassTrace trace, PairMemory memory, Optional<ObservedState> observed) {
    Duration next = trace.retryAfter().map(Pacing::jittered)
        .orElseGet(() -> pacing.after(trace.outcome(), memory.inFlightPasses(), memory.failedPasses(), observed.filter(ObservedState::nowhere).isPresent()));
    Optional<HealthAssessment> waiting = trace.health().filter(HealthAssessment::waiting);
    if (waiting.isPresent() && next.compareTo(waiting.get().recheck()) > 0) {
      // A cooldown or a failback delay ends with time, and a side's health may come back without a change of
      // verdict (a probe that passes again): look again at the probes' pace, from the view.
      next = waiting.get().recheck();
    }
    if (trace.turn().isPresent() && (trace.outcome().reason().category() == Reason.Category.READY || trace.turn().get().compareTo(next) < 0)) {
      // At its turn exactly, even after a resync: a pair back earlier could take the token of the pair whose turn it is.
      return trace.turn().get();
    }
    return next;
  }
}
