package io.enifailover.health;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * The health verdict on one side of a pair, built from its probes one at a time. A verdict changes only
 * after a run of {@code failureThreshold} failures or {@code successThreshold} successes, so that a single
 * dropped probe neither fails a service over nor brings it back; EC2 saying the instance is gone needs no
 * run. Immutable: {@link #record} returns the next state.
 *
 * @param last the latest probe (or EC2's word), null before any
 * @param since when the current status began; null while no verdict was ever reached
 * @param failingSince when the current run of failures began (its first failed probe, or EC2's report);
 *     null while no failure runs
 */
public record SideHealth(
    Status status, int consecutiveSuccesses, int consecutiveFailures, ProbeResult last, Instant since, Instant failingSince) {

  public enum Status {
    /** Not enough probes yet for a verdict: neither side may be chosen or ruled out on it. */
    UNKNOWN,
    HEALTHY,
    UNHEALTHY
  }

  private static final SideHealth UNKNOWN = new SideHealth(Status.UNKNOWN, 0, 0, null, null, null);

  public SideHealth {
    Objects.requireNonNull(status, "status");
    if (consecutiveSuccesses < 0 || consecutiveFailures < 0) {
      throw new IllegalArgumentException("counts are not negative: " + consecutiveSuccesses + ", " + consecutiveFailures);
    }
    if (consecutiveSuccesses > 0 && consecutiveFailures > 0) {
      throw new IllegalArgumentException("a run of successes and a run of failures cannot both be going on");
    }
    if (since == null && status != Status.UNKNOWN) {
      throw new IllegalArgumentException("a verdict has a start: " + status);
    }
  }

  public static SideHealth unknown() {
    return UNKNOWN;
  }

  /** The state after one more probe. */
  public SideHealth record(ProbeResult result, ProbeSpec spec) {
    if (result.success()) {
      int successes = plusOne(consecutiveSuccesses);
      Status next = successes >= spec.successThreshold() ? Status.HEALTHY : status;
      return new SideHealth(next, successes, 0, result, next == status ? since : result.at(), null);
    }
    int failures = plusOne(consecutiveFailures);
    Status next = failures >= spec.failureThreshold() ? Status.UNHEALTHY : status;
    return new SideHealth(next, 0, failures, result, next == status ? since : result.at(), failingSince == null ? result.at() : failingSince);
  }

  /**
   * EC2 says the instance is stopping, stopped, terminated or impaired: unhealthy at once, whatever its
   * probes said. Probes that pass afterwards bring it back only after a full run of successes.
   */
  public SideHealth goneInEc2(String why, Instant at) {
    ProbeResult verdict = ProbeResult.failed(why, at, Duration.ZERO);
    return new SideHealth(Status.UNHEALTHY, 0, plusOne(consecutiveFailures), verdict,
        status == Status.UNHEALTHY ? since : at, failingSince == null ? at : failingSince);
  }

  /** Whether the status differs from {@code previous} (a run that has not reached its threshold is no change). */
  public boolean changedFrom(SideHealth previous) {
    return previous == null || previous.status != status;
  }

  public boolean isHealthy() {
    return status == Status.HEALTHY;
  }

  public boolean isUnhealthy() {
    return status == Status.UNHEALTHY;
  }

  private static int plusOne(int count) {
    return count == Integer.MAX_VALUE ? count : count + 1;
  }
}
