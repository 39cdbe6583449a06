package io.enifailover.strategy;

import io.enifailover.api.EniFailoverPair;
import io.enifailover.api.EniFailoverPairStatus;
import io.enifailover.model.Observation;
import io.enifailover.ec2.Ec2Gateway;
import io.enifailover.model.Outcome;
import io.enifailover.model.PairClaim;
import io.enifailover.model.PairIntent;
import io.enifailover.model.Step;
import io.enifailover.plan.PassInput;
import io.enifailover.plan.StrategyPlanner;
import io.enifailover.region.RegionObserver;
import java.time.Duration;
import java.util.Optional;
import java.util.Collection;

/**
 * One way of moving a service address between the two sides of a pair. The pass runner, admission and
 * recording know only this: what the strategy reads, how it carries out its steps (EC2's dry run first
 * where EC2 has one), what a move reserves, and which key the region's budget counts its moves under.
 */
public interface FailoverStrategy {

  /** The pure half: needs, "in sync", the next step. */
  StrategyPlanner planner();

  /** The key under which the region counts the pair's moves in flight and its place in the budget's queue. */
  String moveKey(PairIntent intent);

  /** {@link #moveKey(PairIntent)} of a pair being deleted, from its resource alone. */
  String moveKey(EniFailoverPair pair);

  /** The region's observer refreshes the pair's resources at every resync from now on. */
  void watch(RegionObserver observer, PairIntent intent);

  /** The pair is gone: its resources are no longer refreshed for it. */
  void unwatch(RegionObserver observer, EniFailoverPair deleted);

  /** Reads the resources of all these pairs in a few batched calls now, so that their first passes find them read. */
  void prefetch(RegionObserver observer, Collection<EniFailoverPair> pairs);

  /** The pair's view of EC2 from the region's observer, each part read no longer than {@code maxAge} ago. */
  PassInput.View observe(RegionObserver observer, PairIntent intent, boolean automatic, Duration maxAge);

  /** Removes the deleted pair's claim from the tags of the resources it managed, only where they still carry it. */
  void release(Ec2Gateway ec2, EniFailoverPair deleted, PairClaim claim);

  /** What the strategy adds to the status it shares with every strategy (where each of its resources points, say). */
  void report(PairIntent intent, Observation observation, EniFailoverPairStatus status);

  /** Carries {@code change} out; EC2's refusals come back as outcomes, never as exceptions. */
  Outcome execute(Ec2Gateway ec2, PairIntent intent, Step.Change change);

  /** EC2 took {@code change}: the observer reads what it changed at its fast pace until the change shows. */
  void expectChange(RegionObserver observer, PairIntent intent, Step.Change change);

  /**
   * The (instance, slot) a change moves the service into, reserved before it so that two pairs never both
   * leave their instances for one slot; empty for a change that needs none.
   */
  Optional<String> slot(PairIntent intent, Step.Change change);

  /** Why {@code change} is not made: {@code holder}, another pair, holds its slot. */
  Outcome slotTaken(PairIntent intent, Step.Change change, String holder);
}
