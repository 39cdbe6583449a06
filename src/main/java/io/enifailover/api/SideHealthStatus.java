package io.enifailover.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** What the leader's probes and EC2 say of one instance of the pair, as of the last status write. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class SideHealthStatus {
  @JsonPropertyDescription("Healthy, Unhealthy, or Unknown (not enough probes yet, e.g. after a leader change)")
  private String state;
  @JsonPropertyDescription("The instance probed, and its primary private IP")
  private String target;
  @JsonPropertyDescription("The last probe's result, e.g. HTTP 200, connection refused, timed out after 1s; or what EC2 reports")
  private String lastProbe;
  @JsonPropertyDescription("When the last probe ran (RFC 3339)")
  private String lastProbeTime;
  @JsonPropertyDescription("Failed probes in a row")
  private Integer consecutiveFailures;
  @JsonPropertyDescription("Successful probes in a row")
  private Integer consecutiveSuccesses;
  @JsonPropertyDescription("Since when the instance has been in this state (RFC 3339)")
  private String since;

  public String getState() {
    return state;
  }

  public void setState(String state) {
    this.state = state;
  }

  public String getTarget() {
    return target;
  }

  public void setTarget(String target) {
    this.target = target;
  }

  public String getLastProbe() {
    return lastProbe;
  }

  public void setLastProbe(String lastProbe) {
    this.lastProbe = lastProbe;
  }

  public String getLastProbeTime() {
    return lastProbeTime;
  }

  public void setLastProbeTime(String lastProbeTime) {
    this.lastProbeTime = lastProbeTime;
  }

  public Integer getConsecutiveFailures() {
    return consecutiveFailures;
  }

  public void setConsecutiveFailures(Integer consecutiveFailures) {
    this.consecutiveFailures = consecutiveFailures;
  }

  public Integer getConsecutiveSuccesses() {
    return consecutiveSuccesses;
  }

  public void setConsecutiveSuccesses(Integer consecutiveSuccesses) {
    this.consecutiveSuccesses = consecutiveSuccesses;
  }

  public String getSince() {
    return since;
  }

  public void setSince(String since) {
    this.since = since;
  }
}
