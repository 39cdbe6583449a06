package io.enifailover.strategy.routetable;

import static org.assertj.core.api.Assertions.assertThat;

import io.enifailover.model.Attachment;
import io.enifailover.model.AttachmentStatus;
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
import io.enifailover.plan.RefusedTarget;
import io.enifailover.plan.TenantGuard;
import io.enifailover.plan.TransitionProgress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/** The RouteTable planner's rules, each on a world that differs from a pair in sync on the primary by one fact. */
class RouteTablePlannerTest {
  static final PairClaim SELF = new PairClaim("payments", "vip", "7d1c2b3a-0000-4000-8000-000000000001", "cluster-1");
  static final PairClaim OTHER = new PairClaim("billing", "vip", "7d1c2b3a-0000-4000-8000-000000000002", "cluster-1");
  static final String PRIMARY = "i-0aaaaaaaaaaaaaaaa";
  static final String STANDBY = "i-0bbbbbbbbbbbbbbbb";
  static final String ENI_P = "eni-0aaaaaaaaaaaaaaa1";
  static final String ENI_S = "eni-0bbbbbbbbbbbbbbb1";
  static final String RTB_1 = "rtb-0111111111111111a";
  static final String RTB_2 = "rtb-0222222222222222b";
  static final String VPC = "vpc-01";
  static final String OVERLAY = "192.168.100.10/32";

  final RouteTablePlanner planner = new RouteTablePlanner();

  /** A pair's world: both instances run, each with its interface, both tables route the overlay to the primary. */
  record World(
      Side desired, boolean paused, boolean createMissing, Optional<String> tenant,
      Map<String, Instance> instances, Map<String, NetworkInterface> interfaces, Map<String, RouteTable> tables) {

    static World inSyncOnPrimary() {
      Map<String, String> assigned = Map.of(TenantGuard.NAMESPACE_TAG, "payments");
      Map<String, Instance> instances = Map.of(
          PRIMARY, instance(PRIMARY, "us-east-1a", InstanceState.RUNNING, assigned),
          STANDBY, instance(STANDBY, "us-east-1b", InstanceState.RUNNING, assigned));
      Map<String, NetworkInterface> enis = Map.of(ENI_P, eni(ENI_P, "us-east-1a", PRIMARY, false, assigned),
          ENI_S, eni(ENI_S, "us-east-1b", STANDBY, false, assigned));
      Map<String, RouteTable> tables = new LinkedHashMap<>();
      for (String id : List.of(RTB_1, RTB_2)) {
        Map<String, String> tags = new HashMap<>(assigned);
        tags.put(RouteClaims.key(OVERLAY), SELF.value());
        tables.put(id, new RouteTable(id, VPC, List.of(local(), route(OVERLAY, ENI_P, false)), tags));
      }
      return new World(Side.Primary, false, false, Optional.of("payments"), instances, enis, tables);
    }

    PairIntent intent() {
      return new PairIntent(SELF, "", PRIMARY, STANDBY, desired, 1, Optional.empty(), paused, Optional.empty(), Optional.empty(),
          tenant, Optional.empty());
    }

    RouteIntent routes() {
      return new RouteIntent(List.of(OVERLAY), List.of(RTB_1, RTB_2), createMissing, Optional.of(ENI_P), Optional.of(ENI_S));
    }

    Observation seen() {
      return new Observation(Optional.empty(), instances, Optional.empty(), interfaces, tables, Set.of());
    }

    World wanting(Side side) {
      return new World(side, paused, createMissing, tenant, instances, interfaces, tables);
    }

    World pausing() {
      return new World(desired, true, createMissing, tenant, instances, interfaces, tables);
    }

    World creatingMissing() {
      return new World(desired, paused, true, tenant, instances, interfaces, tables);
    }

    World withTable(String id, UnaryOperator<RouteTable> change) {
      Map<String, RouteTable> copy = new LinkedHashMap<>(tables);
      copy.computeIfPresent(id, (k, v) -> change.apply(v));
      return new World(desired, paused, createMissing, tenant, instances, interfaces, copy);
    }

    World withoutTable(String id) {
      Map<String, RouteTable> copy = new LinkedHashMap<>(tables);
      copy.remove(id);
      return new World(desired, paused, createMissing, tenant, instances, interfaces, copy);
    }

    World withEni(String id, UnaryOperator<NetworkInterface> change) {
      Map<String, NetworkInterface> copy = new HashMap<>(interfaces);
      copy.computeIfPresent(id, (k, v) -> change.apply(v));
      return new World(desired, paused, createMissing, tenant, instances, copy, tables);
    }

    World withInstanceState(String id, InstanceState state) {
      Map<String, Instance> copy = new HashMap<>(instances);
      Instance i = copy.get(id);
      copy.put(id, new Instance(i.id(), i.availabilityZone(), i.vpcId(), i.privateIp(), state, i.interfaceByDeviceIndex(),
          i.instanceType(), i.maxInterfaces(), i.tags()));
      return new World(desired, paused, createMissing, tenant, copy, interfaces, tables);
    }
  }

