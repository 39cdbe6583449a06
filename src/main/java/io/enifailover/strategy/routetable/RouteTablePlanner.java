package io.enifailover.strategy.routetable;

import io.enifailover.model.Instance;
import io.enifailover.model.InstanceState;
import io.enifailover.model.NetworkInterface;
import io.enifailover.model.Observation;
import io.enifailover.model.PairClaim;
import io.enifailover.model.PairIntent;
import io.enifailover.model.Reason;
import io.enifailover.model.Route;
import io.enifailover.model.RouteIntent;
import io.enifailover.model.RouteTable;
import io.enifailover.model.Side;
import io.enifailover.model.Step;
import io.enifailover.model.Step.Hold;
import io.enifailover.plan.RefusedTarget;
import io.enifailover.plan.TenantGuard;
import io.enifailover.plan.TransitionProgress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The RouteTable strategy's planner: every listed table sends every destination to the interface of the side that
 * should serve. Pure: no I/O, no clock.
 *
 * <p>Everything that could make a route change unsafe is checked before the first one, and a refusal writes nothing
 * to EC2, not even the pair's claim: both sides' interfaces exist, belong to their instances and have the
 * source/destination check off, the tables exist in their VPC, each destination lies outside the VPC, no route of
 * the pair points outside the pair, and no other pair owns one. Then the routes move one table at a time toward a
 * side that can serve; a destination is never left routed nowhere while a side can take it.
 */
public final class RouteTablePlanner {

  /**
   * Both sides as EC2 shows them: each instance and the interface its routes point at, or why the side cannot carry
   * routes now (its instance or interface is gone, or the interface left it). Such a side is one that cannot serve,
   * like a stopped one: the routes go to the other side while it can.
   */
  record Sides(Instance[] instances, NetworkInterface[] enis, Hold[] unusable) {
    Instance instance(Side side) {
      return instances[side.ordinal()];
    }

    NetworkInterface eni(Side side) {
      return enis[side.ordinal()];
    }

    boolean usable(Side side) {
      return unusable[side.ordinal()] == null;
    }

    Optional<Hold> whyNot(Side side) {
      return Optional.ofNullable(unusable[side.ordinal()]);
    }

    /** The sides whose interface EC2 shows, usable or not: the ids a route of the pair may point at. */
    List<NetworkInterface> knownInterfaces() {
      return Arrays.stream(enis).filter(Objects::nonNull).toList();
    }

    boolean ofPair(String eniId) {
      return knownInterfaces().stream().anyMatch(e -> e.id().equals(eniId));
    }
  }

  /**
   * The next step.
   *
   * @param refused the instances EC2 refused a route to lately: while remembered, the routes go to the other side,
   *     so a move refused halfway (some tables moved, then one denied) is put back rather than left split
   */
  public Step next(PairIntent intent, RouteIntent routes, Observation seen, TransitionProgress progress,
      Map<String, RefusedTarget> refused) {
    Step step = plan(intent, routes, seen, progress, refused);
    if (!(step instanceof Step.Change change)) {
      return step;
    }
    if (intent.paused()) {
      return hold(Reason.Paused, "spec.paused is true: the operator would %s but changes nothing", describe(change));
    }
    if (change instanceof RouteChange && progress.claimUnavailable()) {
      return hold(Reason.Claiming, "the pair's claim on its routes is not recorded yet (EC2 refused it, or the region's EC2 budget has it wait), so it does not %s yet",
          describe(change));
    }
    if (change instanceof RouteChange && progress.claimSettling()) {
      return hold(Reason.Claiming, "recorded this pair's claim on its routes; letting it settle before it will %s", describe(change));
    }
    return step;
  }

  private Step plan(PairIntent intent, RouteIntent routes, Observation seen, TransitionProgress progress,
      Map<String, RefusedTarget> refused) {
    Sides s = sides(intent, routes, seen);
    if (!s.usable(Side.Primary) && !s.usable(Side.Standby)) {
      return s.whyNot(intent.desired()).orElseThrow();
    }
    Optional<Hold> refusal = tables(intent, routes, seen, s)
        .or(() -> tenantGuard(intent, routes, seen, s))
        .or(() -> insideVpc(routes, seen))
        .or(() -> sourceDestCheck(s))
        .or(() -> ownership(intent, routes, seen))
        .or(() -> foreignTargets(routes, seen, s))
        .or(() -> missingRoutes(routes, seen, s, intent.desired()));
    if (refusal.isPresent()) {
      return refusal.get();
    }
    if (!claimed(intent, routes, seen) && !intent.paused() && !progress.claimUnavailable()) {
      return new Step.Claim(intent.self());
    }
    return move(intent, routes, seen, s, refused);
  }

