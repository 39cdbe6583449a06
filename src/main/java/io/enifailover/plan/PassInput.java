package io.enifailover.plan;

import io.enifailover.model.Observation;
import io.enifailover.model.Outcome;
import io.enifailover.model.PairIntent;
import io.enifailover.model.Side;
import io.enifailover.model.Step;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Everything the decider weighs at one point of a pass.
 *
 * @param intent what the pair declares (the side spec.active names)
 * @param automatic automatic mode's choice, for a pair in automatic mode
 * @param view the pair's view of EC2, once read
 * @param forcedBefore the subject a forced change was sent for, as status remembers it across restarts
 * @param fencing how far the fencing of the failover in flight has got
 * @param viewMaxAge how old a view a plan may rest on (the region's sweep runs every resync)
 * @param acted the changes this pass made so far, with EC2's answers, oldest first
 */
public record PassInput(
    PairIntent intent,
    Optional<Automatic> automatic,
    Optional<View> view,
    PairMemory memory,
    Optional<String> forcedBefore,
    Fencing.Progress fencing,
    BudgetView budget,
    Instant now,
    Duration viewMaxAge,
    List<Acted> acted) {

  public PassInput {
    acted = List.copyOf(acted);
  }

  /**
   * The pair's view of EC2: read at {@code observedAt}, its oldest part at {@code oldestReadAt}, and the read of its
   * service's resources answered at {@code answeredAt}, by when EC2 had shown what it shows.
   */
  public record View(Observation observation, Instant observedAt, Instant oldestReadAt, Instant answeredAt) {
    public View(Observation observation, Instant observedAt, Instant oldestReadAt) {
      this(observation, observedAt, oldestReadAt, observedAt);
    }
  }

  /**
   * Automatic mode's choice: the side to keep the service on, and fencing's facts.
   *
   * @param unverified true for an instance of the pair whose side is not known healthy
   * @param othersNaming the other pairs that name an instance: fencing never stops an instance another pair uses
   */
  public record Automatic(
      Side target, boolean fencing, Predicate<String> unverified, Function<String, List<String>> othersNaming) {}

  /** A change this pass made, and what EC2 answered. */
  public record Acted(Step.Change change, Outcome outcome) {
    public boolean taken() {
      return outcome.executed().isPresent();
    }
  }

  /** The region's EC2 budget, read only: whether a change would have to wait for its tokens now. */
  public interface BudgetView {
    Optional<Duration> wouldWait(Step.Change change);

    /** "3 of 20 moves in flight", for messages. */
    String movesInFlight();
  }

  /** The intent the plan serves: spec.active's side, or the side automatic mode chose. */
  public PairIntent effectiveIntent() {
    return automatic.map(a -> intent.withDesired(a.target())).orElse(intent);
  }

  public PassInput withView(View value) {
    return new PassInput(intent, automatic, Optional.of(value), memory, forcedBefore, fencing, budget, now, viewMaxAge, acted);
  }

  public PassInput withMemory(PairMemory value) {
    return new PassInput(intent, automatic, view, value, forcedBefore, fencing, budget, now, viewMaxAge, acted);
  }

  public PassInput withIntent(PairIntent value) {
    return new PassInput(value, automatic, view, memory, forcedBefore, fencing, budget, now, viewMaxAge, acted);
  }

  public PassInput withAutomatic(Optional<Automatic> value) {
    return new PassInput(intent, value, view, memory, forcedBefore, fencing, budget, now, viewMaxAge, acted);
  }

  public PassInput at(Instant value) {
    return new PassInput(intent, automatic, view, memory, forcedBefore, fencing, budget, value, viewMaxAge, acted);
  }

  public PassInput after(Acted change) {
    List<Acted> all = new ArrayList<>(acted);
    all.add(change);
    return new PassInput(intent, automatic, view, memory, forcedBefore, fencing, budget, now, viewMaxAge, all);
  }
}
