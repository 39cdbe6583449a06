package io.enifailover.model;

import java.util.Map;
import java.util.Optional;

/**
 * One look at EC2 for one pair, limited to what the planner needs at this point (see
 * {@code ObservationNeeds}). An instance or address that was asked for and is absent was not found.
 */
public record Observation(
    Optional<NetworkInterface> networkInterface,
    Map<String, Instance> instances,
    Optional<Address> address) {

  public Observation {
    instances = Map.copyOf(instances);
  }

  /** This observation, with {@code tags} added to the interface's (the operator has just written them). */
  public Observation withInterfaceTags(Map<String, String> tags) {
    return new Observation(networkInterface.map(eni -> eni.withTags(tags)), instances, address);
  }

  public Optional<Instance> instance(String id) {
    return Optional.ofNullable(instances.get(id));
  }
}
