package io.enifailover.region;

import java.time.Duration;
import java.time.Instant;

/**
 * EC2's throttling model: a bucket of {@code capacity} tokens refilled at {@code refillPerSecond}; a request
 * takes one token or is refused. Not thread-safe: callers hold their own lock. Pure arithmetic on the
 * instants it is given, so that it is tested without a clock.
 */
public final class TokenBucket {
  private final double capacity;
  private final double refillPerSecond;
  private double tokens;
  private Instant refilledAt;

  public TokenBucket(double capacity, double refillPerSecond, Instant now) {
    if (capacity < 1 || refillPerSecond <= 0) {
      throw new IllegalArgumentException("a bucket holds at least one token and refills: " + capacity + ", " + refillPerSecond);
    }
    this.capacity = capacity;
    this.refillPerSecond = refillPerSecond;
    this.tokens = capacity;
    this.refilledAt = now;
  }

  /** Takes one token if there is one. */
  public boolean tryTake(Instant now) {
    return tryTake(now, 0);
  }

  /** Takes one token if at least {@code reserve} more would be left (whole tokens). */
  public boolean tryTake(Instant now, int reserve) {
    refill(now);
    if (tokens >= 1 + reserve) {
      tokens -= 1;
      return true;
    }
    return false;
  }

  /** How long until a token beyond {@code reserve} is available (zero if one is). */
  public Duration untilAvailable(Instant now, int reserve) {
    refill(now);
    double missing = 1 + reserve - tokens;
    return missing <= 0 ? Duration.ZERO : Duration.ofNanos((long) Math.ceil(missing / refillPerSecond * 1e9));
  }

  /** Empties the bucket: EC2 said it is empty, whatever this mirror of it thought. */
  public void drain(Instant now) {
    refill(now);
    tokens = 0;
  }

  public double tokens(Instant now) {
    refill(now);
    return tokens;
  }

  public double capacity() {
    return capacity;
  }

  public double refillPerSecond() {
    return refillPerSecond;
  }

  private void refill(Instant now) {
    if (now.isAfter(refilledAt)) {
      double seconds = Duration.between(refilledAt, now).toNanos() / 1e9;
      tokens = Math.min(capacity, tokens + seconds * refillPerSecond);
      refilledAt = now;
    }
  }
}
