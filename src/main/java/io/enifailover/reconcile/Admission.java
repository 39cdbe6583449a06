package io.enifailover.reconcile;

import io.enifailover.api.EniFailoverPair;
import io.enifailover.model.Outcome;
import io.enifailover.model.PairIntent;
import io.enifailover.model.Reason;
import io.enifailover.model.Step;
import io.enifailover.plan.PassDecider;
import io.enifailover.region.MutationBudget;
import io.enifailover.region.RegionServices;
import io.enifailover.strategy.FailoverStrategy;
import java.time.Duration;
import java.util.Optional;

/**
 * Lets a change through to EC2 only when this replica leads, no other pair holds the slot it moves the
 * service into, and the region's budget has its tokens; then makes it through the strategy. Never sleeps:
 * a change not admitted comes back with when to try again.
 */
final class Admission {
  private final FailoverStrategy strategy;
  private final MutationGuard guard;
  private final SlotReservations reservations;

  Admission(FailoverStrategy strategy, MutationGuard guard, SlotReservations reservations) {
    this.strategy = strategy;
    this.guard = guard;
    this.reservations = reservations;
  }

  /** What EC2 (or the admission) answered, and when to come back when the budget said wait. */
  record Result(Outcome outcome, Optional<Duration> retryAfter) {}

  Result make(EniFailoverPair pair, RegionServices region, PairIntent intent, Step.Change change) {
    Optional<String> notNow = guard.whyNot();
    if (notNow.isPresent()) {
      return new Result(Outcome.held(new Step.Hold(Reason.NotLeading,
          notNow.get() + "; it changes nothing (it would " + strategy.planner().describe(intent, change) + ")")), Optional.empty());
    }
    Optional<String> slot = strategy.slot(intent, change);
    Optional<String> holder = slot.flatMap(s -> reservations.reserve(s, PairClaims.key(pair)));
    if (holder.isPresent()) {
      return new Result(strategy.slotTaken(intent, change, holder.get()), Optional.empty());
    }
    MutationBudget budget = region.budget();
    String key = strategy.moveKey(intent);
    Optional<Duration> wait = budget.admit(change, key);
    if (wait.isPresent()) {
      return new Result(PassDecider.queued(RegionBudgetView.movesInFlight(budget), strategy.planner().describe(intent, change)), wait);
    }
    Outcome outcome = strategy.execute(region.ec2(), intent, change);
    if (outcome.executed().isPresent()) {
      strategy.expectChange(region.observer(), intent, change);
    } else if (change.startsMove() || change.forced()) {
      budget.moveEnded(key);
    }
    if (outcome.reason() == Reason.Throttled) {
      // The SDK does not retry mutations: the pair comes back when the region's bucket has refilled.
      budget.throttled(change);
      return new Result(outcome, Optional.of(budget.wouldWait(change, key).orElse(Duration.ofSeconds(1))));
    }
    return new Result(outcome, Optional.empty());
  }
}
