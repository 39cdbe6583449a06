package io.enifailover.api;

/** How long each EC2 phase of a failover took, as the operator observed it. */
public class PhaseDurations {
  private Long detachMillis;
  private Long attachMillis;
  private Long associateMillis;

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
}
