package io.enifailover.strategy.routetable;

import io.enifailover.api.EniFailoverPair;
import io.enifailover.api.EniFailoverPairStatus;
import io.enifailover.api.EniFailoverPairSpec;
import io.enifailover.api.InstanceRef;
import io.enifailover.ec2.Ec2Failure;
import io.enifailover.ec2.Ec2Gateway;
import io.enifailover.model.Instance;
import io.enifailover.model.NetworkInterface;
import io.enifailover.model.Observation;
import io.enifailover.model.Outcome;
import io.enifailover.model.PairClaim;
import io.enifailover.model.PairIntent;
import io.enifailover.model.RouteIntent;
import io.enifailover.model.RouteTable;
import io.enifailover.model.Step;
import io.enifailover.plan.PassInput;
import io.enifailover.region.RegionObserver;
import io.enifailover.strategy.FailoverStrategy;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The RouteTable strategy: the service address lies outside the VPC, and every listed route table sends it to the
 * interface of the side that serves; a failover is one ReplaceRoute per table, each after its dry run. Nothing is
 * detached, so it works across Availability Zones and while the failed instance hangs.
 */
public final class RouteTableStrategy implements FailoverStrategy {
  private final RouteTableStrategyPlanner planner = new RouteTableStrategyPlanner();

  @Override
  public RouteTableStrategyPlanner planner() {
    return planner;
  }

  /** The pair's own key: its routes move together, and no other pair may own one of them. */
  @Override
  public String moveKey(PairIntent intent) {
    return "routes of " + intent.pairName();
  }

  @Override
  public String moveKey(EniFailoverPair pair) {
    return "routes of " + key(pair);
  }

  @Override
  public void watch(RegionObserver observer, PairIntent intent) {
    RouteIntent routes = RouteTableStrategyPlanner.routes(intent);
    observer.watchRouteTables(intent.pairName(), Set.copyOf(routes.routeTableIds()));
    routes.primaryInterfaceId().ifPresent(observer::watch);
    routes.standbyInterfaceId().ifPresent(observer::watch);
  }

  @Override
  public void unwatch(RegionObserver observer, EniFailoverPair deleted) {
    observer.unwatchRouteTables(key(deleted));
    for (InstanceRef side : sides(deleted.getSpec())) {
      Optional.ofNullable(side.getNetworkInterfaceId()).ifPresent(observer::unwatch);
    }
  }

  @Override
  public void prefetch(RegionObserver observer, Collection<EniFailoverPair> pairs) {
    Map<String, Set<String>> tables = new HashMap<>();
    Set<String> interfaces = new HashSet<>();
    Set<String> instances = new HashSet<>();
    for (EniFailoverPair pair : pairs) {
      EniFailoverPairSpec spec = pair.getSpec();
      Optional.ofNullable(spec.getRouteTable()).ifPresent(r -> tables.put(key(pair), Set.copyOf(r.getRouteTableIds())));
      for (InstanceRef side : sides(spec)) {
        Optional.ofNullable(side.getInstanceId()).ifPresent(instances::add);
        Optional.ofNullable(side.getNetworkInterfaceId()).ifPresent(interfaces::add);
      }
    }
    observer.prefetch(interfaces, instances, tables);
  }

  @Override
  public PassInput.View observe(RegionObserver observer, PairIntent intent, boolean automatic, Duration maxAge) {
    RouteIntent routes = RouteTableStrategyPlanner.routes(intent);
    Set<String> read = new HashSet<>();
    Map<String, RouteTable> tables = new HashMap<>();
    Instant observedAt = null;
    Instant answeredAt = null;
    Instant oldest = null;
    for (var seen : observer.routeTables(Set.copyOf(routes.routeTableIds()), maxAge).entrySet()) {
      seen.getValue().value().ifPresent(t -> tables.put(seen.getKey(), t));
      read.add(seen.getKey());
      observedAt = earliest(observedAt, seen.getValue().readAt());
      answeredAt = latest(answeredAt, seen.getValue().answeredAt());
    }
    Map<String, Instance> instances = new HashMap<>();
    for (var seen : observer.instances(Set.of(intent.primaryInstanceId(), intent.standbyInstanceId()), maxAge).entrySet()) {
      seen.getValue().value().ifPresent(i -> instances.put(seen.getKey(), i));
      read.add(seen.getKey());
      oldest = earliest(oldest, seen.getValue().readAt());
    }
    Observation partial = new Observation(Optional.empty(), instances, Optional.empty(), Map.of(), tables, read);
    Map<String, NetworkInterface> interfaces = new HashMap<>();
    for (String id : RouteTableStrategyPlanner.sideInterfaces(intent, partial)) {
      RegionObserver.Seen<NetworkInterface> seen = observer.networkInterface(id, maxAge);
      seen.value().ifPresent(eni -> interfaces.put(id, eni));
      read.add(id);
      oldest = earliest(oldest, seen.readAt());
    }
    Observation observation = new Observation(Optional.empty(), instances, Optional.empty(), interfaces, tables, read);
    Instant at = observedAt == null ? Instant.EPOCH : observedAt;
    return new PassInput.View(observation, at, earliest(oldest, at), answeredAt == null ? at : answeredAt);
  }

