package io.enifailover.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.enifailover.api.EniFailoverPair;
import io.enifailover.api.InstanceRef;
import io.enifailover.api.RouteTableSpec;
import io.enifailover.model.ActiveRole;
import io.enifailover.model.RouteState;
import io.enifailover.model.Side;
import io.enifailover.model.Strategy;
import io.enifailover.model.TargetSide;
import io.enifailover.sim.SimInstanceState;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A RouteTable pair on a real API server with the EC2 simulator: an overlay address routed by two tables to the
 * active side's interface, the two sides in two Availability Zones. Failover, drift and refusals.
 */
class RouteTableIT {
  static final String OVERLAY = "192.168.100.10/32";

  @RegisterExtension static OperatorHarness h = new OperatorHarness();

  /** Two instances in two zones, each with its own interface (source/destination check off), two tables routing to the primary. */
  record Routed(String vpc, String primary, String standby, String eniA, String eniB, String rtb1, String rtb2) {
    static Routed create(OperatorHarness h, boolean sourceDestCheckOff) {
      String vpc = "vpc-" + TestWorld.hex();
      Routed r = new Routed(vpc, "i-" + TestWorld.hex(), "i-" + TestWorld.hex(), "eni-" + TestWorld.hex(), "eni-" + TestWorld.hex(),
          "rtb-" + TestWorld.hex(), "rtb-" + TestWorld.hex());
      h.sim.addInstance(r.primary, "us-east-1a", vpc, "subnet-a", SimInstanceState.RUNNING);
      h.sim.addInstance(r.standby, "us-east-1b", vpc, "subnet-b", SimInstanceState.RUNNING);
      h.sim.addNetworkInterface(r.eniA, "us-east-1a", vpc, "subnet-a", "10.0.1.20");
      h.sim.addNetworkInterface(r.eniB, "us-east-1b", vpc, "subnet-b", "10.0.2.20");
      h.sim.attachOutOfBand(r.eniA, r.primary, 1);
      h.sim.attachOutOfBand(r.eniB, r.standby, 1);
      h.sim.setSourceDestCheck(r.eniA, !sourceDestCheckOff);
      h.sim.setSourceDestCheck(r.eniB, !sourceDestCheckOff);
      for (String table : List.of(r.rtb1, r.rtb2)) {
        h.sim.addRouteTable(table, vpc, "10.0.0.0/16");
        h.sim.routeOutOfBand(table, OVERLAY, r.eniA);
      }
      return r;
    }

    EniFailoverPair pair(String name) {
      return h.create(name, new TestWorld(vpc, "subnet-a", primary, standby, null, null, null, null), spec -> {
        spec.setStrategy(Strategy.RouteTable);
        spec.setNetworkInterfaceId(null);
        spec.setElasticIp(null);
        spec.setPrimary(new InstanceRef(primary, eniA));
        spec.setStandby(new InstanceRef(standby, eniB));
        spec.setRouteTable(new RouteTableSpec(List.of(OVERLAY), List.of(rtb1, rtb2)));
      });
    }
  }

  @Test
  void aFailoverPointsEveryTableAtTheStandbyInTheOtherZone() {
    Routed r = Routed.create(h, true);
    r.pair("routes");
    h.awaitReady("routes");
    assertThat(h.get("routes").getStatus().getActiveRole()).isEqualTo(ActiveRole.Primary);
    assertThat(h.requests("CreateTags", r.rtb1())).as("the pair claims its routes on each table").isEqualTo(1);

    h.setActive("routes", Side.Standby);
    h.awaitReady("routes");

    assertThat(h.sim.routeTargetOf(r.rtb1(), OVERLAY)).contains(r.eniB());
    assertThat(h.sim.routeTargetOf(r.rtb2(), OVERLAY)).contains(r.eniB());
    EniFailoverPair after = h.get("routes");
    assertThat(after.getStatus().getActiveRole()).isEqualTo(ActiveRole.Standby);
    assertThat(after.getStatus().getActiveInstanceId()).isEqualTo(r.standby());
    assertThat(after.getStatus().getRoutes()).hasSize(2).allSatisfy(route -> {
      assertThat(route.getNetworkInterfaceId()).isEqualTo(r.eniB());
      assertThat(route.getInstanceId()).isEqualTo(r.standby());
      assertThat(route.getSide()).isEqualTo(TargetSide.Standby);
      assertThat(route.getState()).isEqualTo(RouteState.InSync);
    });
    assertThat(h.requests("ReplaceRoute", r.rtb1())).as("a dry run, then the change").isEqualTo(2);
    assertThat(h.requests("DetachNetworkInterface", r.eniA())).isZero();
  }

  @Test
  void aRouteChangedBehindThePairsBackIsPutBack() {
    Routed r = Routed.create(h, true);
    r.pair("drift");
    h.awaitReady("drift");

    h.sim.routeOutOfBand(r.rtb2(), OVERLAY, r.eniB());

    await("the route back on the primary").atMost(Duration.ofSeconds(15))
        .untilAsserted(() -> assertThat(h.sim.routeTargetOf(r.rtb2(), OVERLAY)).contains(r.eniA()));
  }

  @Test
  void theSourceDestinationCheckOnIsRefusedAndNothingIsWritten() {
    Routed r = Routed.create(h, false);
    h.sim.resetCounters();

    r.pair("checked");
    h.awaitReason("checked", "SourceDestCheckEnabled");

    assertThat(h.condition("checked", "Stalled").orElseThrow().getMessage()).contains(r.eniA(), "--no-source-dest-check");
    assertThat(h.sim.mutatingCallCount()).isZero();
    assertThat(h.requests("CreateTags", r.rtb1())).isZero();
    assertThat(h.sim.routeTargetOf(r.rtb1(), OVERLAY)).contains(r.eniA());
  }

  @Test
  void aRouteToATargetOutsideThePairIsNeverTaken() {
    Routed r = Routed.create(h, true);
    h.sim.routeOutOfBand(r.rtb2(), OVERLAY, "igw-0123456789abcdef0");

    r.pair("foreign");
    h.awaitReason("foreign", "RoutedElsewhere");

    assertThat(h.sim.routeTargetOf(r.rtb2(), OVERLAY)).contains("igw-0123456789abcdef0");
    assertThat(h.requests("ReplaceRoute", r.rtb1())).isZero();
  }
}
