package io.enifailover.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Ec2Exception;

/**
 * Where moto 5.2.5 and EC2's documentation part ways, pinned with a plain SDK client (no operator), so
 * that docs/ec2-conformance.md stays true: when moto is upgraded and one of these starts to fail, the
 * difference is gone and the document must say so. Each test names what moto does; the comment names
 * what EC2 documents and what our simulator does.
 */
class MotoDifferencesIT {
  static Ec2Client ec2;
  MotoWorld w;

  @BeforeAll
  static void client() {
    ec2 = Moto.client();
  }

  @AfterAll
  static void close() {
    if (ec2 != null) {
      ec2.close();
    }
  }

  @BeforeEach
  void freshWorld() {
    Moto.reset();
    w = MotoWorld.create(ec2);
  }

  /** EC2: attaching → attached, detaching → detached, over seconds. Simulator: timed transitions. */
  @Test
  void motoAttachesAndDetachesAtOnceWithNoAttachingOrDetachingState() {
    String attachment = w.attach(ec2, w.eni(), w.primary(), 1);
    MotoState.EniState attached = MotoState.read(ec2).eni(w.eni());
    assertThat(attached.attachmentStatus()).isEqualTo("attached");
    assertThat(attached.status()).isEqualTo("in-use");

    ec2.detachNetworkInterface(r -> r.attachmentId(attachment));
    MotoState.EniState detached = MotoState.read(ec2).eni(w.eni());
    assertThat(detached.attachmentId()).isNull();
    assertThat(detached.status()).isEqualTo("available");
  }

  /** EC2 (User Guide): interface and instance must be in the same zone. Simulator: InvalidParameterCombination. */
  @Test
  void motoAttachesAnInterfaceToAnInstanceInAnotherAvailabilityZone() {
    String far = w.runInstance(ec2, w.subnetB());

    w.attach(ec2, w.eni(), far, 1);

    assertThat(MotoState.read(ec2).eni(w.eni()).attachedTo(far)).isTrue();
  }

  /** EC2 (User Guide): another subnet is fine, but of the same VPC. Simulator: InvalidParameterCombination. */
  @Test
  void motoAttachesAnInterfaceToAnInstanceInAnotherVpc() {
    String elsewhere = w.runInstance(ec2, MotoWorld.subnetOfAnotherVpc(ec2, MotoWorld.AZ_A));

    w.attach(ec2, w.eni(), elsewhere, 1);

    assertThat(MotoState.read(ec2).eni(w.eni()).attachedTo(elsewhere)).isTrue();
  }

  /** EC2 and simulator: InvalidNetworkInterface.InUse. moto moves it and the old instance still lists it. */
  @Test
  void motoAttachesAnInterfaceThatIsAttachedToAnotherInstance() {
    w.attach(ec2, w.eni(), w.primary(), 1);

    w.attach(ec2, w.eni(), w.standby(), 1);

    MotoState state = MotoState.read(ec2);
    assertThat(state.eni(w.eni()).attachedTo(w.standby())).isTrue();
    assertThat(state.instances().get(w.primary()).interfaceByDeviceIndex()).containsEntry(1, w.eni());
  }

  /** EC2 and simulator: InvalidParameterValue "... already has an interface attached at device index '1'". */
  @Test
  void motoAttachesAtADeviceIndexThatAnotherInterfaceHolds() {
    String other = w.createNetworkInterface(ec2, w.subnetA());
    w.attach(ec2, other, w.primary(), 1);

    w.attach(ec2, w.eni(), w.primary(), 1);

    MotoState state = MotoState.read(ec2);
    assertThat(state.eni(w.eni()).attachedTo(w.primary())).isTrue();
    assertThat(state.eni(other).attachedTo(w.primary())).as("moto still shows the first one attached too").isTrue();
  }

  /** EC2 and simulator: IncorrectInstanceState (an instance must be running or stopped). */
  @Test
  void motoAttachesAnInterfaceToATerminatedInstance() {
    ec2.terminateInstances(r -> r.instanceIds(w.standby()));

    w.attach(ec2, w.eni(), w.standby(), 1);

    assertThat(MotoState.read(ec2).eni(w.eni()).attachedTo(w.standby())).isTrue();
  }

  /** EC2 (User Guide) and simulator: termination detaches secondary interfaces, which become available. */
  @Test
  void motoLeavesASecondaryInterfaceAttachedToAnInstanceItTerminated() {
    w.attach(ec2, w.eni(), w.primary(), 1);

    ec2.terminateInstances(r -> r.instanceIds(w.primary()));

    MotoState state = MotoState.read(ec2);
    assertThat(state.instances().get(w.primary()).state()).isEqualTo("terminated");
    assertThat(state.eni(w.eni()).attachedTo(w.primary())).isTrue();
  }

