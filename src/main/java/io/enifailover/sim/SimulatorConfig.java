package io.enifailover.sim;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * Settings of an {@link Ec2Simulator}: listening port (0 picks a free one), how long attach, detach
 * and stop take, the clock transitions are measured against, whether EC2's request token buckets
 * apply, and whether each instance gets a loopback private IP with a health endpoint on {@code healthPort}.
 */
public record SimulatorConfig(
    int port,
    Duration detachDuration,
    Duration attachDuration,
    double jitter,
    Clock clock,
    boolean ec2Buckets,
    Duration stopDuration,
    boolean healthEndpoints,
    int healthPort) {

  public SimulatorConfig {
    if (port < 0 || port > 65_535) {
      throw new IllegalArgumentException("port out of range: " + port);
    }
    requireNonNegative(detachDuration, "detachDuration");
    requireNonNegative(attachDuration, "attachDuration");
    requireNonNegative(stopDuration, "stopDuration");
    if (healthPort < 1 || healthPort > 65_535) {
      throw new IllegalArgumentException("healthPort out of range: " + healthPort);
    }
    Objects.requireNonNull(clock, "clock");
    if (jitter < 0 || jitter >= 1) {
      throw new IllegalArgumentException("jitter must be in [0, 1): " + jitter);
    }
  }

  /**
   * A free port, a 3 s detach, a 2 s attach and a 2 s stop (of the order AWS takes), the system clock,
   * no health endpoints (instances get 10.0.x.y addresses nothing listens on).
   */
  public static SimulatorConfig defaults() {
    return new SimulatorConfig(0, Duration.ofSeconds(3), Duration.ofSeconds(2), 0, Clock.systemUTC(), false,
        Duration.ofSeconds(2), false, 18_080);
  }

  public SimulatorConfig withPort(int port) {
    return new SimulatorConfig(port, detachDuration, attachDuration, jitter, clock, ec2Buckets, stopDuration, healthEndpoints, healthPort);
  }

  public SimulatorConfig withDetachDuration(Duration detachDuration) {
    return new SimulatorConfig(port, detachDuration, attachDuration, jitter, clock, ec2Buckets, stopDuration, healthEndpoints, healthPort);
  }

  public SimulatorConfig withAttachDuration(Duration attachDuration) {
    return new SimulatorConfig(port, detachDuration, attachDuration, jitter, clock, ec2Buckets, stopDuration, healthEndpoints, healthPort);
  }

  /**
   * Spreads each transition's duration uniformly over ±{@code jitter} of the configured one, as EC2's
   * own durations vary; each attachment draws its own, so lazy evaluation stays consistent.
   */
  public SimulatorConfig withJitter(double jitter) {
    return new SimulatorConfig(port, detachDuration, attachDuration, jitter, clock, ec2Buckets, stopDuration, healthEndpoints, healthPort);
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
    return new SimulatorConfig(port, detachDuration, attachDuration, jitter, clock, ec2Buckets, stopDuration, healthEndpoints, healthPort);
  }

  /** Throttles as EC2 does, with its request token buckets per account and Region ({@code Ec2Buckets}). */
  public SimulatorConfig withEc2Buckets(boolean value) {
    return new SimulatorConfig(port, detachDuration, attachDuration, jitter, clock, value, stopDuration, healthEndpoints, healthPort);
  }

  /** How long a stopped instance stays {@code stopping} before it is {@code stopped}. */
  public SimulatorConfig withStopDuration(Duration stopDuration) {
    return new SimulatorConfig(port, detachDuration, attachDuration, jitter, clock, ec2Buckets, stopDuration, healthEndpoints, healthPort);
  }

  /**
   * Gives each instance added a private IP in 127.0.0.0/8 and an HTTP health endpoint on it at
   * {@code healthPort}, so that probes of the instance's private IP reach something ({@link Ec2Simulator#setHealth}).
   */
  public SimulatorConfig withHealthEndpoints(boolean value) {
    return new SimulatorConfig(port, detachDuration, attachDuration, jitter, clock, ec2Buckets, stopDuration, value, healthPort);
  }

  /** The port every health endpoint listens on, each on its instance's own address. */
  public SimulatorConfig withHealthPort(int healthPort) {
    return new SimulatorConfig(port, detachDuration, attachDuration, jitter, clock, ec2Buckets, stopDuration, healthEndpoints, healthPort);
  }

  private static void requireNonNegative(Duration duration, String name) {
    Objects.requireNonNull(duration, name);
    if (duration.isNegative()) {
      throw new IllegalArgumentException(name + " must not be negative: " + duration);
    }
  }
}
