package io.enifailover.sim;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The route tables of the simulated world and EC2's rules for changing their routes. Not thread-safe: the
 * world calls it under its own lock, with the interfaces it knows.
 */
final class RouteTables {
  private final Map<String, RouteTableModel> byId = new LinkedHashMap<>();

  void add(String id, String vpcId, String vpcCidr) {
    if (byId.containsKey(id)) {
      throw new IllegalArgumentException(id + " already exists");
    }
    byId.put(id, new RouteTableModel(id, vpcId, Map.of(vpcCidr, RouteTableModel.LOCAL)));
  }

  Map<String, RouteTableModel> all() {
    return Map.copyOf(byId);
  }

  /** CreateRoute to an interface: a destination the table already routes is refused, as EC2 does. */
  void create(String tableId, String destination, EniModel target) {
    RouteTableModel table = routable(tableId, destination, target);
    if (table.targetByDestination().containsKey(destination)) {
      throw Ec2Error.client("RouteAlreadyExists",
          "The route identified by " + destination + " already exists.");
    }
    byId.put(tableId, table.with(destination, target.id()));
  }

  /** ReplaceRoute to an interface: only a route the table has; EC2 answers a missing one with InvalidParameterValue. */
  void replace(String tableId, String destination, EniModel target) {
    RouteTableModel table = routable(tableId, destination, target);
    String current = table.targetByDestination().get(destination);
    if (current == null) {
      throw Ec2Error.invalidParameterValue("There is no route defined for '" + destination
          + "' in the route table. Use CreateRoute instead.");
    }
    if (RouteTableModel.LOCAL.equals(current)) {
      throw Ec2Error.invalidParameterValue("cannot replace local route " + destination + " in " + tableId);
    }
    byId.put(tableId, table.with(destination, target.id()));
  }

  void delete(String tableId, String destination) {
    RouteTableModel table = require(tableId);
    if (!table.targetByDestination().containsKey(destination)) {
      throw Ec2Error.client("InvalidRoute.NotFound",
          "no route with destination-cidr-block " + destination + " in route table " + tableId);
    }
    byId.put(tableId, table.without(destination));
  }

  /** Sets a route whatever it was: a person or another tool changing the table outside the operator. */
  void set(String tableId, String destination, String target) {
    byId.put(tableId, require(tableId).with(destination, target));
  }

  RouteTableModel require(String tableId) {
    RouteTableModel table = byId.get(tableId);
    if (table == null) {
      throw Ec2Error.routeTablesNotFound(List.of(tableId));
    }
    return table;
  }

  private RouteTableModel routable(String tableId, String destination, EniModel target) {
    RouteTableModel table = require(tableId);
    requireCidr(destination);
    if (!table.vpcId().equals(target.vpcId())) {
      throw Ec2Error.invalidParameterValue(
          "route table " + tableId + " and network interface " + target.id() + " belong to different networks");
    }
    return table;
  }

  private static void requireCidr(String destination) {
    String[] parts = destination.split("/", -1);
    Function<String, Boolean> address = host -> {
      try {
        return !host.isEmpty() && (host.contains(":") || host.chars().allMatch(c -> c == '.' || Character.isDigit(c)))
            && InetAddress.getByName(host) != null;
      } catch (UnknownHostException e) {
        return false;
      }
    };
    boolean valid = parts.length == 2 && address.apply(parts[0]) && parts[1].matches("\\d{1,3}")
        && Integer.parseInt(parts[1]) <= (parts[0].contains(":") ? 128 : 32);
    if (!valid) {
      throw Ec2Error.invalidParameterValue(
          "Value (" + destination + ") for parameter destinationCidrBlock is invalid. This is not a valid CIDR block.");
    }
  }
}