  /** EC2 and simulator: OperationNotPermitted for device index 0, always; moto only when it is the last one. */
  @Test
  void motoDetachesAnInstancesPrimaryInterfaceWhenItHasAnother() {
    w.attach(ec2, w.eni(), w.primary(), 1);
    String primaryAttachment =
        ec2.describeInstances(r -> r.instanceIds(w.primary())).reservations().get(0).instances().get(0).networkInterfaces().stream()
            .filter(ni -> ni.attachment().deviceIndex() == 0)
            .findFirst()
            .orElseThrow()
            .attachment()
            .attachmentId();

    ec2.detachNetworkInterface(r -> r.attachmentId(primaryAttachment));
    // (After this, moto answers DescribeInstances for that instance with HTTP 500; the next test resets moto.)
  }

  /** EC2 and simulator: the address goes on the PrivateIpAddress asked for, which must be one of the interface's. */
  @Test
  void motoAssociatesAnElasticIpWithThePrimaryPrivateIpWhateverPrivateIpAddressSays() {
    String eni =
        ec2.createNetworkInterface(r -> r.subnetId(w.subnetA()).secondaryPrivateIpAddressCount(1))
            .networkInterface()
            .networkInterfaceId();
    var ips = ec2.describeNetworkInterfaces(r -> r.networkInterfaceIds(eni)).networkInterfaces().get(0).privateIpAddresses();
    String primaryIp = ips.stream().filter(ip -> ip.primary()).findFirst().orElseThrow().privateIpAddress();
    String secondaryIp = ips.stream().filter(ip -> !ip.primary()).findFirst().orElseThrow().privateIpAddress();
    String allocation = ec2.allocateAddress(r -> r.domain("vpc")).allocationId();

    ec2.associateAddress(r -> r.allocationId(allocation).networkInterfaceId(eni).privateIpAddress(secondaryIp));

    assertThat(MotoState.read(ec2).address(allocation).privateIpAddress()).isEqualTo(primaryIp).isNotEqualTo(secondaryIp);
  }

  /**
   * EC2: InstanceId is the instance the interface is attached to, and elements with no value are left out.
   * Simulator: the same. moto: empty elements ({@code <instanceId/>}, {@code <networkInterfaceId/>}).
   */
  @Test
  void motoReportsEmptyElementsWhereEc2LeavesThemOutOfDescribeAddresses() {
    w.attach(ec2, w.eni(), w.primary(), 1);

    var attached = ec2.describeAddresses(r -> r.allocationIds(w.allocation())).addresses().get(0);
    assertThat(attached.networkInterfaceId()).isEqualTo(w.eni());
    assertThat(attached.instanceId()).isEmpty();

    ec2.disassociateAddress(r -> r.associationId(attached.associationId()));
    var disassociated = ec2.describeAddresses(r -> r.allocationIds(w.allocation())).addresses().get(0);
    assertThat(disassociated.networkInterfaceId()).isEmpty();
    assertThat(disassociated.instanceId()).isEmpty();
  }

  /**
   * EC2: a dry run checks the permission only (DryRunOperation) and changes nothing. Simulator: the same. moto
   * ignores DryRun on ReplaceRoute and CreateRoute, and makes the change.
   */
  @Test
  void motoMakesTheChangeOfADryRunReplaceRoute() {
    String table = ec2.createRouteTable(r -> r.vpcId(w.vpc())).routeTable().routeTableId();
    String a = w.createNetworkInterface(ec2, w.subnetA());
    String b = w.createNetworkInterface(ec2, w.subnetB());
    ec2.createRoute(r -> r.routeTableId(table).destinationCidrBlock("192.168.100.10/32").networkInterfaceId(a));

    ec2.replaceRoute(r -> r.routeTableId(table).destinationCidrBlock("192.168.100.10/32").networkInterfaceId(b).dryRun(true));

    assertThat(routeTarget(table, "192.168.100.10/32")).isEqualTo(b);
  }

  /** EC2: a route whose interface was deleted is a blackhole. Simulator: the same. moto reports it active. */
  @Test
  void motoReportsARouteToADeletedInterfaceAsActive() {
    String table = ec2.createRouteTable(r -> r.vpcId(w.vpc())).routeTable().routeTableId();
    String gone = w.createNetworkInterface(ec2, w.subnetA());
    ec2.createRoute(r -> r.routeTableId(table).destinationCidrBlock("192.168.100.10/32").networkInterfaceId(gone));

    ec2.deleteNetworkInterface(r -> r.networkInterfaceId(gone));

    var route = ec2.describeRouteTables(r -> r.routeTableIds(table)).routeTables().get(0).routes().stream()
        .filter(x -> "192.168.100.10/32".equals(x.destinationCidrBlock())).findFirst().orElseThrow();
    assertThat(route.stateAsString()).isEqualTo("active");
  }