  static Instance instance(String id, String az, InstanceState state, Map<String, String> tags) {
    return new Instance(id, az, VPC, "10.0.0.4", state, Map.of(0, "eni-0" + id.substring(2)), "m5.large", OptionalInt.of(3), tags);
  }

  static NetworkInterface eni(String id, String az, String instance, boolean sourceDestCheck, Map<String, String> tags) {
    return new NetworkInterface(id, az, VPC, "subnet-" + az, sourceDestCheck, "10.0.1.10", List.of("10.0.1.10"),
        Optional.of(new Attachment("eni-attach-" + id.substring(4), instance, 1, AttachmentStatus.ATTACHED)), Map.of(), tags);
  }

  static Route local() {
    return new Route("10.0.0.0/16", Optional.empty(), "local", false);
  }

  static Route route(String destination, String eni, boolean blackhole) {
    return new Route(destination, Optional.of(eni), eni, blackhole);
  }

  static UnaryOperator<RouteTable> routing(String destination, Route route) {
    return t -> {
      List<Route> routes = new ArrayList<>(t.routes().stream().filter(r -> !r.destination().equals(destination)).toList());
      if (route != null) {
        routes.add(route);
      }
      return new RouteTable(t.id(), t.vpcId(), routes, t.tags());
    };
  }

  static UnaryOperator<RouteTable> tagged(String key, String value) {
    return t -> {
      Map<String, String> tags = new HashMap<>(t.tags());
      if (value == null) {
        tags.remove(key);
      } else {
        tags.put(key, value);
      }
      return new RouteTable(t.id(), t.vpcId(), t.routes(), tags);
    };
  }

  Step next(World w) {
    return planner.next(w.intent(), w.routes(), w.seen(), TransitionProgress.NONE, Map.of());
  }

  static void assertHold(Step step, Reason reason, String... inMessage) {
    assertThat(step).isInstanceOfSatisfying(Step.Hold.class, h -> {
      assertThat(h.reason()).isEqualTo(reason);
      assertThat(h.message()).contains(inMessage);
    });
  }

  @Test
  void everyTableRoutingToTheDesiredSideIsInSync() {
    assertHold(next(World.inSyncOnPrimary()), Reason.InSync, RTB_1, RTB_2, OVERLAY, ENI_P);
  }

  @Test
  void aFailoverPointsTheFirstTableAtTheStandbyThenTheNext() {
    World w = World.inSyncOnPrimary().wanting(Side.Standby);
    assertThat(next(w)).isEqualTo(new RouteChange(RTB_1, OVERLAY, ENI_S, STANDBY, false));

    World half = w.withTable(RTB_1, routing(OVERLAY, route(OVERLAY, ENI_S, false)));
    assertThat(next(half)).isEqualTo(new RouteChange(RTB_2, OVERLAY, ENI_S, STANDBY, false));

    assertHold(next(half.withTable(RTB_2, routing(OVERLAY, route(OVERLAY, ENI_S, false)))), Reason.InSync, ENI_S);
  }

  @Test
  void aRouteChangedBehindThePairsBackIsPutBack() {
    World drifted = World.inSyncOnPrimary().withTable(RTB_2, routing(OVERLAY, route(OVERLAY, ENI_S, false)));

    assertThat(next(drifted)).isEqualTo(new RouteChange(RTB_2, OVERLAY, ENI_P, PRIMARY, false));
  }

  @Test
  void aBlackholeIsDriftRepairedTowardTheSideThatServes() {
    World gone = World.inSyncOnPrimary().withTable(RTB_1, routing(OVERLAY, route(OVERLAY, "eni-0deleted000000000", true)));

    assertThat(next(gone)).isEqualTo(new RouteChange(RTB_1, OVERLAY, ENI_P, PRIMARY, false));
  }

  @Test
  void whileTheDesiredSideDoesNotRunTheRoutesStayOnTheOtherAndSayWhy() {
    World w = World.inSyncOnPrimary().wanting(Side.Standby).withInstanceState(STANDBY, InstanceState.STOPPED);

    assertHold(next(w), Reason.InstanceNotRunning, STANDBY, "stopped", PRIMARY);
  }

  @Test
  void aSplitDestinationGoesToTheSideThatRunsWhenTheDesiredOneDoesNot() {
    World w = World.inSyncOnPrimary().wanting(Side.Standby).withInstanceState(STANDBY, InstanceState.STOPPED)
        .withTable(RTB_2, routing(OVERLAY, route(OVERLAY, "eni-0deleted000000000", true)));

    assertThat(next(w)).isEqualTo(new RouteChange(RTB_2, OVERLAY, ENI_P, PRIMARY, false));
  }

