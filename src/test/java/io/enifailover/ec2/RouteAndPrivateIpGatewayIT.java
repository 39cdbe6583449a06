package io.enifailover.ec2;

import static io.enifailover.testing.Ec2Failures.failure;
import static org.assertj.core.api.Assertions.assertThat;

import io.enifailover.model.NetworkInterface;
import io.enifailover.model.Reason;
import io.enifailover.model.Route;
import io.enifailover.model.RouteTable;
import io.enifailover.sim.Ec2Simulator;
import io.enifailover.sim.SimInstanceState;
import io.enifailover.sim.SimulatorConfig;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The EC2 calls of the strategies that move no interface, through the gateway, the real SDK client and the
 * simulator's wire protocol: route tables (describe, create, replace, blackholes), the source/destination
 * check, and secondary private IPs moved between two interfaces of a subnet.
 */
class RouteAndPrivateIpGatewayIT {
  static final String VPC = "vpc-0a1b2c3d4e5f60719";
  static final String VPC_CIDR = "10.0.0.0/16";
  static final String OVERLAY = "192.168.100.10/32";
  static Ec2Simulator sim;
  static Ec2Gateways gateways;
  static Ec2Gateway gateway;
  static int counter;

  String primary;
  String standby;
  String eniA;
  String eniB;
  String table;

  @BeforeAll
  static void start() {
    sim = Ec2Simulator.start(SimulatorConfig.defaults());
    gateways = new Ec2Gateways(new Ec2Settings("us-east-1", Optional.of(sim.endpoint()), true));
    gateway = gateways.forRegion(null);
  }

  @AfterAll
  static void stop() {
    gateways.close();
    sim.close();
  }

  @AfterEach
  void clearFaults() {
    sim.faults().clear();
  }

  /** Two instances in two zones, each with a secondary interface of its own subnet, and a route table. */
  @BeforeEach
  void world() {
    counter++;
    String n = String.format("%08x", counter);
    primary = "i-0a" + n + "0000001";
    standby = "i-0b" + n + "0000001";
    eniA = "eni-0a" + n + "0000001";
    eniB = "eni-0b" + n + "0000001";
    table = "rtb-0c" + n + "0000001";
    sim.addInstance(primary, "us-east-1a", VPC, "subnet-a", SimInstanceState.RUNNING);
    sim.addInstance(standby, "us-east-1b", VPC, "subnet-b", SimInstanceState.RUNNING);
    sim.addNetworkInterface(eniA, "us-east-1a", VPC, "subnet-a", "10.0.1." + (counter % 200 + 10));
    sim.addNetworkInterface(eniB, "us-east-1b", VPC, "subnet-b", "10.0.2." + (counter % 200 + 10));
    sim.attachOutOfBand(eniA, primary, 1);
    sim.attachOutOfBand(eniB, standby, 1);
    sim.addRouteTable(table, VPC, VPC_CIDR);
  }


  @Test
  void aCreatedRouteIsDescribedWithItsInterfaceAndInstanceAndTheLocalRouteBesideIt() {
    gateway.createRoute(table, OVERLAY, eniA, false);

    RouteTable read = gateway.describeRouteTables(Set.of(table)).get(table);

    assertThat(read.vpcId()).isEqualTo(VPC);
    assertThat(read.route(OVERLAY)).hasValueSatisfying(r -> {
      assertThat(r.networkInterfaceId()).contains(eniA);
      assertThat(r.deliversTo(eniA)).isTrue();
    });
    assertThat(read.route(VPC_CIDR)).hasValueSatisfying(r -> {
      assertThat(r.target()).isEqualTo("local");
      assertThat(r.networkInterfaceId()).isEmpty();
    });
  }

  @Test
  void replaceRouteMovesTheNextHopAndItsDryRunChangesNothing() {
    sim.routeOutOfBand(table, OVERLAY, eniA);

    gateway.replaceRoute(table, OVERLAY, eniB, true);
    assertThat(sim.routeTargetOf(table, OVERLAY)).contains(eniA);

    gateway.replaceRoute(table, OVERLAY, eniB, false);
    assertThat(sim.routeTargetOf(table, OVERLAY)).contains(eniB);
    assertThat(gateway.describeRouteTables(Set.of(table)).get(table).route(OVERLAY).orElseThrow().deliversTo(eniB)).isTrue();
  }

  @Test
  void ipv6DestinationsRoundTrip() {
    gateway.createRoute(table, "2001:db8:100::10/128", eniA, false);
    gateway.replaceRoute(table, "2001:db8:100::10/128", eniB, false);

    assertThat(gateway.describeRouteTables(Set.of(table)).get(table).route("2001:db8:100::10/128"))
        .hasValueSatisfying(r -> assertThat(r.networkInterfaceId()).contains(eniB));
  }

  @Test
  void replacingARouteTheTableDoesNotHaveIsRefusedAndCreatesNothing() {
    Ec2Failure refused = failure(() -> gateway.replaceRoute(table, OVERLAY, eniB, false));

    assertThat(refused.awsErrorCode()).isEqualTo("InvalidParameterValue");
    assertThat(sim.routeTargetOf(table, OVERLAY)).isEmpty();
  }

