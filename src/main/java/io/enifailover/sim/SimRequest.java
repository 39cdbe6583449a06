package io.enifailover.sim;

import java.time.Instant;
import java.util.Map;

/** One EC2 API request the simulator received, and how it answered ({@code errorCode} is null on success). */
public record SimRequest(
    Instant at, String action, Map<String, String> params, int httpStatus, String errorCode) {

  public SimRequest {
    params = Map.copyOf(params);
  }

  static boolean isDryRun(Map<String, String> params) {
    return "true".equalsIgnoreCase(params.get("DryRun"));
  }

  /** A dry run asks EC2 whether the request is permitted and changes nothing. */
  public boolean dryRun() {
    return isDryRun(params);
  }
}
