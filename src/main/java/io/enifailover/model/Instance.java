package io.enifailover.model;

import java.util.Map;
import java.util.Optional;

/**
 * An EC2 instance as the planner needs it.
 *
 * @param interfaceByDeviceIndex the network interface attached at each device index
 */
public record Instance(
    String id,
    String availabilityZone,
    String vpcId,
    InstanceState state,
    Map<Integer, String> interfaceByDeviceIndex) {

  public Instance {
    interfaceByDeviceIndex = Map.copyOf(interfaceByDeviceIndex);
  }

  /** The interface other than {@code eniId} that holds {@code deviceIndex}, if any. */
  public Optional<String> otherInterfaceAt(int deviceIndex, String eniId) {
    return Optional.ofNullable(interfaceByDeviceIndex.get(deviceIndex)).filter(id -> !id.equals(eniId));
  }
}
