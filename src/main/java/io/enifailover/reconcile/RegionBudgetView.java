package io.enifailover.reconcile;

import io.enifailover.model.Step;
import io.enifailover.plan.PassInput;
import io.enifailover.region.MutationBudget;
import java.time.Duration;
import java.util.Optional;

/** The region's budget as the decider may see it: read only, for one pair's moves. */
record RegionBudgetView(MutationBudget budget, String moveKey) implements PassInput.BudgetView {
  @Override
  public Optional<Duration> wouldWait(Step.Change change) {
    return budget.wouldWait(change, moveKey);
  }

  @Override
  public String movesInFlight() {
    return movesInFlight(budget);
  }

  static String movesInFlight(MutationBudget budget) {
    return budget.movesInFlight() + " of " + budget.movesInFlightCap() + " moves in flight";
  }
}
