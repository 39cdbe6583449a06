package io.enifailover.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;

/** A reference to an EC2 instance of the pair, and for the strategies that move no interface, to its own interface. */
public class InstanceRef {
  @Required
  @Pattern(AwsIds.INSTANCE)
  @JsonPropertyDescription("EC2 instance id (i-...)")
  private String instanceId;

  @Pattern(AwsIds.NETWORK_INTERFACE)
  @JsonPropertyDescription("Strategies RouteTable and SecondaryIp only: this side's own interface (eni-...), which the"
      + " routes point at or which takes the secondary IP when this side is active; default: the instance's primary"
      + " interface (device index 0). Not allowed with InterfaceMove, where spec.networkInterfaceId moves")
  private String networkInterfaceId;

  public InstanceRef() {}

  public InstanceRef(String instanceId) {
    this.instanceId = instanceId;
  }

  public InstanceRef(String instanceId, String networkInterfaceId) {
    this.instanceId = instanceId;
    this.networkInterfaceId = networkInterfaceId;
  }

  public String getInstanceId() {
    return instanceId;
  }

  public void setInstanceId(String instanceId) {
    this.instanceId = instanceId;
  }

  public String getNetworkInterfaceId() {
    return networkInterfaceId;
  }

  public void setNetworkInterfaceId(String networkInterfaceId) {
    this.networkInterfaceId = networkInterfaceId;
  }
}
