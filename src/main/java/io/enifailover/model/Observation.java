package io.enifailover.model;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One look at EC2 for one pair, limited to what its strategy needs at this point. A resource that was read (its id
 * is in {@code read}) and is absent was not found.
 *
 * @param networkInterface the interface the strategy moves, if it moves one
 * @param interfaces other interfaces the strategy uses without moving them (a route's next hops), by id
 * @param routeTables the route tables the strategy changes, by id
 * @param read the ids of the instances, addresses, interfaces and tables this observation looked up
 */
public record Observation(
    Optional<NetworkInterface> networkInterface,
    Map<String, Instance> instances,
    Optional<Address> address,
    Map<String, NetworkInterface> interfaces,
    Map<String, RouteTable> routeTables,
    Set<String> read) {

  public Observation {
    instances = Map.copyOf(instances);
    interfaces = Map.copyOf(interfaces);
    routeTables = Map.copyOf(routeTables);
    read = Set.copyOf(read);
  }

  /** An observation of the interface move: its interface, the instances and the address. */
  public Observation(Optional<NetworkInterface> networkInterface, Map<String, Instance> instances, Optional<Address> address, Set<String> read) {
    this(networkInterface, instances, address, Map.of(), Map.of(), read);
  }

  /** An observation that looked up exactly what it found. */
  public Observation(Optional<NetworkInterface> networkInterface, Map<String, Instance> instances, Optional<Address> address) {
    this(networkInterface, instances, address, found(instances, address));
  }

  private static Set<String> found(Map<String, Instance> instances, Optional<Address> address) {
    Set<String> ids = new HashSet<>(instances.keySet());
    address.ifPresent(a -> ids.add(a.allocationId()));
    return ids;
  }

  /** This observation, with {@code tags} added to the interface's (the operator has just written them). */
  public Observation withInterfaceTags(Map<String, String> tags) {
    return new Observation(networkInterface.map(eni -> eni.withTags(tags)), instances, address, interfaces, routeTables, read);
  }

  /** This observation, with {@code tags} added to every route table's (the operator has just written them). */
  public Observation withRouteTableTags(Map<String, String> tags) {
    Map<String, RouteTable> tagged = new HashMap<>();
    routeTables.forEach((id, t) -> {
      Map<String, String> all = new HashMap<>(t.tags());
      all.putAll(tags);
      tagged.put(id, new RouteTable(t.id(), t.vpcId(), t.routes(), all));
    });
    return new Observation(networkInterface, instances, address, interfaces, tagged, read);
  }

  public Optional<Instance> instance(String id) {
    return Optional.ofNullable(instances.get(id));
  }
}
