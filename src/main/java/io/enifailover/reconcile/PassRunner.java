package io.enifailover.reconcile;

import io.enifailover.api.EniFailoverPair;
import io.enifailover.ec2.Ec2Failure;
import io.enifailover.health.HealthAssessment;
import io.enifailover.model.Outcome;
import io.enifailover.model.PairIntent;
import io.enifailover.model.Reason;
import io.enifailover.model.Step;
import io.enifailover.plan.Decision;
import io.enifailover.plan.PairMemory;
import io.enifailover.plan.PassDecider;
import io.enifailover.plan.PassInput;
import io.enifailover.plan.RefusedTarget;
import io.enifailover.region.RegionServices;
import io.enifailover.strategy.FailoverStrategy;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Carries out one pass's decisions: reads the region's view when the decider says read, admits and makes a
 * change when it says act, and ends when it says stop, at most {@value #MAX_READS} reads and
 * {@value #MAX_CHANGES} changes per pass. Every round goes into the pass's trace.
 */
final class PassRunner {
  static final int MAX_READS = 3;
  static final int MAX_CHANGES = 2;

  private final FailoverStrategy strategy;
  private final PassDecider decider;
  private final Admission admission;
  private final StaleClaims staleClaims;
  private final Clock clock;

  PassRunner(FailoverStrategy strategy, Admission admission, StaleClaims staleClaims, Clock clock) {
    this.strategy = strategy;
    this.decider = new PassDecider(strategy.planner());
    this.admission = admission;
    this.staleClaims = staleClaims;
    this.clock = clock;
  }

  /** How automatic mode assesses a pair's health from a view. */
  interface Health {
    Optional<HealthAssessment> assess(PairIntent intent, PassInput.View view);
  }

  /**
   * One pair's pass: its resource, where it starts from, its region, and for a pair in automatic mode how to
   * weigh its health and what the decider is told of it.
   */
  record Pass(
      EniFailoverPair pair, PassInput input, RegionServices region, boolean automaticMode, Health health,
      Function<HealthAssessment, PassInput.Automatic> automatic) {}

  PassTrace run(Pass pass) {
    PassInput in = pass.input();
    PassTrace trace = opening(in);
    int reads = 0;
    int changes = 0;
    while (true) {
      Instant at = clock.instant();
      Decision decision = decider.decide(in.at(at));
      if (decision instanceof Decision.Stop stop) {
        return stopped(pass, trace, stop, in, at);
      }
      if (decision instanceof Decision.Read read) {
        if (reads++ == MAX_READS) {
          return trace.ending(held(Reason.Conflict, "EC2 changed while the pass read it " + MAX_READS + " times; observing again"),
              Optional.empty(), in.memory());
        }
        Observed observed = observe(pass, in, read, reads == 1);
        trace = trace.with(new PassTrace.Round(read, observed.failure(), at, clock.instant()));
        if (observed.failure().isPresent()) {
          return trace.ending(observed.failure().get(), Optional.empty(), in.memory());
        }
        in = observed.input();
        trace = trace.seeing(in.effectiveIntent(), in.view().orElseThrow(), in.memory(), observed.health());
        continue;
      }
      Decision.Act act = (Decision.Act) decision;
      if (changes++ == MAX_CHANGES) {
        return trace.ending(in.acted().get(in.acted().size() - 1).outcome(), Optional.empty(), in.memory());
      }
      Admission.Result result = admission.make(pass.pair(), pass.region(), in.effectiveIntent(), act.change());
      Instant done = clock.instant();
      in = remember(in, act.change(), result.outcome(), at, done);
      trace = trace.with(new PassTrace.Round(act, Optional.of(result.outcome()), at, done));
      if (!act.decideAgain()) {
        return trace.ending(result.outcome(), result.retryAfter(), in.memory());
      }
      // What EC2 answered is the pass's outcome unless the decider, deciding again, ends it otherwise.
      trace = trace.ending(result.outcome(), Optional.empty(), in.memory());
    }
  }

  private static PassTrace opening(PassInput in) {
    return new PassTrace(Optional.of(in.intent()), Optional.empty(), in.memory(), Optional.empty(), List.of(),
        held(Reason.Conflict, "the pass made no decision"), Optional.empty(), Optional.empty());
  }

  /** The trace of a pass the decider stopped; a pair that waits for a token is given its turn in the budget's queue. */
  private PassTrace stopped(Pass pass, PassTrace trace, Decision.Stop stop, PassInput in, Instant at) {
    PassTrace ended = trace.with(new PassTrace.Round(stop, Optional.empty(), at, at)).ending(stop.outcome(), stop.lookAgainIn(), in.memory());
    String moveKey = strategy.moveKey(in.effectiveIntent());
    return stop.waitsTurn().map(c -> ended.waitingTurn(pass.region().budget().turn(c, moveKey))).orElse(ended);
  }

  /** What a read gave: the input with the view, or EC2's failure to answer. */
  private record Observed(PassInput input, Optional<HealthAssessment> health, Optional<Outcome> failure) {}

  /** Reads the pair's view, judges a claim of a pair that no longer exists, and weighs the pair's health. */
  private Observed observe(Pass pass, PassInput in, Decision.Read read, boolean first) {
    PassInput.View view;
    try {
      view = strategy.observe(pass.region().observer(), in.effectiveIntent(), pass.automaticMode(), read.maxAge());
    } catch (Ec2Failure failure) {
      // Only the pass's routine first read may leave a pair in sync Ready; a failed reread ends the pass as it is.
      return new Observed(in, Optional.empty(), Optional.of(first ? StillInSync.after(pass.pair(), failure) : held(failure.reason(), failure.getMessage())));
    }
    PairIntent intent = withStaleClaim(in.intent(), view);
    PairMemory memory = in.memory().seeing(strategy.planner().transition(intent, view.observation()), view.observedAt());
    Optional<HealthAssessment> health = pass.automaticMode() ? pass.health().assess(intent, view) : Optional.empty();
    return new Observed(in.withView(view).withMemory(memory).withIntent(intent).withAutomatic(health.map(pass.automatic())), health,
        Optional.empty());
  }

  /** The intent, knowing that the claim of another pair found on the interface is stale (that pair is gone), when it is. */
  private PairIntent withStaleClaim(PairIntent intent, PassInput.View view) {
    if (intent.staleClaimUid().isPresent()) {
      return intent;
    }
    return strategy.planner().claims(intent, view.observation()).stream()
        .filter(claim -> !claim.uid().equals(intent.self().uid()))
        .filter(staleClaims::isStale)
        .findFirst()
        .map(claim -> intent.withStaleClaim(claim.uid()))
        .orElse(intent);
  }

  /** The pass's input after {@code change}: the memory knows what EC2 took or refused, and the view shows the pair's own claim. */
  private PassInput remember(PassInput in, Step.Change change, Outcome outcome, Instant requestedAt, Instant doneAt) {
    PairMemory memory = in.memory();
    if (outcome.executed().isPresent()) {
      memory = memory.changed(change, requestedAt, doneAt);
    } else if (outcome.reason().category() == Reason.Category.STALLED && change.target().isPresent()) {
      memory = memory.refusedOn(new RefusedTarget(change.target().get(), outcome.reason(), outcome.message()), doneAt);
    }
    PassInput next = in.withMemory(memory).after(new PassInput.Acted(change, outcome));
    if (outcome.executed().isPresent() && change instanceof Step.Claim claim) {
      PassInput.View view = in.view().orElseThrow();
      next = next.withView(new PassInput.View(strategy.planner().claimed(next.effectiveIntent(), view.observation(), claim.claim()), view.observedAt(), view.oldestReadAt(), view.answeredAt()));
    }
    return next;
  }

  private static Outcome held(Reason reason, String message) {
    return Outcome.held(new Step.Hold(reason, message));
  }
}
