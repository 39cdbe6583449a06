package io.enifailover.model;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A VPC route table, with its routes and its EC2 tags (the tenant guard reads them). */
public record RouteTable(String id, String vpcId, List<Route> routes, Map<String, String> tags) {

  public RouteTable {
    routes = List.copyOf(routes);
    tags = Map.copyOf(tags);
  }

  /** The route for exactly this destination, if the table has one. */
  public Optional<Route> route(String destination) {
    return routes.stream().filter(r -> r.destination().equals(destination)).findFirst();
  }
}
