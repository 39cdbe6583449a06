package io.enifailover.region;

import io.enifailover.budget.TokenBucket;
import io.enifailover.model.Step;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The region's share of EC2's mutating bucket, and the order in which pairs get it. A service that is
 * down comes first: attaching an interface takes any token, while starting a move (the dry run and the
 * detach, two calls) leaves one token per move already waiting to attach, and starts only while fewer
 * than the cap of moves are in flight, so that the number of services attached to nothing at once is
 * bounded. A claim on an interface (a tag) comes last. A pair refused a token is told when to come back;
 * no thread waits for one.
 */
public final class MutationBudget {
  private final TokenBucket bucket;
  private final int movesInFlightCap;
  private final Clock clock;
  /** Interfaces the operator detached and has not seen attached again: services down, or about to be. */
  private final Map<String, Instant> moving = new ConcurrentHashMap<>();

  public MutationBudget(TokenBucket bucket, int movesInFlightCap, Clock clock) {
    if (movesInFlightCap < 1) {
      throw new IllegalArgumentException("the cap of moves in flight is at least 1: " + movesInFlightCap);
    }
    this.bucket = bucket;
    this.movesInFlightCap = movesInFlightCap;
    this.clock = clock;
  }

  /** What {@link #admit} would answer now, taking nothing: a pair told to wait spends no read on a fresh plan. */
  public Optional<Duration> wouldWait(Step step, String interfaceId) {
    return decide(step, interfaceId, false);
  }

  /** Empty: the step may be sent now (its tokens are taken). Otherwise: how long until it may be tried again. */
  public Optional<Duration> admit(Step step, String interfaceId) {
    return decide(step, interfaceId, true);
  }

  private Optional<Duration> decide(Step step, String interfaceId, boolean take) {
    Instant now = clock.instant();
    synchronized (bucket) {
      if (step instanceof Step.Attach || step instanceof Step.Associate) {
        return take(now, 1, 0, take);
      }
      if (step instanceof Step.Detach detach) {
        if (detach.force() || moving.containsKey(interfaceId)) {
          // A forced detach or a repeat finishes a move already counted.
          return take(now, 1, 0, take);
        }
        if (moving.size() >= movesInFlightCap) {
          return Optional.of(Duration.ofMillis(500));
        }
        Optional<Duration> wait = take(now, 2, moving.size(), take);
        if (wait.isEmpty() && take) {
          moving.put(interfaceId, now);
        }
        return wait;
      }
      if (step instanceof Step.Claim) {
        return take(now, 1, moving.size() + 1, take);
      }
      return Optional.empty();
    }
  }

  /** The pair is gone, or stopped moving: its move no longer counts. */
  public void moveEnded(String interfaceId) {
    moving.remove(interfaceId);
  }

  /**
   * EC2 showed the interface attached (or attaching) on a read at {@code readAt}: its move has ended if that
   * read came after the move started (an older view still shows where it was).
   */
  public void seenAttached(String interfaceId, Instant readAt) {
    moving.computeIfPresent(interfaceId, (id, since) -> readAt.isAfter(since) ? null : since);
  }

  public int movesInFlight() {
    return moving.size();
  }

  public int movesInFlightCap() {
    return movesInFlightCap;
  }

  public double tokens() {
    synchronized (bucket) {
      return bucket.tokens(clock.instant());
    }
  }

  private Optional<Duration> take(Instant now, int tokens, int reserve, boolean take) {
    if (bucket.tokens(now) >= tokens + reserve) {
      for (int i = 0; take && i < tokens; i++) {
        bucket.tryTake(now);
      }
      return Optional.empty();
    }
    return Optional.of(bucket.untilAvailable(now, tokens - 1 + reserve));
  }
}
