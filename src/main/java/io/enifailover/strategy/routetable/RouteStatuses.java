package io.enifailover.strategy.routetable;

import io.enifailover.api.RouteStatus;
import io.enifailover.model.Observation;
import io.enifailover.model.PairIntent;
import io.enifailover.model.Route;
import io.enifailover.model.RouteIntent;
import io.enifailover.model.RouteState;
import io.enifailover.model.RouteTable;
import io.enifailover.model.Side;
import io.enifailover.model.TargetSide;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** status.routes: where each (table, destination) of a RouteTable pair points now, as EC2 shows it. Pure. */
final class RouteStatuses {
  private RouteStatuses() {}

  static List<RouteStatus> of(PairIntent intent, Observation observation) {
    RouteIntent routes = RouteTableStrategyPlanner.routes(intent);
    List<RouteStatus> statuses = new ArrayList<>();
    for (String id : routes.routeTableIds()) {
      RouteTable table = observation.routeTables().get(id);
      for (String destination : routes.destinations()) {
        Optional<Route> route = table == null ? Optional.empty() : table.route(destination);
        RouteStatus status = new RouteStatus();
        status.setRouteTableId(id);
        status.setDestination(destination);
        Optional<String> hop = route.flatMap(Route::networkInterfaceId);
        hop.ifPresent(status::setNetworkInterfaceId);
        TargetSide side = TargetSide.None;
        for (Side candidate : Side.values()) {
          if (hop.isPresent() && hop.equals(RouteTableStrategyPlanner.sideInterface(intent, observation, candidate))) {
            side = TargetSide.valueOf(candidate.name());
            status.setInstanceId(intent.instanceIdOf(candidate));
          }
        }
        status.setSide(side);
        status.setState(route.isEmpty() ? RouteState.Missing
            : route.get().blackhole() ? RouteState.Blackhole
            : side.name().equals(intent.desired().name()) ? RouteState.InSync
            : RouteState.Drifted);
        statuses.add(status);
      }
    }
    return statuses;
  }
}
