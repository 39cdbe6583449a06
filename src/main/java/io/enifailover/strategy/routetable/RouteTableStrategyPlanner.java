package io.enifailover.strategy.routetable;

import io.enifailover.model.ActiveRole;
import io.enifailover.model.Instance;
import io.enifailover.model.Observation;
import io.enifailover.model.PairClaim;
import io.enifailover.model.PairIntent;
import io.enifailover.model.RouteIntent;
import io.enifailover.model.RouteTable;
import io.enifailover.model.Side;
import io.enifailover.model.Step;
import io.enifailover.plan.ObservedState;
import io.enifailover.plan.RefusedTarget;
import io.enifailover.plan.StrategyPlanner;
import io.enifailover.plan.Transition;
import io.enifailover.plan.TransitionProgress;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * The RouteTable strategy as the pass sees it: what it must have read, where the service is (the side every route
 * reaches), and its next step from {@link RouteTablePlanner}. A route change is synchronous in EC2, so there is no
 * transition to wait out. Pure.
 */
public final class RouteTableStrategyPlanner implements StrategyPlanner {
  private final RouteTablePlanner planner = new RouteTablePlanner();

  @Override
  public boolean covers(PairIntent intent, Observation observation, boolean automatic) {
    RouteIntent routes = routes(intent);
    if (!observation.read().containsAll(routes.routeTableIds())
        || !observation.read().containsAll(List.of(intent.primaryInstanceId(), intent.standbyInstanceId()))) {
      return false;
    }
    return sideInterfaces(intent, observation).stream().allMatch(observation.read()::contains);
  }

  /** Each side's next hop that is known: see {@link #sideInterface}. */
  static List<String> sideInterfaces(PairIntent intent, Observation observation) {
    List<String> ids = new ArrayList<>();
    for (Side side : Side.values()) {
      sideInterface(intent, observation, side).ifPresent(ids::add);
    }
    return ids;
  }

  /** The side's next hop: the declared interface, else the instance's own, once the instance has been read. */
  static Optional<String> sideInterface(PairIntent intent, Observation observation, Side side) {
    return routes(intent).interfaceIdOf(side)
        .or(() -> observation.instance(intent.instanceIdOf(side)).map(Instance::interfaceByDeviceIndex).map(m -> m.get(0)));
  }

  @Override
  public Step next(PairIntent intent, Observation observation, TransitionProgress progress, Map<String, RefusedTarget> refused) {
    return planner.next(intent, routes(intent), observation, progress, refused);
  }

  @Override
  public Optional<Transition> transition(PairIntent intent, Observation observation) {
    return Optional.empty();
  }

  @Override
  public ObservedState observed(PairIntent intent, Observation observation) {
    Optional<Side> side = servingSide(intent, observation);
    if (side.isEmpty()) {
      boolean anyReached = !reachedSides(intent, observation).isEmpty();
      return new ObservedState(anyReached ? ActiveRole.Unknown : ActiveRole.None, Optional.empty(), Optional.empty(),
          Optional.empty(), Optional.empty());
    }
    String instance = intent.instanceIdOf(side.get());
    return new ObservedState(ActiveRole.valueOf(side.get().name()), Optional.of(instance), Optional.empty(), Optional.empty(),
        Optional.of(instance));
  }

  /** The side every route of the pair reaches, if they all reach one. */
  static Optional<Side> servingSide(PairIntent intent, Observation observation) {
    Set<Side> reached = reachedSides(intent, observation);
    return reached.size() == 1 && allRoutesReachOneSide(intent, observation) ? reached.stream().findFirst() : Optional.empty();
  }

  private static Set<Side> reachedSides(PairIntent intent, Observation observation) {
    Set<Side> reached = new HashSet<>();
    forEachRoute(intent, observation, (table, destination) -> table.route(destination).ifPresent(route -> {
      for (Side side : Side.values()) {
        sideInterface(intent, observation, side).filter(route::deliversTo).ifPresent(hop -> reached.add(side));
      }
    }));
    return reached;
  }

  private static boolean allRoutesReachOneSide(PairIntent intent, Observation observation) {
    List<String> hops = sideInterfaces(intent, observation);
    boolean[] all = {true};
    forEachRoute(intent, observation, (table, destination) -> all[0] &= table.route(destination)
        .filter(route -> hops.stream().anyMatch(route::deliversTo)).isPresent());
    return all[0];
  }

  private static void forEachRoute(PairIntent intent, Observation observation, BiConsumer<RouteTable, String> each) {
    for (String id : routes(intent).routeTableIds()) {
      RouteTable table = observation.routeTables().get(id);
      if (table != null) {
        routes(intent).destinations().forEach(destination -> each.accept(table, destination));
      }
    }
  }

  @Override
  public Set<Step.Phase> phasesOver(PairIntent intent, Observation observation) {
    return servingSide(intent, observation).filter(intent.desired()::equals).isPresent() ? Set.of(Step.Phase.ROUTE) : Set.of();
  }

  @Override
  public List<PairClaim> claims(PairIntent intent, Observation observation) {
    // Only the claims on this pair's own destinations: another pair's routes in a shared table are not its business.
    List<PairClaim> claims = new ArrayList<>();
    forEachRoute(intent, observation, (table, destination) -> RouteClaims.in(table, destination).ifPresent(claims::add));
    return claims;
  }

  @Override
  public Observation claimed(PairIntent intent, Observation observation, PairClaim claim) {
    return observation.withRouteTableTags(RouteClaims.tags(routes(intent).destinations(), claim));
  }

  @Override
  public String describe(PairIntent intent, Step step) {
    return step instanceof Step.Change change ? RouteTablePlanner.describe(change) : step.toString();
  }

  static RouteIntent routes(PairIntent intent) {
    return intent.routes().orElseThrow(() -> new IllegalArgumentException("not a RouteTable pair: " + intent.pairName()));
  }
}
