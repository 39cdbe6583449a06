package io.enifailover.sim;

import java.time.Instant;

/** A timed attach or detach of an ENI; {@code completedAt} is null while the transition is in flight. */
public record SimTransition(
    String eniId, Kind kind, String instanceId, Instant requestedAt, Instant completedAt) {

  /** Which way the ENI is moving. */
  public enum Kind {
    DETACH,
    ATTACH
  }

  SimTransition completed(Instant at) {
    return new SimTransition(eniId, kind, instanceId, requestedAt, at);
  }
}
