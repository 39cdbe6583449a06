package io.enifailover.strategy;

import io.enifailover.api.EniFailoverPairSpec;
import io.enifailover.ec2.Ec2Gateway;
import io.enifailover.model.Outcome;
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

  /** The region's observer refreshes the pair's resources at every resync from now on. */
  void watch(RegionObserver observer, PairIntent intent);

  /** The pair is gone: its resources are no longer refreshed for it. */
  void unwatch(RegionObserver observer, EniFailoverPairSpec spec);

  /** Reads the resources of all these pairs in a few batched calls now, so that their first passes find them read. */
  void prefetch(RegionObserver observer, Collection<EniFailoverPairSpec> specs);

  /** The pair's view of EC2 from the region's observer, each part read no longer than {@code maxAge} ago. */
  PassInput.View observe(RegionObserver observer, PairIntent intent, boolean automatic, Duration maxAge);

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
