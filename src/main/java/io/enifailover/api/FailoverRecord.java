package io.enifailover.api;

import io.enifailover.model.ActiveRole;
import io.enifailover.model.Side;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** One move of the interface to the desired instance; completedAt is empty while it is in flight. */
public class FailoverRecord {
  @JsonPropertyDescription("The side the interface was on when the move started")
  private ActiveRole from;
  @JsonPropertyDescription("The side the interface moves to")
  private Side to;

  @JsonPropertyDescription("SpecChange, Drift (repair of an out-of-band change) or Initial (first attach)")
  private Trigger trigger;

  @JsonPropertyDescription("When the first EC2 change was requested")
  private String startedAt;
  @JsonPropertyDescription("When the interface was in place on the target; empty while in flight")
  private String completedAt;
  @JsonPropertyDescription("From startedAt to completedAt")
  private Long durationMillis;
  @JsonPropertyDescription("How long each EC2 phase took")
  private PhaseDurations phases;

  public ActiveRole getFrom() {
    return from;
  }

  public void setFrom(ActiveRole from) {
    this.from = from;
  }

  public Side getTo() {
    return to;
  }

  public void setTo(Side to) {
    this.to = to;
  }

  public Trigger getTrigger() {
    return trigger;
  }

  public void setTrigger(Trigger trigger) {
    this.trigger = trigger;
  }

  public String getStartedAt() {
    return startedAt;
  }

  public void setStartedAt(String startedAt) {
    this.startedAt = startedAt;
  }

  public String getCompletedAt() {
    return completedAt;
  }

  public void setCompletedAt(String completedAt) {
    this.completedAt = completedAt;
  }

  public Long getDurationMillis() {
    return durationMillis;
  }

  public void setDurationMillis(Long durationMillis) {
    this.durationMillis = durationMillis;
  }

  public PhaseDurations getPhases() {
    return phases;
  }

  public void setPhases(PhaseDurations phases) {
    this.phases = phases;
  }
}
