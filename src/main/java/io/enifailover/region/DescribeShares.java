package io.enifailover.region;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The operator's share of EC2's describe buckets, one per action as EC2 keeps them. The observer's reader
 * thread waits here for its tokens, never a reconcile thread; the ticks ask here whether a share runs low.
 */
final class DescribeShares {
  private final Function<Instant, TokenBucket> newShare;
  private final Clock clock;
  private final Map<String, TokenBucket> byAction = new ConcurrentHashMap<>();

  /** @param newShare makes the bucket the operator may use for one describe action: a share of EC2's (100 tokens, 20/s) */
  DescribeShares(Function<Instant, TokenBucket> newShare, Clock clock) {
    this.newShare = newShare;
    this.clock = clock;
  }

  /** Calls a read of {@code ids} takes: one per 100 ids, as each call is filtered by id and paginated by 100. */
  static int pages(Set<String> ids) {
    return (ids.size() + 99) / 100;
  }

  /**
   * Waits on the calling thread (the reader's) until the action's share has a token for each page of
   * {@code ids}, and takes them; answers when the read starts.
   */
  Instant paced(String action, Set<String> ids) {
    TokenBucket bucket = of(action);
    for (int i = 0; i < pages(ids); i++) {
      Duration wait;
      synchronized (bucket) {
        wait = bucket.untilAvailable(clock.instant(), 0);
        if (wait.isZero()) {
          bucket.tryTake(clock.instant());
          continue;
        }
      }
      try {
        Thread.sleep(Math.max(1, wait.toMillis()));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
      i--;
    }
    return clock.instant();
  }

  /**
   * Less than a fifth of the action's share is left: reads that can wait (ticks, sweeps of health) are
   * skipped, so that the fresh read a change waits for never queues behind them.
   */
  boolean low(String action) {
    TokenBucket bucket = of(action);
    synchronized (bucket) {
      return bucket.tokens(clock.instant()) < Math.max(2, bucket.capacity() / 5);
    }
  }

  double refillPerSecond(String action) {
    return of(action).refillPerSecond();
  }

  private TokenBucket of(String action) {
    return byAction.computeIfAbsent(action, a -> newShare.apply(clock.instant()));
  }
}
