package io.enifailover.strategy.interfacemove;

import static io.enifailover.strategy.interfacemove.InterfaceMovePlannerTest.PRIMARY;
import static io.enifailover.strategy.interfacemove.InterfaceMovePlannerTest.SELF;
import static io.enifailover.strategy.interfacemove.InterfaceMovePlannerTest.STANDBY;
import static org.assertj.core.api.Assertions.assertThat;

import io.enifailover.model.Observation;
import io.enifailover.model.Outcome;
import io.enifailover.model.Reason;
import io.enifailover.model.Side;
import io.enifailover.model.Step;
import io.enifailover.plan.Decision;
import io.enifailover.plan.Fencing;
import io.enifailover.plan.PairMemory;
import io.enifailover.plan.PassDecider;
import io.enifailover.plan.PassDecider.Rule;
import io.enifailover.plan.PassInput;
import io.enifailover.plan.RefusedTarget;
import io.enifailover.strategy.interfacemove.InterfaceMovePlannerTest.World;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** One row per in-pass rule: what the pass does next, read again, change EC2 or stop, and why. */
class PassDeciderTest {
  static final Instant NOW = Instant.parse("2026-12-05T10:00:00Z");
  static final Duration VIEW_MAX_AGE = Duration.ofSeconds(60);
  static final PassDecider DECIDER = new PassDecider(new InterfaceMovePlanner(Duration.ofSeconds(60)));

  /** A budget that lets every change through, or has the ones {@code waits} names wait a second. */
  static PassInput.BudgetView budget(Predicate<Step.Change> waits) {
    return new PassInput.BudgetView() {
      @Override
      public Optional<Duration> wouldWait(Step.Change change) {
        return waits.test(change) ? Optional.of(Duration.ofSeconds(1)) : Optional.empty();
      }

      @Override
      public String movesInFlight() {
        return "0 of 20 moves in flight";
      }
    };
  }

  static PassInput input(World w) {
    return new PassInput(w.intent(), Optional.empty(), Optional.empty(), PairMemory.NEW, Optional.empty(), Fencing.Progress.NONE,
        budget(c -> false), NOW, VIEW_MAX_AGE, List.of());
  }

  /** The pass has read {@code w} just now. */
  static PassInput read(World w) {
    return read(w, budget(c -> false));
  }

  static PassInput read(World w, PassInput.BudgetView budget) {
    return new PassInput(w.intent(), Optional.empty(), Optional.of(new PassInput.View(w.observation(), NOW, NOW)), PairMemory.NEW,
        Optional.empty(), Fencing.Progress.NONE, budget, NOW, VIEW_MAX_AGE, List.of());
  }

  static PassInput automatic(PassInput in, Side target) {
    return in.withAutomatic(Optional.of(new PassInput.Automatic(target, false, id -> false, id -> List.of())));
  }

  static final World IN_SYNC = World.inSyncOnPrimary();
  static final World WANTS_STANDBY = IN_SYNC.wanting(Side.Standby);
  static final World NOWHERE = WANTS_STANDBY.detached();
  static final Attach ATTACH_STANDBY = new Attach(STANDBY, 1);

