package io.enifailover.health;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * What one probe found.
 *
 * @param detail what a human reads in status and logs: "HTTP 200", "connection refused", "timed out after 1s"
 * @param at when the probe was sent
 * @param took how long it took to get the answer (or to give up)
 */
public record ProbeResult(boolean success, String detail, Instant at, Duration took) {

  public ProbeResult {
    Objects.requireNonNull(detail, "detail");
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(took, "took");
  }

  public static ProbeResult passed(String detail, Instant at, Duration took) {
    return new ProbeResult(true, detail, at, took);
  }

  public static ProbeResult failed(String detail, Instant at, Duration took) {
    return new ProbeResult(false, detail, at, took);
  }
}
