package io.enifailover.plan;

import io.enifailover.model.Outcome;
import io.enifailover.model.Step;
import java.time.Duration;
import java.util.Optional;

/** What a pass does next: read EC2 again, make one change, or stop. */
public sealed interface Decision {

  /** Read the pair's view again, each part no older than {@code maxAge}; {@code why} names the rule. */
  record Read(Duration maxAge, String why) implements Decision {}

  /** Make {@code change}; with {@code decideAgain}, the pass decides once more on what EC2 answered. */
  record Act(Step.Change change, boolean decideAgain) implements Decision {}

  /**
   * End the pass with {@code outcome}; {@code lookAgainIn} when the decider knows when (a bucket refills);
   * {@code waitsTurn} the change the pair waits its turn at the budget for (its claim), the pass going on
   * without it meanwhile.
   */
  record Stop(Outcome outcome, Optional<Duration> lookAgainIn, Optional<Step.Change> waitsTurn) implements Decision {
    public Stop(Outcome outcome, Optional<Duration> lookAgainIn) {
      this(outcome, lookAgainIn, Optional.empty());
    }

    public static Stop with(Outcome outcome) {
      return new Stop(outcome, Optional.empty());
    }

    Stop waitingTurnFor(Optional<? extends Step.Change> change) {
      return new Stop(outcome, lookAgainIn, change.map(Step.Change.class::cast));
    }
  }
}
