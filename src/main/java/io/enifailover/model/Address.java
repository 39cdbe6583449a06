package io.enifailover.model;

import java.util.Map;
import java.util.Optional;

/**
 * An Elastic IP and what it is associated with.
 *
 * @param networkInterfaceId empty when the address is not associated with a network interface
 * @param instanceId set when the address is associated directly with an instance (EC2-Classic style)
 * @param tags the address's EC2 tags
 */
public record Address(
    String allocationId,
    String publicIp,
    Optional<String> associationId,
    Optional<String> networkInterfaceId,
    Optional<String> privateIp,
    Optional<String> instanceId,
    Map<String, String> tags) {

  public Address {
    tags = Map.copyOf(tags);
  }

  public boolean isAssociated() {
    return associationId.isPresent();
  }
}
