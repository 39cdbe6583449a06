package io.enifailover.plan;

import io.enifailover.model.Outcome;
import io.enifailover.model.PairIntent;
import io.enifailover.model.Reason;
import io.enifailover.model.Step;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The decision of one pass, round by round: read EC2 again, make a change, or stop. Pure, and the same for
 * every strategy: the strategy's planner says what to do, the decider says whether the pass may do it now
 * (on a view fresh enough, within the budget, after the pair's claim has settled). Each rule is named in
 * {@link Rule} and is a row of its table test.
 */
public final class PassDecider {
  /** A change is planned on a read no older than this. */
  public static final Duration FRESH = Duration.ofMillis(150);

  /** The rules that make a pass read again or go on after a change. */
  public enum Rule {
    FIRST_READ,
    NEEDS_GREW,
    PREDATES_OWN_CHANGE,
    HEALTH_CHOOSES_SIDE,
    CLAIM_SETTLED_SINCE_READ,
    CLAIM_QUEUED,
    STALE_FOR_A_CHANGE,
    PLAN_ON_AFTER_CLAIM,
    ANOTHER_SIDE_AFTER_REFUSAL
  }

  private final StrategyPlanner planner;

  public PassDecider(StrategyPlanner planner) {
    this.planner = planner;
  }

  public Decision decide(PassInput in) {
    if (in.view().isEmpty()) {
      // While a fenced instance stops, each pass looks at it afresh: the detach waits for nothing else.
      return new Decision.Read(in.fencing().stoppingFor().isPresent() ? FRESH : in.viewMaxAge(), Rule.FIRST_READ.name());
    }
    Optional<PassInput.Acted> last = in.acted().isEmpty() ? Optional.empty() : Optional.of(in.acted().get(in.acted().size() - 1));
    if (last.isPresent() && last.get().taken() && !(last.get().change() instanceof Step.Claim)) {
      // EC2 took the change: what follows rests on EC2 showing it, at the next pass.
      return Decision.Stop.with(last.get().outcome());
    }
    Optional<Decision> reread = in.acted().isEmpty() ? reread(in) : Optional.empty();
    if (reread.isPresent()) {
      return reread.get();
    }
    return decideStep(in, last);
  }

  /** The rules that send a pass back to EC2 before it plans a change on what it read. */
  private Optional<Decision> reread(PassInput in) {
    PassInput.View view = in.view().orElseThrow();
    PairIntent intent = in.effectiveIntent();
    if (!planner.covers(intent, view.observation(), in.automatic().isPresent())) {
      return Optional.of(new Decision.Read(in.viewMaxAge(), Rule.NEEDS_GREW.name()));
    }
    if (in.automatic().isPresent() && in.memory().predatesLastChange(view.observedAt())) {
      // Automatic failover decides from the side the service is on: a view from before the pair's own last
      // change (a pass woken just after another one's) would undo that change.
      return Optional.of(new Decision.Read(Duration.ZERO, Rule.PREDATES_OWN_CHANGE.name()));
    }
    if (in.memory().claimSettling(view.observedAt()) && !in.memory().claimSettling(in.now())) {
      // The claim has settled since the view was read: act on what EC2 shows after the settle.
      return Optional.of(new Decision.Read(Duration.ZERO, Rule.CLAIM_SETTLED_SINCE_READ.name()));
    }
    return Optional.empty();
  }

  private Decision decideStep(PassInput in, Optional<PassInput.Acted> last) {
    PassInput.View view = in.view().orElseThrow();
    boolean claimFailed = last.filter(a -> a.change() instanceof Step.Claim && !a.taken()).isPresent();
    TransitionProgress progress = in.memory().progress(view.observedAt(), in.forcedBefore())
        .withClaimSettling(in.memory().claimSettling(view.observedAt()))
        .withClaimUnavailable(claimFailed);
    Step step = next(in, progress);
    // A claim EC2 throttled despite the budget, or the budget refused at the last moment (another pair took the
    // token between this pass's look and its request), waits its turn like one the budget held back.
    Optional<Step.Claim> queuedClaim = last.filter(a -> claimFailed
            && (a.outcome().reason() == Reason.Throttled || a.outcome().reason() == Reason.Queued))
        .map(a -> (Step.Claim) a.change());
    if (step instanceof Step.Claim claim && in.budget().wouldWait(claim).isPresent()) {
      // The claim waits its turn (claims come last); meanwhile the pair goes on as one whose claim is not recorded.
      queuedClaim = Optional.of(claim);
      step = next(in, progress.withClaimUnavailable(true));
    }
    List<PassInput.Acted> refusals = in.acted().stream().filter(a -> refusedTarget(a).isPresent()).toList();
    if (!refusals.isEmpty()) {
      return afterRefusal(in, step, refusals);
    }
    if (step instanceof Step.Hold hold) {
      return Decision.Stop.with(claimFailed && hold.reason() == Reason.Claiming ? last.get().outcome() : Outcome.held(hold))
          .waitingTurnFor(queuedClaim);
    }
    Step.Change change = (Step.Change) step;
    Optional<Duration> wait = in.budget().wouldWait(change);
    if (wait.isPresent()) {
      return new Decision.Stop(queued(in.budget().movesInFlight(), planner.describe(in.effectiveIntent(), change)), wait)
          .waitingTurnFor(queuedClaim);
    }
    if (in.acted().isEmpty() && stale(in, change)) {
      // The view served the plan; a change is planned on a fresh read, taken after the pair's own last change.
      return new Decision.Read(in.memory().predatesLastChange(view.observedAt()) ? Duration.ZERO : FRESH, Rule.STALE_FOR_A_CHANGE.name());
    }
    return new Decision.Act(change, change instanceof Step.Claim || change.target().isPresent());
  }

  /**
   * A change that would put the service on a target was refused: the planner, knowing it, may put it on the
   * other side of the pair now, so that a service attached nowhere runs while the refusal is reported.
   */
  private Decision afterRefusal(PassInput in, Step step, List<PassInput.Acted> refusals) {
    PassInput.Acted first = refusals.get(0);
    if (refusals.size() > 1) {
      PassInput.Acted second = refusals.get(1);
      return Decision.Stop.with(new Outcome(first.outcome().reason(), first.outcome().message() + "; attaching it to "
          + in.effectiveIntent().describe(second.change().target().orElseThrow()) + " instead failed too: " + second.outcome().message(),
          Optional.empty()));
    }
    boolean elsewhere = step instanceof Step.Change c && c.target().filter(t -> !t.equals(first.change().target().orElseThrow())).isPresent();
    return elsewhere ? new Decision.Act((Step.Change) step, true) : Decision.Stop.with(first.outcome());
  }

  private static Optional<String> refusedTarget(PassInput.Acted acted) {
    return acted.outcome().reason().category() == Reason.Category.STALLED ? acted.change().target() : Optional.empty();
  }

  /** The planner's step; in automatic mode with fencing, a change leaving a failed instance is preceded by its stop. */
  private Step next(PassInput in, TransitionProgress progress) {
    PairIntent intent = in.effectiveIntent();
    var observation = in.view().orElseThrow().observation();
    Step step = planner.next(intent, observation, progress, in.memory().refusedTargets());
    if (in.automatic().isEmpty() || !in.automatic().get().fencing()) {
      return step;
    }
    PassInput.Automatic automatic = in.automatic().get();
    List<String> others = step instanceof Step.Change c ? c.leaves().map(automatic.othersNaming()).orElse(List.of()) : List.of();
    return Fencing.before(step, intent, observation, automatic.unverified(), others, in.fencing());
  }

  /**
   * A change other than putting a service back rests on a fresh read of all its parts, taken after the pair's
   * own last change; putting it back needs only its own resources fresh.
   */
  private static boolean stale(PassInput in, Step.Change change) {
    PassInput.View view = in.view().orElseThrow();
    var restsOn = change.restoresService() ? view.observedAt() : view.oldestReadAt();
    return in.memory().predatesLastChange(view.observedAt()) || Duration.between(restsOn, in.now()).compareTo(FRESH) > 0;
  }

  /** The pair waits for the region's EC2 budget to make {@code what}. */
  public static Outcome queued(String movesInFlight, String what) {
    return new Outcome(Reason.Queued,
        String.format("waiting for the region's EC2 budget (%s) to %s", movesInFlight, what), Optional.empty());
  }
}
