package io.enifailover.cli;

import io.enifailover.region.Ec2Budget;
import picocli.CommandLine.Option;

/** The share of each region's EC2 request buckets the operator uses, and its cap of moves in flight. */
final class Ec2BudgetOptions {
  @Option(names = "--ec2-budget-share", defaultValue = "0.5",
      description = "Share of each region's EC2 request buckets (describes 100 at 20/s, mutations 50 at 5/s per account) the operator uses; the rest is left to the other tools in the account (default: ${DEFAULT-VALUE}).")
  double share;

  @Option(names = "--max-moves-in-flight", defaultValue = "20",
      description = "Per region, at most this many interfaces detached and not yet attached again: the most services down at once in a mass failover (default: ${DEFAULT-VALUE}).")
  int maxMovesInFlight;

  Ec2Budget budget() {
    return new Ec2Budget(share, maxMovesInFlight);
  }
}
