package io.enifailover.sim;

import java.time.Instant;
import java.util.Map;

/** One EC2 API request the simulator received, and how it answered ({@code errorCode} is null on success). */
public record SimRequest(
    Instant at, String action, Map<String, String> params, int httpStatus, String errorCode) {

  public SimRequest {
    params = Map.copyOf(params);
  }
}
