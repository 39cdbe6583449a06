package io.enifailover.conformance;

import static io.enifailover.testing.Ec2Failures.failure;
import static org.assertj.core.api.Assertions.assertThat;

import io.enifailover.ec2.Ec2Gateway;
import io.enifailover.ec2.Ec2Gateways;
import io.enifailover.ec2.Ec2Settings;
import io.enifailover.model.NetworkInterface;
import io.enifailover.model.RouteTable;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.Ec2Client;

/**
 * The gateway's route-table, source/destination-check and private-IP calls against moto, an EC2 we did not
 * write: what the simulator answers must be what moto answers, except where MotoDifferencesIT pins moto apart.
 */
class RoutesOnMotoIT {
  static final String OVERLAY = "192.168.100.10/32";
  static Ec2Client ec2;
  static Ec2Gateways gateways;
  static Ec2Gateway gateway;
  MotoWorld w;
  String eniA;
  String eniB;
  String table;

  @BeforeAll
  static void clients() {
    ec2 = Moto.client();
    gateways = new Ec2Gateways(new Ec2Settings(Moto.REGION, Ec2Settings.resolveEndpoint(Optional.empty(), System.getenv()), false));
    gateway = gateways.forRegion(null);
  }

  @AfterAll
  static void close() {
    if (gateways != null) {
      gateways.close();
    }
    if (ec2 != null) {
      ec2.close();
    }
  }

  /** An interface in each zone, and a route table of the VPC. */
  @BeforeEach
  void freshWorld() {
    Moto.reset();
    w = MotoWorld.create(ec2);
    eniA = w.createNetworkInterface(ec2, w.subnetA());
    eniB = w.createNetworkInterface(ec2, w.subnetB());
    table = routeTable();
  }

  private String routeTable() {
    return ec2.createRouteTable(r -> r.vpcId(w.vpc())).routeTable().routeTableId();
  }


  @Test
  void aRouteIsCreatedToAnInterfaceAndReplacedToTheOtherZonesInterface() {
    gateway.createRoute(table, OVERLAY, eniA, false);
    assertThat(gateway.describeRouteTables(Set.of(table)).get(table).route(OVERLAY))
        .hasValueSatisfying(r -> assertThat(r.deliversTo(eniA)).isTrue());

    gateway.replaceRoute(table, OVERLAY, eniB, false);

    RouteTable read = gateway.describeRouteTables(Set.of(table)).get(table);
    assertThat(read.vpcId()).isEqualTo(w.vpc());
    assertThat(read.route(OVERLAY)).hasValueSatisfying(r -> {
      assertThat(r.networkInterfaceId()).contains(eniB);
      assertThat(r.blackhole()).isFalse();
    });
    assertThat(read.route("10.0.0.0/16")).hasValueSatisfying(r -> assertThat(r.target()).isEqualTo("local"));
  }

  @Test
  void replacingARouteTheTableDoesNotHaveIsInvalidParameterValue() {
    assertThat(failure(() -> gateway.replaceRoute(table, OVERLAY, eniB, false)).awsErrorCode())
        .isEqualTo("InvalidParameterValue");
    assertThat(gateway.describeRouteTables(Set.of(table)).get(table).route(OVERLAY)).isEmpty();
  }

  @Test
  void manyTablesAreReadByIdAndAMissingOneIsAbsent() {
    Set<String> ids = new HashSet<>(Set.of(table, "rtb-0000000000000dead"));
    for (int i = 0; i < 104; i++) {
      ids.add(routeTable());
    }

    Map<String, RouteTable> read = gateway.describeRouteTables(ids);

    assertThat(read).hasSize(105).doesNotContainKey("rtb-0000000000000dead");
  }

  @Test
  void theSourceDestinationCheckAndTheSubnetAreRead() {
    ec2.modifyNetworkInterfaceAttribute(r -> r.networkInterfaceId(eniB).sourceDestCheck(v -> v.value(false)));

    Map<String, NetworkInterface> read = gateway.describeNetworkInterfaces(Set.of(eniA, eniB));

    assertThat(read.get(eniA).sourceDestCheck()).isTrue();
    assertThat(read.get(eniB).sourceDestCheck()).isFalse();
    assertThat(read.get(eniB).subnetId()).isEqualTo(w.subnetB());
  }

  @Test
  void aSecondaryIpIsAssignedToTheOtherInterfaceOfItsSubnet() {
    String sameSubnet = w.createNetworkInterface(ec2, w.subnetA());
    ec2.assignPrivateIpAddresses(r -> r.networkInterfaceId(eniA).privateIpAddresses("10.0.1.50"));

    gateway.assignPrivateIps(sameSubnet, List.of("10.0.1.50"));

    assertThat(gateway.describeNetworkInterface(sameSubnet).orElseThrow().privateIps()).contains("10.0.1.50");
  }
}