  @Test
  void aMoveRefusedHalfwayIsPutBackOnTheSideItLeft() {
    World half = World.inSyncOnPrimary().wanting(Side.Standby).withTable(RTB_1, routing(OVERLAY, route(OVERLAY, ENI_S, false)));
    Map<String, RefusedTarget> denied = Map.of(STANDBY, new RefusedTarget(STANDBY, Reason.AccessDenied, "not authorized to ReplaceRoute on " + RTB_2));

    Step back = planner.next(half.intent(), half.routes(), half.seen(), TransitionProgress.NONE, denied);

    assertThat(back).isEqualTo(new RouteChange(RTB_1, OVERLAY, ENI_P, PRIMARY, false));
    World putBack = half.withTable(RTB_1, routing(OVERLAY, route(OVERLAY, ENI_P, false)));
    assertHold(planner.next(putBack.intent(), putBack.routes(), putBack.seen(), TransitionProgress.NONE, denied), Reason.AccessDenied,
        "not authorized to ReplaceRoute on " + RTB_2, PRIMARY);
  }

  @Test
  void aSideWhoseInstanceAndInterfaceAreGoneIsLeftForTheSideThatRuns() {
    // The primary terminated and its interface deleted with it: EC2 shows its routes as blackholes.
    World gone = World.inSyncOnPrimary()
        .withTable(RTB_1, routing(OVERLAY, route(OVERLAY, ENI_P, true)))
        .withTable(RTB_2, routing(OVERLAY, route(OVERLAY, ENI_P, true)));
    Map<String, Instance> instances = new HashMap<>(gone.instances());
    instances.remove(PRIMARY);
    Map<String, NetworkInterface> enis = new HashMap<>(gone.interfaces());
    enis.remove(ENI_P);
    World w = new World(Side.Primary, false, false, gone.tenant(), instances, enis, gone.tables());

    assertThat(next(w)).isEqualTo(new RouteChange(RTB_1, OVERLAY, ENI_S, STANDBY, false));
    World moved = w.withTable(RTB_1, routing(OVERLAY, route(OVERLAY, ENI_S, false)))
        .withTable(RTB_2, routing(OVERLAY, route(OVERLAY, ENI_S, false)));
    assertHold(next(moved), Reason.InstanceNotFound, PRIMARY, "the routes stay on " + STANDBY);
  }

  @Test
  void noSideRunningMovesNothing() {
    World w = World.inSyncOnPrimary().withInstanceState(PRIMARY, InstanceState.STOPPED).withInstanceState(STANDBY, InstanceState.STOPPED)
        .withTable(RTB_1, routing(OVERLAY, route(OVERLAY, "eni-0deleted000000000", true)));

    assertHold(next(w), Reason.InstanceNotRunning, "neither instance", "stopped");
  }

  @Test
  void theSourceDestinationCheckOnEitherSideIsRefusedWithTheCommandThatTurnsItOff() {
    World w = World.inSyncOnPrimary().wanting(Side.Standby)
        .withEni(ENI_S, e -> eni(ENI_S, "us-east-1b", STANDBY, true, e.tags()));

    assertHold(next(w), Reason.SourceDestCheckEnabled, ENI_S, "--no-source-dest-check");
  }

  @Test
  void aMissingRouteIsRefusedUnlessThePairMayCreateIt() {
    World w = World.inSyncOnPrimary().withTable(RTB_2, routing(OVERLAY, null));

    assertHold(next(w), Reason.RouteMissing, RTB_2, OVERLAY, "aws ec2 create-route", "createMissingRoutes");
    assertThat(next(w.creatingMissing())).isEqualTo(new RouteChange(RTB_2, OVERLAY, ENI_P, PRIMARY, true));
  }

  @Test
  void aRouteToATargetOutsideThePairIsNeverTaken() {
    World w = World.inSyncOnPrimary().wanting(Side.Standby)
        .withTable(RTB_2, routing(OVERLAY, new Route(OVERLAY, Optional.empty(), "igw-0123456789abcdef0", false)));

    assertHold(next(w), Reason.RoutedElsewhere, RTB_2, "igw-0123456789abcdef0");
  }

  @Test
  void aDestinationInsideTheVpcIsRefused() {
    World w = World.inSyncOnPrimary().withTable(RTB_1, routing("10.0.5.5/32", route("10.0.5.5/32", ENI_P, false)));
    RouteIntent inside = new RouteIntent(List.of("10.0.5.5/32"), List.of(RTB_1), false, Optional.of(ENI_P), Optional.of(ENI_S));

    assertHold(planner.next(w.intent(), inside, w.seen(), TransitionProgress.NONE, Map.of()), Reason.DestinationInsideVpc, "10.0.5.5/32", "10.0.0.0/16");
  }