  /** Both sides' instances and interfaces, and why a side cannot carry routes if it cannot. */
  private static Sides sides(PairIntent intent, RouteIntent routes, Observation seen) {
    Instance[] instances = new Instance[2];
    NetworkInterface[] enis = new NetworkInterface[2];
    Hold[] unusable = new Hold[2];
    for (Side side : Side.values()) {
      int i = side.ordinal();
      String instanceId = intent.instanceIdOf(side);
      instances[i] = seen.instances().get(instanceId);
      Optional<String> eniId = routes.interfaceIdOf(side)
          .or(() -> Optional.ofNullable(instances[i]).map(in -> in.interfaceByDeviceIndex().get(0)));
      enis[i] = eniId.map(seen.interfaces()::get).orElse(null);
      if (instances[i] == null) {
        unusable[i] = hold(Reason.InstanceNotFound, "instance %s does not exist in this region", intent.describe(instanceId));
      } else if (enis[i] == null) {
        unusable[i] = hold(Reason.NetworkInterfaceNotFound, "network interface %s, the %s side's next hop, does not exist in this region",
            eniId.orElse("(none at device index 0 of " + instanceId + ")"), side.name().toLowerCase());
      } else {
        Optional<String> holder = enis[i].liveAttachment().map(a -> a.instanceId());
        if (holder.filter(instanceId::equals).isEmpty()) {
          unusable[i] = hold(Reason.AttachedToForeignInstance,
              "network interface %s, the %s side's next hop, is attached to %s, not to %s: routes to it would not reach the %s",
              enis[i].id(), side.name().toLowerCase(), holder.orElse("no instance"), intent.describe(instanceId), side.name().toLowerCase());
        }
      }
    }
    return new Sides(instances, enis, unusable);
  }

  private static Optional<Hold> tables(PairIntent intent, RouteIntent routes, Observation seen, Sides s) {
    for (String id : routes.routeTableIds()) {
      RouteTable table = seen.routeTables().get(id);
      if (table == null) {
        return Optional.of(hold(Reason.RouteTableNotFound, "route table %s does not exist in this region", id));
      }
      for (Side side : Side.values()) {
        if (s.eni(side) != null && !table.vpcId().equals(s.eni(side).vpcId())) {
          return Optional.of(hold(Reason.VpcMismatch, "route table %s is in %s but network interface %s (%s) is in %s: a route can only point into its own VPC",
              id, table.vpcId(), s.eni(side).id(), side.name().toLowerCase(), s.eni(side).vpcId()));
        }
      }
    }
    return Optional.empty();
  }

  /** With the tenant guard on, every table, interface and instance the routes use must be assigned to the pair's namespace. */
  private static Optional<Hold> tenantGuard(PairIntent intent, RouteIntent routes, Observation seen, Sides s) {
    if (intent.tenantNamespace().isEmpty()) {
      return Optional.empty();
    }
    String ns = intent.tenantNamespace().get();
    List<String> refused = new ArrayList<>();
    for (String id : routes.routeTableIds()) {
      Map<String, String> tags = seen.routeTables().get(id).tags();
      if (!TenantGuard.assigns(tags, ns)) {
        refused.add("route table " + id + " " + TenantGuard.lacks(tags, ns));
      }
    }
    for (Side side : Side.values()) {
      if (s.eni(side) != null && !TenantGuard.assigns(s.eni(side).tags(), ns)) {
        refused.add("network interface " + s.eni(side).id() + " " + TenantGuard.lacks(s.eni(side).tags(), ns));
      }
      if (s.instance(side) != null && !TenantGuard.assigns(s.instance(side).tags(), ns)) {
        refused.add("instance " + intent.describe(s.instance(side).id()) + " " + TenantGuard.lacks(s.instance(side).tags(), ns));
      }
    }
    return refused.isEmpty() ? Optional.empty() : Optional.of(hold(Reason.NotAssignedToNamespace,
        "%s; the operator uses only resources a platform team assigned to namespace %s, so this pair changes nothing. Tag them in AWS to assign them",
        String.join("; ", refused), ns));
  }

