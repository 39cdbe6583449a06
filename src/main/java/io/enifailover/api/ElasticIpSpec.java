package io.enifailover.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.ValidationRule;

/** The Elastic IP that must stay associated with the service's private IP, on whichever side is active. */
@ValidationRule(
    value = "!(has(self.privateIpAddress) && has(self.privateIpAddresses))",
    message = "privateIpAddress and privateIpAddresses are mutually exclusive: one address that moves with the"
        + " service, or one address per side (strategy RouteTable)")
public class ElasticIpSpec {
  @Required
  @Pattern(AwsIds.ALLOCATION)
  @JsonPropertyDescription("Allocation id of the Elastic IP (eipalloc-...)")
  private String allocationId;

  @JsonPropertyDescription("Private IP of the interface to associate with; default: its primary private IP")
  @Pattern("^[0-9]{1,3}(\\.[0-9]{1,3}){3}$")
  private String privateIpAddress;

  @JsonPropertyDescription("Strategy RouteTable only: the private IP to associate with on each side, so that the"
      + " Elastic IP follows the active side across Availability Zones; default: the primary private IP of the"
      + " active side's interface. Not with privateIpAddress")
  private SidePrivateIps privateIpAddresses;

  public ElasticIpSpec() {}

  public ElasticIpSpec(String allocationId, String privateIpAddress) {
    this.allocationId = allocationId;
    this.privateIpAddress = privateIpAddress;
  }

  public String getAllocationId() {
    return allocationId;
  }

  public void setAllocationId(String allocationId) {
    this.allocationId = allocationId;
  }

  public String getPrivateIpAddress() {
    return privateIpAddress;
  }

  public void setPrivateIpAddress(String privateIpAddress) {
    this.privateIpAddress = privateIpAddress;
  }

  public SidePrivateIps getPrivateIpAddresses() {
    return privateIpAddresses;
  }

  public void setPrivateIpAddresses(SidePrivateIps privateIpAddresses) {
    this.privateIpAddresses = privateIpAddresses;
  }
}
