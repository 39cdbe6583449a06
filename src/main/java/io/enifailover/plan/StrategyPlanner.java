package io.enifailover.plan;

import io.enifailover.model.Observation;
import io.enifailover.model.PairClaim;
import io.enifailover.model.PairIntent;
import io.enifailover.model.Step;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The pure half of a failover strategy: what it needs to see, what "in sync" means, and its next step. The
 * pass's decider asks it; the strategy's executor carries its steps out. Pure: no I/O, no clock.
 */
public interface StrategyPlanner {

  /** True when {@code observation} holds every EC2 fact a plan for {@code intent} needs now. */
  boolean covers(PairIntent intent, Observation observation, boolean automatic);

  /**
   * The next step.
   *
   * @param refused the targets EC2 refused lately for this spec: the service is not moved there while remembered
   */
  Step next(PairIntent intent, Observation observation, TransitionProgress progress, Map<String, RefusedTarget> refused);

  /** The next step, with no target refused lately. */
  default Step next(PairIntent intent, Observation observation, TransitionProgress progress) {
    return next(intent, observation, progress, Map.of());
  }

  /** The change EC2 shows under way, if any. */
  Optional<Transition> transition(PairIntent intent, Observation observation);

  /** Where the service is, as status reports it. */
  ObservedState observed(PairIntent intent, Observation observation);

  /** The failover phases EC2 shows over: a phase started earlier ends when its effect shows. */
  Set<Step.Phase> phasesOver(PairIntent intent, Observation observation);

  /** The claims EC2 shows on the resources the pair manages, its own and any other pair's. */
  List<PairClaim> claims(PairIntent intent, Observation observation);

  /** What EC2 shows once the pair's claim is written: the pair plans on with it, in the same pass. */
  Observation claimed(PairIntent intent, Observation observation, PairClaim claim);

  /** One sentence for a step, for messages and Events. */
  String describe(PairIntent intent, Step step);
}