  /** An overlay address inside the VPC would lose to the VPC's local route, which no table can override. */
  private static Optional<Hold> insideVpc(RouteIntent routes, Observation seen) {
    for (String destination : routes.destinations()) {
      for (String id : routes.routeTableIds()) {
        for (Route local : seen.routeTables().get(id).routes()) {
          if (local.target().equals("local") && Cidrs.overlap(destination, local.destination())) {
            return Optional.of(hold(Reason.DestinationInsideVpc,
                "destination %s lies inside %s, a CIDR of the VPC (route table %s's local route): traffic to it never follows a table's route. Choose an address outside every CIDR of the VPC",
                destination, local.destination(), id));
          }
        }
      }
    }
    return Optional.empty();
  }

  private static Optional<Hold> sourceDestCheck(Sides s) {
    for (Side side : Side.values()) {
      NetworkInterface eni = s.eni(side);
      if (eni != null && eni.sourceDestCheck()) {
        return Optional.of(hold(Reason.SourceDestCheckEnabled,
            "network interface %s (%s side) has the source/destination check on, so EC2 drops the traffic routed to it for an address it does not own. Turn it off: aws ec2 modify-network-interface-attribute --network-interface-id %s --no-source-dest-check",
            eni.id(), side.name().toLowerCase(), eni.id()));
      }
    }
    return Optional.empty();
  }

  private static Optional<Hold> ownership(PairIntent intent, RouteIntent routes, Observation seen) {
    for (String id : routes.routeTableIds()) {
      for (String destination : routes.destinations()) {
        Optional<PairClaim> other = RouteClaims.in(seen.routeTables().get(id), destination)
            .filter(c -> !c.uid().equals(intent.self().uid()))
            .filter(c -> intent.staleClaimUid().filter(c.uid()::equals).isEmpty());
        if (other.isPresent()) {
          return Optional.of(hold(Reason.ClaimedByAnotherPair,
              "the route for %s in route table %s is managed by EniFailoverPair %s (the table's tag %s=%s); this pair changes nothing. Delete one of the two pairs; if that pair no longer exists where this operator cannot see it (another cluster), delete the tag",
              destination, id, other.get().pair(), RouteClaims.key(destination), other.get().value()));
        }
      }
    }
    return Optional.empty();
  }

  /** A route of the pair that points at a live target outside it belongs to someone else: the operator never takes it. */
  private static Optional<Hold> foreignTargets(RouteIntent routes, Observation seen, Sides s) {
    for (String id : routes.routeTableIds()) {
      for (String destination : routes.destinations()) {
        Optional<Route> route = seen.routeTables().get(id).route(destination);
        if (route.isPresent() && !route.get().blackhole()
            && route.get().networkInterfaceId().filter(s::ofPair).isEmpty()) {
          return Optional.of(hold(Reason.RoutedElsewhere,
              "route table %s sends %s to %s, which is not an interface of this pair (%s); the operator never takes a route from a target outside the pair. Point the route at one of them, or delete it",
              id, destination, route.get().target(),
              String.join(", ", s.knownInterfaces().stream().map(NetworkInterface::id).toList())));
        }
      }
    }
    return Optional.empty();
  }

  private static Optional<Hold> missingRoutes(RouteIntent routes, Observation seen, Sides s, Side desired) {
    if (routes.createMissing()) {
      return Optional.empty();
    }
    for (String id : routes.routeTableIds()) {
      for (String destination : routes.destinations()) {
        if (seen.routeTables().get(id).route(destination).isEmpty()) {
          return Optional.of(hold(Reason.RouteMissing,
              "route table %s has no route for %s. Create it (aws ec2 create-route --route-table-id %s %s %s --network-interface-id %s), or set spec.routeTable.createMissingRoutes: true",
              id, destination, id, Cidrs.isIpv6(destination) ? "--destination-ipv6-cidr-block" : "--destination-cidr-block", destination,
              Optional.ofNullable(s.eni(desired)).or(() -> Optional.ofNullable(s.eni(desired.other()))).map(NetworkInterface::id).orElse("<interface>")));
        }
      }
    }
    return Optional.empty();
  }