  /**
   * EC2 (AssignPrivateIpAddresses, AllowReassignment): the address moves, so the interface it came from no longer
   * has it. Simulator: the same. moto adds it to the new interface and leaves it on the old one too.
   */
  @Test
  void motoLeavesAReassignedSecondaryIpOnTheInterfaceItCameFrom() {
    String from = w.createNetworkInterface(ec2, w.subnetA());
    String to = w.createNetworkInterface(ec2, w.subnetA());
    ec2.assignPrivateIpAddresses(r -> r.networkInterfaceId(from).privateIpAddresses("10.0.1.50"));

    ec2.assignPrivateIpAddresses(r -> r.networkInterfaceId(to).privateIpAddresses("10.0.1.50").allowReassignment(true));

    assertThat(privateIps(from)).contains("10.0.1.50");
    assertThat(privateIps(to)).contains("10.0.1.50");
  }

  /**
   * EC2: CreateRoute for a destination the table already routes is RouteAlreadyExists. Simulator: the same. moto
   * checks that only for gateway targets: to an interface, it overwrites the route.
   */
  @Test
  void motoOverwritesAnExistingRouteOnCreateRouteToAnInterface() {
    String table = ec2.createRouteTable(r -> r.vpcId(w.vpc())).routeTable().routeTableId();
    String a = w.createNetworkInterface(ec2, w.subnetA());
    String b = w.createNetworkInterface(ec2, w.subnetB());
    ec2.createRoute(r -> r.routeTableId(table).destinationCidrBlock("192.168.100.10/32").networkInterfaceId(a));

    ec2.createRoute(r -> r.routeTableId(table).destinationCidrBlock("192.168.100.10/32").networkInterfaceId(b));

    assertThat(routeTarget(table, "192.168.100.10/32")).isEqualTo(b);
  }

  private static String routeTarget(String table, String destination) {
    return ec2.describeRouteTables(r -> r.routeTableIds(table)).routeTables().get(0).routes().stream()
        .filter(x -> destination.equals(x.destinationCidrBlock())).findFirst().orElseThrow().networkInterfaceId();
  }

  private static java.util.List<String> privateIps(String eni) {
    return ec2.describeNetworkInterfaces(r -> r.networkInterfaceIds(eni)).networkInterfaces().get(0).privateIpAddresses()
        .stream().map(ip -> ip.privateIpAddress()).toList();
  }

  /** EC2 documents InvalidNetworkInterfaceId.Malformed for an id that is not eni-xxxxxxxx. */
  @Test
  void motoAnswersNotFoundForAMalformedInterfaceId() {
    Ec2Exception e =
        catchThrowableOfType(Ec2Exception.class, () -> ec2.describeNetworkInterfaces(r -> r.networkInterfaceIds("eni-zz")));

    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidNetworkInterfaceID.NotFound");
  }

  /** Where moto agrees with EC2: the codes the operator's gateway turns into Stalled reasons. */
  @Test
  void motoAnswersTheErrorCodesTheOperatorMapsToReasons() {
    assertThat(code(() -> ec2.describeNetworkInterfaces(r -> r.networkInterfaceIds(RefusalsOnMotoIT.MISSING_ENI))))
        .isEqualTo("InvalidNetworkInterfaceID.NotFound");
    // One unknown id fails the whole DescribeInstances call, as on EC2: the gateway then asks one by one.
    assertThat(code(() -> ec2.describeInstances(r -> r.instanceIds(w.primary(), RefusalsOnMotoIT.MISSING_INSTANCE))))
        .isEqualTo("InvalidInstanceID.NotFound");
    assertThat(code(() -> ec2.describeAddresses(r -> r.allocationIds(RefusalsOnMotoIT.MISSING_ALLOCATION))))
        .isEqualTo("InvalidAllocationID.NotFound");
    assertThat(code(() -> ec2.detachNetworkInterface(r -> r.attachmentId("eni-attach-0000000000000000f"))))
        .isEqualTo("InvalidAttachmentID.NotFound");
    assertThat(code(() -> ec2.attachNetworkInterface(
            r -> r.networkInterfaceId(w.eni()).instanceId(RefusalsOnMotoIT.MISSING_INSTANCE).deviceIndex(1))))
        .isEqualTo("InvalidInstanceID.NotFound");
    String other = w.createNetworkInterface(ec2, w.subnetA());
    assertThat(code(() -> ec2.associateAddress(
            r -> r.allocationId(w.allocation()).networkInterfaceId(other).allowReassociation(false))))
        .isEqualTo("Resource.AlreadyAssociated");
  }

  private static String code(Runnable call) {
    Ec2Exception e = catchThrowableOfType(Ec2Exception.class, call::run);
    assertThat(e).as("moto refused the call").isNotNull();
    assertThat(e.statusCode()).isEqualTo(400);
    return e.awsErrorDetails().errorCode();
  }
}