  @Test
  void aMissingTableOrInterfaceIsNamed() {
    assertHold(next(World.inSyncOnPrimary().withoutTable(RTB_2)), Reason.RouteTableNotFound, RTB_2);
    World noEni = World.inSyncOnPrimary();
    Map<String, NetworkInterface> only = Map.of(ENI_P, noEni.interfaces().get(ENI_P));
    World missing = new World(Side.Standby, false, false, noEni.tenant(), noEni.instances(), only, noEni.tables());
    assertHold(next(missing), Reason.NetworkInterfaceNotFound, ENI_S);
  }

  @Test
  void aTableInAnotherVpcIsRefused() {
    World w = World.inSyncOnPrimary().withTable(RTB_2, t -> new RouteTable(t.id(), "vpc-02", t.routes(), t.tags()));

    assertHold(next(w), Reason.VpcMismatch, RTB_2, "vpc-02");
  }

  @Test
  void aSideInterfaceAttachedToAnotherInstanceIsRefused() {
    World w = World.inSyncOnPrimary().wanting(Side.Standby)
        .withEni(ENI_S, e -> eni(ENI_S, "us-east-1b", "i-0ccccccccccccccccc", false, e.tags()));

    assertHold(next(w), Reason.AttachedToForeignInstance, ENI_S, "i-0ccccccccccccccccc", "the routes stay on " + PRIMARY);
  }

  @Test
  void aRouteAnotherPairOwnsIsRefusedAndNamesIt() {
    World w = World.inSyncOnPrimary().withTable(RTB_2, tagged(RouteClaims.key(OVERLAY), OTHER.value()));

    assertHold(next(w), Reason.ClaimedByAnotherPair, "billing/vip", RTB_2, OVERLAY);
  }

  @Test
  void routesNotYetClaimedAreClaimedBeforeAnyRouteMoves() {
    World w = World.inSyncOnPrimary().wanting(Side.Standby).withTable(RTB_2, tagged(RouteClaims.key(OVERLAY), null));

    assertThat(next(w)).isEqualTo(new Step.Claim(SELF));
  }

  @Test
  void aRefusalWritesNoClaim() {
    World w = World.inSyncOnPrimary().withTable(RTB_2, tagged(RouteClaims.key(OVERLAY), null))
        .withEni(ENI_P, e -> eni(ENI_P, "us-east-1a", PRIMARY, true, e.tags()));

    assertHold(next(w), Reason.SourceDestCheckEnabled, ENI_P);
  }

  @Test
  void theTenantGuardNamesEveryUnassignedTable() {
    World w = World.inSyncOnPrimary().withTable(RTB_1, tagged(TenantGuard.NAMESPACE_TAG, "billing"));

    assertHold(next(w), Reason.NotAssignedToNamespace, "route table " + RTB_1, "billing");
  }

  @Test
  void aPausedPairSaysWhatItWouldDo() {
    assertHold(next(World.inSyncOnPrimary().wanting(Side.Standby).pausing()), Reason.Paused,
        "point the route for " + OVERLAY + " in route table " + RTB_1);
  }

  @Test
  void aClaimNotYetSettledHoldsTheMove() {
    World w = World.inSyncOnPrimary().wanting(Side.Standby);

    assertHold(planner.next(w.intent(), w.routes(), w.seen(), TransitionProgress.NONE.withClaimSettling(true), Map.of()), Reason.Claiming,
        "letting it settle", RTB_1);
  }

  @Test
  void theSidesInterfaceDefaultsToTheInstancesOwn() {
    World w = World.inSyncOnPrimary();
    RouteIntent defaults = new RouteIntent(List.of(OVERLAY), List.of(RTB_1), false, Optional.empty(), Optional.empty());

    assertHold(planner.next(w.intent(), defaults, w.seen(), TransitionProgress.NONE, Map.of()), Reason.NetworkInterfaceNotFound,
        "eni-00aaaaaaaaaaaaaaaa");
  }

  @Test
  void cidrsOverlapByTheirCommonPrefixInTheirOwnFamilyOnly() {
    assertThat(Cidrs.overlap("10.0.5.5/32", "10.0.0.0/16")).isTrue();
    assertThat(Cidrs.overlap("192.168.100.10/32", "10.0.0.0/16")).isFalse();
    assertThat(Cidrs.overlap("2001:db8::10/128", "2001:db8::/56")).isTrue();
    assertThat(Cidrs.overlap("2001:db9::10/128", "2001:db8::/56")).isFalse();
    assertThat(Cidrs.overlap("10.0.0.0/8", "2001:db8::/56")).isFalse();
    assertThat(Cidrs.overlap("not-a-cidr", "10.0.0.0/16")).isFalse();
  }
}
