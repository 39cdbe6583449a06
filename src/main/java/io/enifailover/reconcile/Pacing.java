package io.enifailover.reconcile;

import io.enifailover.model.Reason;
import io.enifailover.model.Outcome;
import io.enifailover.plan.PairMemory;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * When to look again. Fast while EC2 is mid-transition (the operator's added time is the poll interval
 * at the moment EC2 finishes), exponential on throttling and outages, slow when in sync or when only a
 * human can help, and a little faster than that while the interface is attached to nothing.
 */
public record Pacing(
    Duration pollInitial,
    Duration pollMax,
    Duration resync,
    Duration stalledRetry,
    Duration outageRetry,
    Duration detachStuckRetry) {

  /** About 10 s of fast polls: EC2's attach and detach usually take a few seconds. */
  static final int USUAL_TRANSITION_PASSES = 70;

  public static Pacing defaults() {
    return new Pacing(
        Duration.ofMillis(100),
        Duration.ofMillis(150),
        Duration.ofSeconds(30),
        Duration.ofMinutes(2),
        Duration.ofSeconds(15),
        Duration.ofSeconds(5));
  }

  public Pacing withResync(Duration value) {
    return new Pacing(pollInitial, pollMax, value, stalledRetry, outageRetry, detachStuckRetry);
  }

  public Pacing withStalledRetry(Duration value) {
    return new Pacing(pollInitial, pollMax, resync, value, outageRetry, detachStuckRetry);
  }

  /**
   * @param inFlightPasses consecutive passes spent on the current transition, this one included
   * @param failedPasses consecutive passes EC2 throttled or failed, this one included
   * @param serviceDown the service is on no instance
   */
  Duration after(Outcome outcome, int inFlightPasses, int failedPasses, boolean serviceDown) {
    Reason reason = outcome.reason();
    if (reason == Reason.DetachStuck || reason == Reason.AttachStuck) {
      return detachStuckRetry;
    }
    if (reason == Reason.Claiming && outcome.executed().isEmpty()) {
      return PairMemory.CLAIM_SETTLE;
    }
    if (outcome.executed().isPresent() || reason.category() == Reason.Category.IN_FLIGHT) {
      if (inFlightPasses > USUAL_TRANSITION_PASSES) {
        // Longer than EC2 usually takes: stop polling at full speed well before it counts as stuck.
        return backoff(pollMax, 1.5, inFlightPasses - USUAL_TRANSITION_PASSES, detachStuckRetry);
      }
      return backoff(pollInitial, 1.25, Math.max(0, inFlightPasses - 1), pollMax);
    }
    if (reason == Reason.Conflict) {
      // EC2 changed under a request: look again at once, but a conflict that persists must not turn
      // into a stream of mutating calls.
      return backoff(pollInitial, 2.0, Math.max(0, failedPasses - 1), Duration.ofSeconds(5));
    }
    return switch (reason.category()) {
      case READY, PAUSED -> resync;
      case WAITING -> reason == Reason.InstanceNotReady
          ? detachStuckRetry
          : backoff(Duration.ofSeconds(1), 2.0, Math.max(0, failedPasses - 1), Duration.ofSeconds(60));
      case STALLED -> serviceDown ? min(outageRetry, stalledRetry) : stalledRetry;
      case IN_FLIGHT -> throw new IllegalStateException("handled above");
    };
  }

  /** {@code base} spread over ±20 %, so that pairs told to wait the same time do not come back together. */
  static Duration jittered(Duration base) {
    double factor = 0.8 + 0.4 * ThreadLocalRandom.current().nextDouble();
    return Duration.ofMillis(Math.max(1, (long) (base.toMillis() * factor)));
  }

  private static Duration backoff(Duration initial, double factor, int exponent, Duration max) {
    double millis = initial.toMillis() * Math.pow(factor, Math.min(exponent, 30));
    return millis >= max.toMillis() ? max : Duration.ofMillis((long) millis);
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }
}