  @Override
  public void release(Ec2Gateway ec2, EniFailoverPair deleted, PairClaim claim) {
    var routes = deleted.getSpec().getRouteTable();
    ec2.deleteTags(routes.getRouteTableIds(), RouteClaims.tags(routes.getDestinations(), claim));
  }

  @Override
  public void report(PairIntent intent, Observation observation, EniFailoverPairStatus status) {
    status.setRoutes(RouteStatuses.of(intent, observation));
  }

  @Override
  public Outcome execute(Ec2Gateway ec2, PairIntent intent, Step.Change change) {
    RouteIntent routes = RouteTableStrategyPlanner.routes(intent);
    try {
      if (change instanceof RouteChange r) {
        // EC2's dry run first: a denial found here leaves the route, and the rest of the move, where they are.
        if (r.create()) {
          ec2.createRoute(r.routeTableId(), r.destination(), r.interfaceId(), true);
          ec2.createRoute(r.routeTableId(), r.destination(), r.interfaceId(), false);
        } else {
          ec2.replaceRoute(r.routeTableId(), r.destination(), r.interfaceId(), true);
          ec2.replaceRoute(r.routeTableId(), r.destination(), r.interfaceId(), false);
        }
      } else if (change instanceof Step.Claim c) {
        // One call for every table: a claim costs one CreateTags token, however many tables carry the routes.
        ec2.createTags(routes.routeTableIds(), RouteClaims.tags(routes.destinations(), c.claim()));
      } else if (change instanceof Step.Fence f && f.force()) {
        ec2.forceStopInstance(f.instanceId());
      } else if (change instanceof Step.Fence f) {
        ec2.stopInstance(f.instanceId(), false);
      } else {
        throw new IllegalArgumentException("not a RouteTable pair's change: " + change);
      }
      return new Outcome(change.reason(), planner.describe(intent, change), Optional.of(change));
    } catch (Ec2Failure failure) {
      return new Outcome(failure.reason(), "could not " + planner.describe(intent, change) + ": " + failure.getMessage(), Optional.empty());
    }
  }

  @Override
  public void expectChange(RegionObserver observer, PairIntent intent, Step.Change change) {
    if (change instanceof RouteChange r) {
      observer.expectRouteChange(r.routeTableId());
    } else if (change instanceof Step.Claim) {
      RouteTableStrategyPlanner.routes(intent).routeTableIds().forEach(observer::expectRouteChange);
    }
  }

  /** A route takes no slot on an instance: the target's interface is its own and stays where it is. */
  @Override
  public Optional<String> slot(PairIntent intent, Step.Change change) {
    return Optional.empty();
  }

  @Override
  public Outcome slotTaken(PairIntent intent, Step.Change change, String holder) {
    throw new IllegalStateException("a route change reserves no slot");
  }

  /** The key the region's view wakes a pair by: namespace/name, as its intent names it. */
  private static String key(EniFailoverPair pair) {
    return pair.getMetadata().getNamespace() + "/" + pair.getMetadata().getName();
  }

  private static List<InstanceRef> sides(EniFailoverPairSpec spec) {
    return spec == null ? List.of() : Stream.of(spec.getPrimary(), spec.getStandby()).filter(Objects::nonNull).toList();
  }

  private static Instant earliest(Instant a, Instant b) {
    return a == null ? b : b == null || a.isBefore(b) ? a : b;
  }

  private static Instant latest(Instant a, Instant b) {
    return a == null ? b : b == null || a.isAfter(b) ? a : b;
  }
}
