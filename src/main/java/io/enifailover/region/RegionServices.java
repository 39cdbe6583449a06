package io.enifailover.region;

import io.enifailover.ec2.Ec2Gateway;
import java.time.Clock;
import java.time.Duration;
import java.util.function.Consumer;

/** What all pairs of one region share: the gateway, the observer and the mutation budget. */
public record RegionServices(Ec2Gateway ec2, RegionObserver observer, MutationBudget budget) implements AutoCloseable {

  /** @param routeTableWatcherWoken called with the key of each pair watching a route table that changed */
  public static RegionServices start(
      String region,
      Ec2Gateway ec2,
      Ec2Budget budget,
      Duration resync,
      Duration usualTransition,
      Duration slowTick,
      Clock clock,
      Consumer<String> interfaceChanged,
      Consumer<String> instanceChanged,
      Consumer<String> routeTableWatcherWoken) {
    return new RegionServices(
        ec2,
        new RegionObserver(region, ec2, clock, resync, usualTransition, slowTick, budget::describes, interfaceChanged, instanceChanged,
            routeTableWatcherWoken),
        new MutationBudget(budget::mutations, budget.movesInFlight(), clock));
  }

  @Override
  public void close() {
    observer.close();
  }
}
