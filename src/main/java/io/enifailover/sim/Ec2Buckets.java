package io.enifailover.sim;

import io.enifailover.region.TokenBucket;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;

/**
 * EC2's request token buckets of one account and Region, with the documented sizes. EC2 evaluates each
 * action on its own bucket, sized by the action's category: non-mutating actions 100 tokens refilled at
 * 20/s, unfiltered and unpaginated describes of instances and network interfaces 50 at 10/s, mutating
 * actions 50 at 5/s. A request without a token is throttled.
 */
final class Ec2Buckets {
  enum Category {
    NON_MUTATING(100, 20),
    UNFILTERED_UNPAGINATED(50, 10),
    MUTATING(50, 5);

    private final int capacity;
    private final int refillPerSecond;

    Category(int capacity, int refillPerSecond) {
      this.capacity = capacity;
      this.refillPerSecond = refillPerSecond;
    }
  }

  private record Key(String action, Category category) {}

  private final Clock clock;
  private final Map<Key, TokenBucket> buckets = new HashMap<>();

  Ec2Buckets(Clock clock) {
    this.clock = clock;
  }

  /** Takes a token for the request; false when EC2 would throttle it. */
  synchronized boolean admit(String action, QueryParams params) {
    Key key = new Key(action, categoryOf(action, params));
    return buckets
        .computeIfAbsent(key, k -> new TokenBucket(k.category().capacity, k.category().refillPerSecond, clock.instant()))
        .tryTake(clock.instant());
  }

  static Category categoryOf(String action, QueryParams params) {
    if (!action.startsWith("Describe")) {
      return Category.MUTATING;
    }
    boolean bulky = action.equals("DescribeInstances") || action.equals("DescribeNetworkInterfaces");
    boolean filteredOrPaginated = params.get("MaxResults").isPresent() || params.get("Filter.1.Name").isPresent();
    return bulky && !filteredOrPaginated ? Category.UNFILTERED_UNPAGINATED : Category.NON_MUTATING;
  }
}
