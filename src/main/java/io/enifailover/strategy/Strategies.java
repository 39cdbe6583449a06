package io.enifailover.strategy;

import io.enifailover.api.EniFailoverPair;
import io.enifailover.api.EniFailoverPairStatus;
import io.enifailover.ec2.Ec2Gateway;
import io.enifailover.model.Observation;
import io.enifailover.model.Outcome;
import io.enifailover.model.PairClaim;
import io.enifailover.model.PairIntent;
import io.enifailover.model.Step;
import io.enifailover.model.Strategy;
import io.enifailover.plan.ObservedState;
import io.enifailover.plan.PassInput;
import io.enifailover.plan.RefusedTarget;
import io.enifailover.plan.StrategyPlanner;
import io.enifailover.plan.Transition;
import io.enifailover.plan.TransitionProgress;
import io.enifailover.region.RegionObserver;
import io.enifailover.strategy.interfacemove.InterfaceMoveStrategy;
import io.enifailover.strategy.routetable.RouteTableStrategy;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Every strategy behind the one seam the pass uses: each call goes to the strategy of the pair it is about (its
 * intent, or its resource). The pass runner, admission and recording stay unaware of
 * which strategy a pair has.
 */
public final class Strategies implements FailoverStrategy {
  private final FailoverStrategy interfaceMove;
  private final FailoverStrategy routeTable;
  private final StrategyPlanner planner = new Planner();

  public Strategies(FailoverStrategy interfaceMove, FailoverStrategy routeTable) {
    this.interfaceMove = interfaceMove;
    this.routeTable = routeTable;
  }

  /** Every strategy this version implements. */
  public static Strategies all(Duration detachStuckAfter) {
    return new Strategies(new InterfaceMoveStrategy(detachStuckAfter), new RouteTableStrategy());
  }

  private FailoverStrategy of(PairIntent intent) {
    return intent.routes().isPresent() ? routeTable : interfaceMove;
  }

  private FailoverStrategy of(EniFailoverPair pair) {
    return pair.getSpec() != null && pair.getSpec().strategy() == Strategy.RouteTable ? routeTable : interfaceMove;
  }

  @Override
  public StrategyPlanner planner() {
    return planner;
  }

  @Override
  public String moveKey(PairIntent intent) {
    return of(intent).moveKey(intent);
  }

  @Override
  public String moveKey(EniFailoverPair pair) {
    return of(pair).moveKey(pair);
  }

  @Override
  public void watch(RegionObserver observer, PairIntent intent) {
    of(intent).watch(observer, intent);
  }

  @Override
  public void unwatch(RegionObserver observer, EniFailoverPair deleted) {
    of(deleted).unwatch(observer, deleted);
  }

  @Override
  public void prefetch(RegionObserver observer, Collection<EniFailoverPair> pairs) {
    interfaceMove.prefetch(observer, pairs.stream().filter(p -> of(p) == interfaceMove && p.getSpec().getNetworkInterfaceId() != null).toList());
    routeTable.prefetch(observer, pairs.stream().filter(p -> of(p) == routeTable && p.getSpec().getRouteTable() != null).toList());
  }

  @Override
  public PassInput.View observe(RegionObserver observer, PairIntent intent, boolean automatic, Duration maxAge) {
    return of(intent).observe(observer, intent, automatic, maxAge);
  }

  @Override
  public void release(Ec2Gateway ec2, EniFailoverPair deleted, PairClaim claim) {
    of(deleted).release(ec2, deleted, claim);
  }

  @Override
  public void report(PairIntent intent, Observation observation, EniFailoverPairStatus status) {
    of(intent).report(intent, observation, status);
  }

  @Override
  public Outcome execute(Ec2Gateway ec2, PairIntent intent, Step.Change change) {
    return of(intent).execute(ec2, intent, change);
  }

  @Override
  public void expectChange(RegionObserver observer, PairIntent intent, Step.Change change) {
    of(intent).expectChange(observer, intent, change);
  }

  @Override
  public Optional<String> slot(PairIntent intent, Step.Change change) {
    return of(intent).slot(intent, change);
  }

  @Override
  public Outcome slotTaken(PairIntent intent, Step.Change change, String holder) {
    return of(intent).slotTaken(intent, change, holder);
  }

  /** The planners, chosen the same way. */
  private final class Planner implements StrategyPlanner {
    private StrategyPlanner of(PairIntent intent) {
      return Strategies.this.of(intent).planner();
    }

    @Override
    public boolean covers(PairIntent intent, Observation observation, boolean automatic) {
      return of(intent).covers(intent, observation, automatic);
    }

    @Override
    public Step next(PairIntent intent, Observation observation, TransitionProgress progress, Map<String, RefusedTarget> refused) {
      return of(intent).next(intent, observation, progress, refused);
    }

    @Override
    public Optional<Transition> transition(PairIntent intent, Observation observation) {
      return of(intent).transition(intent, observation);
    }

    @Override
    public ObservedState observed(PairIntent intent, Observation observation) {
      return of(intent).observed(intent, observation);
    }

    @Override
    public Set<Step.Phase> phasesOver(PairIntent intent, Observation observation) {
      return of(intent).phasesOver(intent, observation);
    }

    @Override
    public List<PairClaim> claims(PairIntent intent, Observation observation) {
      return of(intent).claims(intent, observation);
    }

    @Override
    public Observation claimed(PairIntent intent, Observation observation, PairClaim claim) {
      return of(intent).claimed(intent, observation, claim);
    }

    @Override
    public String describe(PairIntent intent, Step step) {
      return of(intent).describe(intent, step);
    }
  }
}
