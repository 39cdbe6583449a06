package io.enifailover.sim;

/**
 * What an instance's health endpoint does while the instance is running (one that is not running
 * refuses connections whatever its mode).
 */
public enum SimHealth {
  /** 200 on any path. */
  SERVING,
  /** 503 on any path; the port is still open, as with a service that is up but unhealthy. */
  FAILING,
  /** Nothing listens: TCP and HTTP probes get connection refused. */
  REFUSING,
  /** Connections are accepted and requests never answered, as with a wedged process, until the mode changes. */
  HANGING
}