  @Test
  void creatingARouteTheTableAlreadyHasIsRefusedAndChangesNothing() {
    sim.routeOutOfBand(table, OVERLAY, eniA);

    assertThat(failure(() -> gateway.createRoute(table, OVERLAY, eniB, false)).awsErrorCode()).isEqualTo("RouteAlreadyExists");
    assertThat(sim.routeTargetOf(table, OVERLAY)).contains(eniA);
  }

  @Test
  void aRouteToADeletedInterfaceIsABlackholeThatDeliversNowhere() {
    String gone = "eni-0d" + String.format("%08x", counter) + "0000001";
    sim.addNetworkInterface(gone, "us-east-1a", VPC, "subnet-a", "10.0.3." + (counter % 200 + 10));
    sim.routeOutOfBand(table, OVERLAY, gone);
    sim.deleteNetworkInterface(gone);

    Route route = gateway.describeRouteTables(Set.of(table)).get(table).route(OVERLAY).orElseThrow();

    assertThat(route.blackhole()).isTrue();
    assertThat(route.deliversTo(gone)).isFalse();
  }

  @Test
  void aRouteToAGatewayNamesItAsTheTarget() {
    sim.routeOutOfBand(table, OVERLAY, "igw-0123456789abcdef0");

    Route route = gateway.describeRouteTables(Set.of(table)).get(table).route(OVERLAY).orElseThrow();

    assertThat(route.networkInterfaceId()).isEmpty();
    assertThat(route.target()).isEqualTo("igw-0123456789abcdef0");
  }

  @Test
  void tablesAreReadOneCallPerHundredAndMissingOnesAreAbsent() {
    Set<String> ids = new HashSet<>(Set.of(table, "rtb-0000000000000dead"));
    for (int i = 0; i < 149; i++) {
      String id = String.format("rtb-0e%06x%08x", i, counter);
      sim.addRouteTable(id, VPC, VPC_CIDR);
      ids.add(id);
    }
    int before = sim.callCounts().getOrDefault("DescribeRouteTables", 0);

    Map<String, RouteTable> read = gateway.describeRouteTables(ids);

    assertThat(read).hasSize(150).doesNotContainKey("rtb-0000000000000dead");
    assertThat(sim.callCounts().get("DescribeRouteTables") - before).isEqualTo(2);
  }

  @Test
  void theSourceDestinationCheckAndTheSubnetAreRead() {
    sim.setSourceDestCheck(eniB, false);

    Map<String, NetworkInterface> read = gateway.describeNetworkInterfaces(Set.of(eniA, eniB));

    assertThat(read.get(eniA).sourceDestCheck()).isTrue();
    assertThat(read.get(eniB).sourceDestCheck()).isFalse();
    assertThat(read.get(eniB).subnetId()).isEqualTo("subnet-b");
  }

  @Test
  void aSecondaryIpIsReassignedFromTheOtherInterfaceOfItsSubnetAndItsElasticIpFollows() {
    String n = String.format("%08x", counter);
    String from = "eni-0f" + n + "0000001";
    String to = "eni-0f" + n + "0000002";
    String ip = "10.0.4." + (counter % 200 + 10);
    String allocation = "eipalloc-0f" + n + "000001";
    sim.addNetworkInterface(from, "us-east-1a", VPC, "subnet-a", "10.0.5." + (counter % 200 + 10), ip);
    sim.addNetworkInterface(to, "us-east-1a", VPC, "subnet-a", "10.0.6." + (counter % 200 + 10));
    sim.addAddress(allocation, "203.0.113." + (counter % 200 + 10));
    sim.associateOutOfBand(allocation, from, ip);

    gateway.assignPrivateIps(to, List.of(ip));

    Map<String, NetworkInterface> read = gateway.describeNetworkInterfaces(Set.of(from, to));
    assertThat(read.get(from).privateIps()).doesNotContain(ip);
    assertThat(read.get(to).privateIps()).contains(ip);
    assertThat(read.get(to).carries(allocation, ip)).isTrue();
  }

  @Test
  void aPrimaryIpOfAnotherInterfaceIsNeverTaken() {
    String primaryIpOfA = gateway.describeNetworkInterface(eniA).orElseThrow().primaryPrivateIp();

    assertThat(failure(() -> gateway.assignPrivateIps(eniB, List.of(primaryIpOfA))).awsErrorCode())
        .isEqualTo("InvalidParameterValue");
    assertThat(sim.privateIpsOf(eniA)).contains(primaryIpOfA);
    assertThat(sim.privateIpsOf(eniB)).doesNotContain(primaryIpOfA);
  }

  @Test
  void aDeniedReplaceRouteIsAccessDeniedAndChangesNothing() {
    sim.routeOutOfBand(table, OVERLAY, eniA);
    sim.faults().deny("ReplaceRoute", table);

    Ec2Failure denied = failure(() -> gateway.replaceRoute(table, OVERLAY, eniB, true));

    assertThat(denied.reason()).isEqualTo(Reason.AccessDenied);
    assertThat(sim.routeTargetOf(table, OVERLAY)).contains(eniA);
  }
}
