package io.enifailover.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** How long each EC2 phase of a failover took, as the operator observed it. */
public class PhaseDurations {
  @JsonPropertyDescription("Detach, from the request to detached")
  private Long detachMillis;
  @JsonPropertyDescription("Attach, from the request to attached")
  private Long attachMillis;
  @JsonPropertyDescription("Elastic IP association, from the request to associated")
  private Long associateMillis;
  @JsonPropertyDescription("Automatic failover: from the first failed probe of the side that failed (or EC2's report of it) to the decision to move")
  private Long detectionMillis;
  @JsonPropertyDescription("Automatic failover with fencing: from the stop request to the failed instance stopped")
  private Long fencingMillis;

  public PhaseDurations() {}

  public PhaseDurations(long detachMillis, long attachMillis, long associateMillis) {
    this.detachMillis = detachMillis;
    this.attachMillis = attachMillis;
    this.associateMillis = associateMillis;
  }

  public Long getDetachMillis() {
    return detachMillis;
  }

  public void setDetachMillis(Long detachMillis) {
    this.detachMillis = detachMillis;
  }

  public Long getAttachMillis() {
    return attachMillis;
  }

  public void setAttachMillis(Long attachMillis) {
    this.attachMillis = attachMillis;
  }

  public Long getAssociateMillis() {
    return associateMillis;
  }

  public void setAssociateMillis(Long associateMillis) {
    this.associateMillis = associateMillis;
  }

  public Long getDetectionMillis() {
    return detectionMillis;
  }

  public void setDetectionMillis(Long detectionMillis) {
    this.detectionMillis = detectionMillis;
  }

  public Long getFencingMillis() {
    return fencingMillis;
  }

  public void setFencingMillis(Long fencingMillis) {
    this.fencingMillis = fencingMillis;
  }
}
