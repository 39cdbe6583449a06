package io.enifailover.reconcile;

import io.enifailover.api.EniFailoverPair;
import io.enifailover.ec2.Ec2Gateways;
import io.enifailover.metrics.OperatorMetrics;
import io.enifailover.region.Ec2Budget;
import io.enifailover.region.RegionServices;
import io.enifailover.strategy.FailoverStrategy;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Supplier;

/** The region services (observer, budget, gateway) of every region a pair names, started on first use. */
final class Regions implements AutoCloseable {
  /** Past EC2's usual few seconds (or the stuck threshold, when lower), a transition is read less often. */
  private static final Duration USUAL_TRANSITION = Duration.ofSeconds(10);

  private final Ec2Gateways gateways;
  private final Ec2Budget budget;
  private final Pacing pacing;
  private final Duration usualTransition;
  private final Clock clock;
  private final OperatorMetrics metrics;
  private final FailoverStrategy strategy;
  private final Map<String, RegionServices> byKey = new ConcurrentHashMap<>();

  /**
   * Who to wake when the observer sees a resource change, and which pairs there are (for the first read).
   * {@code routeTableWatcherWoken} takes the key (namespace/name) of a pair watching a route table that changed.
   */
  record Wiring(Consumer<String> interfaceChanged, Consumer<String> instanceChanged, Supplier<Collection<EniFailoverPair>> pairs,
      Consumer<String> routeTableWatcherWoken) {}

  private final Wiring wiring;

  Regions(Ec2Gateways gateways, Ec2Budget budget, Pacing pacing, Duration detachStuckAfter, Clock clock, OperatorMetrics metrics,
      FailoverStrategy strategy, Wiring wiring) {
    this.gateways = gateways;
    this.budget = budget;
    this.pacing = pacing;
    this.usualTransition = detachStuckAfter.compareTo(USUAL_TRANSITION) < 0 ? detachStuckAfter : USUAL_TRANSITION;
    this.clock = clock;
    this.metrics = metrics;
    this.strategy = strategy;
    this.wiring = wiring;
  }

  /** The services of the pair's region ({@code spec.region}, or the operator's own when blank). */
  RegionServices of(String specRegion) {
    String key = key(specRegion);
    RegionServices existing = byKey.get(key);
    if (existing != null) {
      return existing;
    }
    // Resolved first: an unknown region fails here (InvalidRegion) and starts nothing.
    var ec2 = gateways.forRegion(specRegion);
    return byKey.computeIfAbsent(key, k -> {
      String regionName = k.isEmpty() ? "default" : k;
      RegionServices services = RegionServices.start(regionName, ec2, budget, pacing.resync(), usualTransition,
          pacing.detachStuckRetry(), clock, wiring.interfaceChanged(), wiring.instanceChanged(), wiring.routeTableWatcherWoken());
      metrics.regionBudget(regionName, services.budget());
      // The first pair of a region reads the resources of every pair of it now known, in a few batched calls.
      strategy.prefetch(services.observer(), wiring.pairs().get().stream()
          .filter(pair -> pair.getSpec() != null && k.equals(key(pair.getSpec().getRegion())))
          .toList());
      return services;
    });
  }

  /** The services of a region already started, if it is. */
  Optional<RegionServices> started(String specRegion) {
    return Optional.ofNullable(byKey.get(key(specRegion)));
  }

  Collection<RegionServices> all() {
    return byKey.values();
  }

  /** The key of a pair's region services: empty for the operator's default region (no or a blank spec.region). */
  private static String key(String specRegion) {
    return specRegion == null || specRegion.isBlank() ? "" : specRegion;
  }

  @Override
  public void close() {
    byKey.values().forEach(RegionServices::close);
    byKey.clear();
  }
}
