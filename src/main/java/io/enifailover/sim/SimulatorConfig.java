package io.enifailover.sim;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * Settings of an {@link Ec2Simulator}: listening port (0 picks a free one), how long attach and
 * detach take, the clock transitions are measured against, and whether EC2's request token buckets apply.
 */
public record SimulatorConfig(
    int port, Duration detachDuration, Duration attachDuration, double jitter, Clock clock, boolean ec2Buckets) {

  public SimulatorConfig {
    if (port < 0 || port > 65_535) {
      throw new IllegalArgumentException("port out of range: " + port);
    }
    requireNonNegative(detachDuration, "detachDuration");
    requireNonNegative(attachDuration, "attachDuration");
    Objects.requireNonNull(clock, "clock");
    if (jitter < 0 || jitter >= 1) {
      throw new IllegalArgumentException("jitter must be in [0, 1): " + jitter);
    }
  }

  /** A free port, a 3 s detach and a 2 s attach (of the order AWS takes), the system clock. */
  public static SimulatorConfig defaults() {
    return new SimulatorConfig(0, Duration.ofSeconds(3), Duration.ofSeconds(2), 0, Clock.systemUTC(), false);
  }

  public SimulatorConfig withPort(int port) {
    return new SimulatorConfig(port, detachDuration, attachDuration, jitter, clock, ec2Buckets);
  }

  public SimulatorConfig withDetachDuration(Duration detachDuration) {
    return new SimulatorConfig(port, detachDuration, attachDuration, jitter, clock, ec2Buckets);
  }

  public SimulatorConfig withAttachDuration(Duration attachDuration) {
    return new SimulatorConfig(port, detachDuration, attachDuration, jitter, clock, ec2Buckets);
  }

  /**
   * Spreads each transition's duration uniformly over ±{@code jitter} of the configured one, as EC2's
   * own durations vary; each attachment draws its own, so lazy evaluation stays consistent.
   */
  public SimulatorConfig withJitter(double jitter) {
    return new SimulatorConfig(port, detachDuration, attachDuration, jitter, clock, ec2Buckets);
  }

  /** The duration of one transition of the attachment {@code attachmentId}. */
  Duration durationFor(Duration base, String attachmentId, String phase) {
    if (jitter == 0) {
      return base;
    }
    double unit = new java.util.Random((attachmentId + phase).hashCode()).nextDouble();
    return Duration.ofNanos((long) (base.toNanos() * (1 - jitter + 2 * jitter * unit)));
  }

  public SimulatorConfig withClock(Clock clock) {
    return new SimulatorConfig(port, detachDuration, attachDuration, jitter, clock, ec2Buckets);
  }

  /** Throttles as EC2 does, with its request token buckets per account and Region ({@code Ec2Buckets}). */
  public SimulatorConfig withEc2Buckets(boolean value) {
    return new SimulatorConfig(port, detachDuration, attachDuration, jitter, clock, value);
  }

  private static void requireNonNegative(Duration duration, String name) {
    Objects.requireNonNull(duration, name);
    if (duration.isNegative()) {
      throw new IllegalArgumentException(name + " must not be negative: " + duration);
    }
  }
}
