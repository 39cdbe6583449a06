package io.enifailover.reconcile;

import io.enifailover.health.HealthAssessment;
import io.enifailover.model.Outcome;
import io.enifailover.model.PairIntent;
import io.enifailover.model.Step;
import io.enifailover.plan.Decision;
import io.enifailover.plan.PairMemory;
import io.enifailover.plan.PassInput;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What one pass saw, decided and did, round by round: everything status, Events, metrics, logs and pacing
 * are made from. Immutable; the runner adds a round at a time.
 *
 * @param intent the intent the pass served (automatic mode's side in place of spec.active's); empty when the spec was refused
 * @param view the last view of EC2 the pass read; empty when it read none
 * @param memory the pair's memory at the end of the pass
 * @param retryAfter when the region's budget said to come back
 * @param turn when the pair's turn at the budget comes, for a change it waits its turn for (its claim)
 */
public record PassTrace(
    Optional<PairIntent> intent,
    Optional<PassInput.View> view,
    PairMemory memory,
    Optional<HealthAssessment> health,
    List<Round> rounds,
    Outcome outcome,
    Optional<Duration> retryAfter,
    Optional<Duration> turn) {

  public PassTrace {
    rounds = List.copyOf(rounds);
  }

  /** One round: a decision, and for a change what EC2 answered and when it was sent and answered. */
  public record Round(Decision decision, Optional<Outcome> result, Instant at, Instant doneAt) {}

  /** A change EC2 took in this pass, with when it was sent and answered. */
  public record Made(Step.Change change, Instant requestedAt, Instant doneAt) {}

  static PassTrace refused(Outcome outcome, PairMemory memory) {
    return new PassTrace(Optional.empty(), Optional.empty(), memory, Optional.empty(), List.of(), outcome, Optional.empty(), Optional.empty());
  }

  PassTrace with(Round round) {
    List<Round> all = new ArrayList<>(rounds);
    all.add(round);
    return new PassTrace(intent, view, memory, health, all, outcome, retryAfter, turn);
  }

  PassTrace seeing(PairIntent servedIntent, PassInput.View read, PairMemory remembered, Optional<HealthAssessment> assessed) {
    return new PassTrace(Optional.of(servedIntent), Optional.of(read), remembered, assessed, rounds, outcome, retryAfter, turn);
  }

  PassTrace ending(Outcome end, Optional<Duration> after, PairMemory remembered) {
    return new PassTrace(intent, view, remembered, health, rounds, end, after.or(() -> retryAfter), turn);
  }

  PassTrace waitingTurn(Duration in) {
    return new PassTrace(intent, view, memory, health, rounds, outcome, retryAfter, Optional.of(in));
  }

  /** The changes EC2 took, in the order they were made. */
  public List<Made> made() {
    return rounds.stream()
        .filter(r -> r.decision() instanceof Decision.Act && r.result().flatMap(Outcome::executed).isPresent())
        .map(r -> new Made(((Decision.Act) r.decision()).change(), r.at(), r.doneAt()))
        .toList();
  }

  /** How many times the pass read EC2. */
  public long reads() {
    return rounds.stream().filter(r -> r.decision() instanceof Decision.Read).count();
  }
}
