package io.enifailover.api;

import io.enifailover.model.Side;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** What automatic failover chose: the operator never writes spec, so the side it serves from is recorded here. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class AutomaticFailoverStatus {
  @JsonPropertyDescription("The side the operator keeps the interface on: spec.active's, unless it failed over")
  private Side target;
  @JsonPropertyDescription("The spec.active this choice was made under: editing spec.active starts over from the new value")
  private Side declared;
  @JsonPropertyDescription("AsDeclared, FailedOver, FailedBack, NoHealthySide (the active side failed, the other is not healthy either) or FlapPrevented (a move the cooldown held back)")
  private String state;
  @JsonPropertyDescription("Why the target is what it is")
  private String reason;
  @JsonPropertyDescription("When the operator last moved the interface by itself (RFC 3339)")
  private String lastMoveTime;
  @JsonPropertyDescription("Why the operator last moved the interface by itself")
  private String lastMoveReason;
  @JsonPropertyDescription("Automatic moves the operator made")
  private Long moves;
  @JsonPropertyDescription("Moves the cooldown prevented (flaps)")
  private Long preventedFlaps;
  @JsonPropertyDescription("The value of the enifailover.io/fail-back annotation last acted on: a request is spent once")
  private String failbackRequest;

  public Side getTarget() {
    return target;
  }

  public void setTarget(Side target) {
    this.target = target;
  }

  public Side getDeclared() {
    return declared;
  }

  public void setDeclared(Side declared) {
    this.declared = declared;
  }

  public String getReason() {
    return reason;
  }

  public void setReason(String reason) {
    this.reason = reason;
  }

  public String getLastMoveTime() {
    return lastMoveTime;
  }

  public void setLastMoveTime(String lastMoveTime) {
    this.lastMoveTime = lastMoveTime;
  }

  public Long getMoves() {
    return moves;
  }

  public void setMoves(Long moves) {
    this.moves = moves;
  }

  public Long getPreventedFlaps() {
    return preventedFlaps;
  }

  public void setPreventedFlaps(Long preventedFlaps) {
    this.preventedFlaps = preventedFlaps;
  }

  public String getFailbackRequest() {
    return failbackRequest;
  }

  public void setFailbackRequest(String failbackRequest) {
    this.failbackRequest = failbackRequest;
  }

  public String getState() {
    return state;
  }

  public void setState(String state) {
    this.state = state;
  }

  public String getLastMoveReason() {
    return lastMoveReason;
  }

  public void setLastMoveReason(String lastMoveReason) {
    this.lastMoveReason = lastMoveReason;
  }
}
