package io.enifailover.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.enifailover.model.TargetSide;

/** Strategy SecondaryIp: which interface holds one of the pair's secondary private IPs now, as EC2 last showed it. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class SecondaryIpStatus {
  @JsonPropertyDescription("The secondary private IP")
  private String privateIpAddress;
  @JsonPropertyDescription("The interface that holds it (eni-...); empty when no interface does")
  private String networkInterfaceId;
  @JsonPropertyDescription("The side of the pair that holds it: Primary, Standby or None (no interface, or one"
      + " outside the pair)")
  private TargetSide side;

  public String getPrivateIpAddress() {
    return privateIpAddress;
  }

  public void setPrivateIpAddress(String privateIpAddress) {
    this.privateIpAddress = privateIpAddress;
  }

  public String getNetworkInterfaceId() {
    return networkInterfaceId;
  }

  public void setNetworkInterfaceId(String networkInterfaceId) {
    this.networkInterfaceId = networkInterfaceId;
  }

  public TargetSide getSide() {
    return side;
  }

  public void setSide(TargetSide side) {
    this.side = side;
  }
}
