package io.enifailover.api;

/** Why the operator moved the interface. */
public enum Trigger {
  /** The user changed spec.active. */
  SpecChange,
  /** EC2 was changed out of band and the operator put it back. */
  Drift,
  /** The first attach of a new pair. */
  Initial,
  /** Automatic failover: a side failed its health check (or EC2 reported it gone) and the other was healthy. */
  HealthCheck
}
