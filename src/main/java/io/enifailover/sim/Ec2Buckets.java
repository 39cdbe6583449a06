package io.enifailover.sim;

import io.enifailover.budget.TokenBucket;
import java.time.Clock;
import java.util.EnumMap;
import java.util.Map;

/**
 * EC2's request token buckets of one account and Region, with the documented sizes: non-mutating
 * actions 100 tokens refilled at 20/s, unfiltered and unpaginated describes of instances and network
 * interfaces 50 at 10/s, mutating actions 50 at 5/s. A request without a token is throttled.
 */
final class Ec2Buckets {
  enum Category {
    NON_MUTATING,
    UNFILTERED_UNPAGINATED,
    MUTATING
  }

  private final Clock clock;
  private final Map<Category, TokenBucket> buckets = new EnumMap<>(Category.class);

  Ec2Buckets(Clock clock) {
    this.clock = clock;
    buckets.put(Category.NON_MUTATING, new TokenBucket(100, 20, clock.instant()));
    buckets.put(Category.UNFILTERED_UNPAGINATED, new TokenBucket(50, 10, clock.instant()));
    buckets.put(Category.MUTATING, new TokenBucket(50, 5, clock.instant()));
  }

  /** Takes a token for the request; false when EC2 would throttle it. */
  synchronized boolean admit(String action, QueryParams params) {
    return buckets.get(categoryOf(action, params)).tryTake(clock.instant());
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