  private static boolean claimed(PairIntent intent, RouteIntent routes, Observation seen) {
    for (String id : routes.routeTableIds()) {
      for (String destination : routes.destinations()) {
        if (!intent.self().value().equals(seen.routeTables().get(id).tags().get(RouteClaims.key(destination)))) {
          return false;
        }
      }
    }
    return true;
  }

  /**
   * The next route to point at the side that should serve, table by table in the declared order. The desired side
   * serves while its instance runs and EC2 has not refused it a route lately; otherwise every route goes to the other
   * side while that one runs, so a destination is never split or routed nowhere while a side can take it.
   */
  private static Step move(PairIntent intent, RouteIntent routes, Observation seen, Sides s, Map<String, RefusedTarget> refused) {
    Side desired = intent.desired();
    Side other = desired.other();
    Optional<RefusedTarget> refusal = Optional.ofNullable(refused.get(intent.instanceIdOf(desired)));
    boolean desiredServes = serves(s, desired) && refusal.isEmpty();
    boolean otherServes = serves(s, other);
    if (!desiredServes && !otherServes) {
      return s.whyNot(desired).or(() -> s.whyNot(other)).orElseGet(() -> hold(Reason.InstanceNotRunning,
          "neither instance of the pair can take the routes now (%s is %s, %s is %s)%s",
          intent.describe(s.instance(Side.Primary).id()), s.instance(Side.Primary).state().awsName(),
          intent.describe(s.instance(Side.Standby).id()), s.instance(Side.Standby).state().awsName(),
          refusal.map(r -> "; EC2 refused a route to " + r.instanceId() + ": " + r.message()).orElse("")));
    }
    Side to = desiredServes ? desired : other;
    for (String id : routes.routeTableIds()) {
      for (String destination : routes.destinations()) {
        Optional<Route> route = seen.routeTables().get(id).route(destination);
        if (route.filter(r -> r.deliversTo(s.eni(to).id())).isEmpty()) {
          return new RouteChange(id, destination, s.eni(to).id(), s.instance(to).id(), route.isEmpty());
        }
      }
    }
    if (!s.usable(desired)) {
      Hold why = s.whyNot(desired).orElseThrow();
      return hold(why.reason(), "%s; the routes stay on %s", why.message(), intent.describe(intent.instanceIdOf(other)));
    }
    if (refusal.isPresent()) {
      return hold(refusal.get().reason(), "EC2 refused a route to %s: %s; the routes stay on %s until the pair is retried",
          intent.describe(intent.instanceIdOf(desired)), refusal.get().message(), intent.describe(intent.instanceIdOf(other)));
    }
    if (!desiredServes) {
      return hold(Reason.InstanceNotRunning, "%s is %s: the routes stay on %s until it runs",
          intent.describe(s.instance(desired).id()), s.instance(desired).state().awsName(), intent.describe(s.instance(other).id()));
    }
    return hold(Reason.InSync, "route tables %s send %s to network interface %s of %s",
        String.join(", ", routes.routeTableIds()), String.join(", ", routes.destinations()), s.eni(desired).id(),
        intent.describe(s.instance(desired).id()));
  }

  /** A side serves while it is usable and its instance runs. */
  private static boolean serves(Sides s, Side side) {
    return s.usable(side) && s.instance(side).state() == InstanceState.RUNNING;
  }

  public static String describe(Step.Change change) {
    if (change instanceof RouteChange r) {
      return (r.create() ? "create the route for " : "point the route for ") + r.destination() + " in route table " + r.routeTableId()
          + " at network interface " + r.interfaceId() + " (" + r.instanceId() + ")";
    }
    if (change instanceof Step.Claim) {
      return "record the pair's claim on its routes";
    }
    return change.toString();
  }

  private static Hold hold(Reason reason, String format, Object... args) {
    return new Hold(reason, String.format(format, args));
  }
}
