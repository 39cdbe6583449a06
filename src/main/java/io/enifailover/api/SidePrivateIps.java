package io.enifailover.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;

/** One private IP per side: across Availability Zones the sides' addresses differ, and the Elastic IP follows the active one. */
public class SidePrivateIps {
  @Required
  @Pattern(IpPatterns.IPV4)
  @JsonPropertyDescription("The private IPv4 address of the primary side's interface to associate with while Primary is active")
  private String primary;

  @Required
  @Pattern(IpPatterns.IPV4)
  @JsonPropertyDescription("The private IPv4 address of the standby side's interface to associate with while Standby is active")
  private String standby;

  public SidePrivateIps() {}

  public SidePrivateIps(String primary, String standby) {
    this.primary = primary;
    this.standby = standby;
  }

  public String getPrimary() {
    return primary;
  }

  public void setPrimary(String primary) {
    this.primary = primary;
  }

  public String getStandby() {
    return standby;
  }

  public void setStandby(String standby) {
    this.standby = standby;
  }
}
