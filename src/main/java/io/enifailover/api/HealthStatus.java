package io.enifailover.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** The health of each side of the pair, for automatic failover. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class HealthStatus {
  @JsonPropertyDescription("The primary instance")
  private SideHealthStatus primary;
  @JsonPropertyDescription("The standby instance")
  private SideHealthStatus standby;

  public SideHealthStatus getPrimary() {
    return primary;
  }

  public void setPrimary(SideHealthStatus primary) {
    this.primary = primary;
  }

  public SideHealthStatus getStandby() {
    return standby;
  }

  public void setStandby(SideHealthStatus standby) {
    this.standby = standby;
  }
}
