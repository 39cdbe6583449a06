package io.enifailover.model;

import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * An EC2 instance as the planner needs it.
 *
 * @param privateIp the primary private IP, where a health probe reaches the instance; empty when EC2 reports
 *     none (a terminated instance)
 * @param interfaceByDeviceIndex the network interface attached at each device index
 * @param maxInterfaces how many network interfaces its instance type takes, when EC2 says
 * @param tags the instance's EC2 tags
 */
public record Instance(
    String id,
    String availabilityZone,
    String vpcId,
    String privateIp,
    InstanceState state,
    Map<Integer, String> interfaceByDeviceIndex,
    String instanceType,
    OptionalInt maxInterfaces,
    Map<String, String> tags) {

  public Instance {
    interfaceByDeviceIndex = Map.copyOf(interfaceByDeviceIndex);
    tags = Map.copyOf(tags);
  }

  /** True when the instance cannot take {@code eniId} because its type allows no more interfaces. */
  public boolean isFullWithout(String eniId) {
    long others = interfaceByDeviceIndex.values().stream().filter(id -> !id.equals(eniId)).count();
    return maxInterfaces.isPresent() && others >= maxInterfaces.getAsInt();
  }

  /** The interface other than {@code eniId} that holds {@code deviceIndex}, if any. */
  public Optional<String> otherInterfaceAt(int deviceIndex, String eniId) {
    return Optional.ofNullable(interfaceByDeviceIndex.get(deviceIndex)).filter(id -> !id.equals(eniId));
  }
}
