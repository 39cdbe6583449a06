package io.enifailover.model;

import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One look at EC2 for one pair, limited to what its strategy needs at this point. An instance or address
 * that was read (its id is in {@code read}) and is absent was not found.
 *
 * @param read the ids of the instances and addresses this observation looked up
 */
public record Observation(
    Optional<NetworkInterface> networkInterface,
    Map<String, Instance> instances,
    Optional<Address> address,
    Set<String> read) {

  public Observation {
    instances = Map.copyOf(instances);
    read = Set.copyOf(read);
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
    return new Observation(networkInterface.map(eni -> eni.withTags(tags)), instances, address, read);
  }

  public Optional<Instance> instance(String id) {
    return Optional.ofNullable(instances.get(id));
  }
}
