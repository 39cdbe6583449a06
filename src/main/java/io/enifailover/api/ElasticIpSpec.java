package io.enifailover.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;

/** The Elastic IP that must stay associated with the interface's private IP. */
public class ElasticIpSpec {
  @Required
  @Pattern(AwsIds.ALLOCATION)
  @JsonPropertyDescription("Allocation id of the Elastic IP (eipalloc-...)")
  private String allocationId;

  @JsonPropertyDescription("Private IP of the interface to associate with; default: its primary private IP")
  @Pattern("^[0-9]{1,3}(\\.[0-9]{1,3}){3}$")
  private String privateIpAddress;

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
}
