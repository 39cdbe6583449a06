package io.enifailover.region;

import java.time.Instant;

/**
 * The share of each region's EC2 request buckets the operator may use, and the cap of moves in flight.
 * EC2's buckets (per account, Region and action, shared with every other tool in the account): each
 * describe action 100 tokens at 20/s, each mutating action 50 at 5/s.
 *
 * @param share of EC2's buckets, in (0, 1]; the rest is left to the other tools in the account
 * @param movesInFlight at most this many interfaces detached by the operator and not yet attached again,
 *     per region: the most services down at once during a mass failover
 */
public record Ec2Budget(double share, int movesInFlight) {
  public static final Ec2Budget DEFAULT = new Ec2Budget(0.5, 20);

  public Ec2Budget {
    if (!(share > 0 && share <= 1)) {
      throw new IllegalArgumentException("the share of EC2's buckets is in (0, 1]: " + share);
    }
    if (movesInFlight < 1) {
      throw new IllegalArgumentException("at least one move in flight: " + movesInFlight);
    }
  }

  /** The share of one describe action's bucket: EC2 throttles each action on its own. */
  public TokenBucket describes(Instant now) {
    return new TokenBucket(Math.max(1, 100 * share), 20 * share, now);
  }

  /** The share of one mutating action's bucket: EC2 throttles each action on its own. */
  public TokenBucket mutations(Instant now) {
    // Two tokens at least: starting a move takes the attach's dry run and leaves one for its attach.
    return new TokenBucket(Math.max(2, 50 * share), 5 * share, now);
  }
}