  static Stream<Arguments> rules() {
    PairMemory changedJustNow = PairMemory.NEW.changed(ATTACH_STANDBY, NOW.minusMillis(20), NOW);
    PairMemory claimedEarlier = PairMemory.NEW.changed(new Step.Claim(SELF), NOW.minusMillis(2500), NOW.minusMillis(2500));
    Outcome refused = new Outcome(Reason.AccessDenied, "denied", Optional.empty());
    Outcome throttled = new Outcome(Reason.Throttled, "throttled", Optional.empty());
    Outcome queuedAtAdmission = PassDecider.queued("0 of 20 moves in flight", "record the claim");
    return Stream.of(
        row(Rule.FIRST_READ, "nothing read yet: read the view, as old as a resync allows",
            input(IN_SYNC), new Decision.Read(VIEW_MAX_AGE, Rule.FIRST_READ.name())),
        row(Rule.FIRST_READ, "a fenced instance is stopping: read it fresh",
            new PassInput(IN_SYNC.intent(), Optional.empty(), Optional.empty(), PairMemory.NEW, Optional.empty(),
                new Fencing.Progress(Optional.of(Duration.ofSeconds(3)), false), budget(c -> false), NOW, VIEW_MAX_AGE, List.of()),
            new Decision.Read(PassDecider.FRESH, Rule.FIRST_READ.name())),
        row(Rule.NEEDS_GREW, "the plan needs the standby, which the view did not read (a stale claim found, say): read again",
            input(WANTS_STANDBY).withView(new PassInput.View(
                new Observation(WANTS_STANDBY.observation().networkInterface(), Map.of(), Optional.empty(), Set.of()), NOW, NOW)),
            new Decision.Read(VIEW_MAX_AGE, Rule.NEEDS_GREW.name())),
        row(Rule.PREDATES_OWN_CHANGE, "automatic mode, a view from before the pair's own last change: read afresh",
            automatic(read(IN_SYNC), Side.Primary).withMemory(changedJustNow), new Decision.Read(Duration.ZERO, Rule.PREDATES_OWN_CHANGE.name())),
        row(Rule.HEALTH_CHOOSES_SIDE, "automatic mode chose the standby while spec.active says primary: the move starts",
            automatic(read(IN_SYNC), Side.Standby), new Decision.Act(new Detach("eni-attach-1", PRIMARY, false), false)),
        row(Rule.CLAIM_SETTLED_SINCE_READ, "the claim settled after the view was read: read afresh",
            input(WANTS_STANDBY).withView(new PassInput.View(WANTS_STANDBY.observation(), NOW.minusSeconds(1), NOW.minusSeconds(1)))
                .withMemory(claimedEarlier),
            new Decision.Read(Duration.ZERO, Rule.CLAIM_SETTLED_SINCE_READ.name())),
        row(Rule.CLAIM_QUEUED, "the claim waits for its bucket: the pair goes on as unclaimed, starts no move, and waits its turn",
            read(WANTS_STANDBY.withEniTags(Map.of()), budget(c -> c instanceof Step.Claim)),
            new Decision.Stop(Outcome.held(new Step.Hold(Reason.Claiming, "")), Optional.empty(), Optional.of(new Step.Claim(SELF)))),
        row(Rule.STALE_FOR_A_CHANGE, "a detach planned on instances read a second ago: read fresh first",
            input(WANTS_STANDBY).withView(new PassInput.View(WANTS_STANDBY.observation(), NOW, NOW.minusSeconds(1))),
            new Decision.Read(PassDecider.FRESH, Rule.STALE_FOR_A_CHANGE.name())),
        row(Rule.PLAN_ON_AFTER_CLAIM, "claim written in this pass: a move waits for it to settle",
            read(WANTS_STANDBY).withMemory(PairMemory.NEW.changed(new Step.Claim(SELF), NOW, NOW))
                .after(new PassInput.Acted(new Step.Claim(SELF), new Outcome(Reason.Claiming, "claimed", Optional.of(new Step.Claim(SELF))))),
            Decision.Stop.with(Outcome.held(new Step.Hold(Reason.Claiming, "")))),
        row(Rule.CLAIM_QUEUED, "the budget refused the claim at the last moment (another pair took the token): the pair waits its turn",
            read(IN_SYNC.withEniTags(Map.of())).after(new PassInput.Acted(new Step.Claim(SELF), queuedAtAdmission)),
            new Decision.Stop(Outcome.held(new Step.Hold(Reason.InSync, "")), Optional.empty(), Optional.of(new Step.Claim(SELF)))),
        row(Rule.PLAN_ON_AFTER_CLAIM, "EC2 refused the claim in this pass: an interface attached nowhere is still brought back",
            read(NOWHERE.withEniTags(Map.of())).after(new PassInput.Acted(new Step.Claim(SELF), refused)),
            new Decision.Act(ATTACH_STANDBY, true)),
        row(Rule.CLAIM_QUEUED, "EC2 throttled the claim despite the budget: the pair waits its turn for it",
            read(IN_SYNC.withEniTags(Map.of())).after(new PassInput.Acted(new Step.Claim(SELF), throttled)),
            new Decision.Stop(Outcome.held(new Step.Hold(Reason.InSync, "")), Optional.empty(), Optional.of(new Step.Claim(SELF)))),
        row(Rule.PLAN_ON_AFTER_CLAIM, "EC2 refused the claim in this pass: no move starts, and the refusal is the outcome",
            read(WANTS_STANDBY.withEniTags(Map.of())).after(new PassInput.Acted(new Step.Claim(SELF), refused)),
            Decision.Stop.with(refused)),
        row(Rule.ANOTHER_SIDE_AFTER_REFUSAL, "the attach to the standby was refused: the interface goes back to the primary",
            read(NOWHERE).withMemory(PairMemory.NEW.refusedOn(new RefusedTarget(STANDBY, Reason.AccessDenied, "denied"), NOW))
                .after(new PassInput.Acted(ATTACH_STANDBY, refused)),
            new Decision.Act(new Attach(PRIMARY, 1, Optional.of("")), true)));
  }

  static Arguments row(Rule rule, String what, PassInput in, Decision expected) {
    return Arguments.of(rule + ": " + what, in, expected);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rules")
  void eachRule(String rule, PassInput in, Decision expected) {
    assertThat(kindOf(DECIDER.decide(in))).isEqualTo(kindOf(expected));
  }

  /** The decision with messages left out: the rows name the decision and its reason, the planner's tests its words. */
  static Object kindOf(Decision decision) {
    if (decision instanceof Decision.Stop stop) {
      return List.of(stop.outcome().reason(), stop.waitsTurn().map(c -> c.getClass().getSimpleName()));
    }
    if (decision instanceof Decision.Act act && act.change() instanceof Attach a) {
      return List.of(a.instanceId(), a.deviceIndex(), act.decideAgain());
    }
    return decision;
  }
}
