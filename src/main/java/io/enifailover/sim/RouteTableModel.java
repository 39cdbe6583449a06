package io.enifailover.sim;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A route table of the simulated VPC: each destination CIDR to its target, an interface id or {@code local}
 * (the VPC's own CIDR, which every table has).
 */
record RouteTableModel(String id, String vpcId, Map<String, String> targetByDestination) {
  static final String LOCAL = "local";

  RouteTableModel {
    targetByDestination = Map.copyOf(targetByDestination);
  }

  RouteTableModel with(String destination, String target) {
    Map<String, String> routes = new LinkedHashMap<>(targetByDestination);
    routes.put(destination, target);
    return new RouteTableModel(id, vpcId, routes);
  }

  RouteTableModel without(String destination) {
    Map<String, String> routes = new LinkedHashMap<>(targetByDestination);
    routes.remove(destination);
    return new RouteTableModel(id, vpcId, routes);
  }
}
