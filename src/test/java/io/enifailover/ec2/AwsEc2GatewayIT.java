package io.enifailover.ec2;

import static io.enifailover.testing.Ec2Failures.failure;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.enifailover.model.Address;
import io.enifailover.model.AttachmentStatus;
import io.enifailover.model.Instance;
import io.enifailover.model.InstanceCheck;
import io.enifailover.model.NetworkInterface;
import io.enifailover.model.Reason;
import io.enifailover.sim.Ec2Simulator;
import io.enifailover.sim.SimInstanceState;
import io.enifailover.sim.SimulatorConfig;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The gateway through the real SDK client and the simulator's EC2 wire protocol: every action, every mapped error. */
class AwsEc2GatewayIT {
  static final String AZ = "us-east-1a";
  static final String VPC = "vpc-0a1b2c3d4e5f60718";
  static final String SUBNET = "subnet-0a1b2c3d4e5f60718";
  static Ec2Simulator sim;
  static Ec2Gateways gateways;
  static Ec2Gateway gateway;
  static int counter;

  String primary;
  String standby;
  String eni;
  String allocation;

  @BeforeAll
  static void start() {
    sim = Ec2Simulator.start(SimulatorConfig.defaults()
        .withDetachDuration(Duration.ofMillis(100)).withAttachDuration(Duration.ofMillis(100)).withStopDuration(Duration.ofMillis(100)));
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

  /** A fresh world for each test: two running instances, a detached interface with two private IPs, an address. */
  @org.junit.jupiter.api.BeforeEach
  void world() {
    counter++;
    String n = String.format("%08x", counter);
    primary = "i-0a" + n + "0000000";
    standby = "i-0b" + n + "0000000";
    eni = "eni-0e" + n + "0000000";
    allocation = "eipalloc-0f" + n + "0000000";
    sim.addInstance(primary, AZ, VPC, SUBNET, SimInstanceState.RUNNING);
    sim.addInstance(standby, AZ, VPC, SUBNET, SimInstanceState.RUNNING);
    sim.addNetworkInterface(eni, AZ, VPC, SUBNET, "10.0.1.25", "10.0.1.26");
    sim.addAddress(allocation, "203.0.113.25");
  }


  @Test
  void describesADetachedInterface() {
    NetworkInterface found = gateway.describeNetworkInterface(eni).orElseThrow();

    assertThat(found.id()).isEqualTo(eni);
    assertThat(found.availabilityZone()).isEqualTo(AZ);
    assertThat(found.vpcId()).isEqualTo(VPC);
    assertThat(found.primaryPrivateIp()).isEqualTo("10.0.1.25");
    assertThat(found.privateIps()).containsExactly("10.0.1.25", "10.0.1.26");
    assertThat(found.attachment()).isEmpty();
    assertThat(found.publicAddressByPrivateIp()).isEmpty();
  }

  @Test
  void tagsAreWrittenAndReadBackOnInterfacesInstancesAndAddresses() {
    gateway.createTags(eni, Map.of("enifailover.io/claim-uid", "u-1", "team", "payments"));
    gateway.createTags(primary, Map.of("enifailover.io/namespace", "payments"));
    gateway.createTags(allocation, Map.of("enifailover.io/namespace", "payments,shop"));

    assertThat(gateway.describeNetworkInterface(eni).orElseThrow().tags())
        .containsExactlyInAnyOrderEntriesOf(Map.of("enifailover.io/claim-uid", "u-1", "team", "payments"));
    assertThat(gateway.describeInstances(Set.of(primary, standby)))
        .hasEntrySatisfying(primary, i -> assertThat(i.tags()).containsEntry("enifailover.io/namespace", "payments"))
        .hasEntrySatisfying(standby, i -> assertThat(i.tags()).isEmpty());
    assertThat(gateway.describeAddress(allocation).orElseThrow().tags()).containsEntry("enifailover.io/namespace", "payments,shop");
  }

  @Test
  void deleteTagsRemovesATagOnlyWhileItHasTheGivenValue() {
    gateway.createTags(eni, Map.of("enifailover.io/claim-uid", "u-2", "enifailover.io/claim-name", "db"));

    gateway.deleteTags(eni, Map.of("enifailover.io/claim-uid", "u-1", "enifailover.io/claim-name", "db"));

    assertThat(gateway.describeNetworkInterface(eni).orElseThrow().tags())
        .containsExactlyInAnyOrderEntriesOf(Map.of("enifailover.io/claim-uid", "u-2"));
  }

  @Test
  void taggingAnInterfaceThatDoesNotExistIsNotFound() {
    assertThat(failure(() -> gateway.createTags("eni-0000000000000dead", Map.of("k", "v"))).reason())
        .isEqualTo(Reason.NetworkInterfaceNotFound);
  }

  @Test
  void anInterfaceThatDoesNotExistIsEmptyNotAFailure() {
    assertThat(gateway.describeNetworkInterface("eni-0000000000000dead")).isEmpty();
  }

  @Test
  void describesInstancesWithTheirDeviceIndexesAndSkipsMissingOnes() {
    sim.attachOutOfBand(eni, primary, 1);

    Map<String, Instance> found = gateway.describeInstances(Set.of(primary, standby, "i-0000000000000dead"));

    assertThat(found).containsOnlyKeys(primary, standby);
    Instance p = found.get(primary);
    assertThat(p.availabilityZone()).isEqualTo(AZ);
    assertThat(p.vpcId()).isEqualTo(VPC);
    assertThat(p.state()).isEqualTo(io.enifailover.model.InstanceState.RUNNING);
    assertThat(p.interfaceByDeviceIndex()).containsEntry(1, eni).containsKey(0);
    assertThat(p.privateIp()).isEqualTo(sim.privateIpOf(primary));
  }

  @Test
  void describesTheStatusChecksOfInstancesInAnyStateAndSkipsMissingOnes() {
    sim.setImpaired(primary, true);
    sim.setInstanceState(standby, SimInstanceState.STOPPED);

    Map<String, InstanceCheck> found = gateway.describeInstanceStatus(Set.of(primary, standby, "i-0000000000000dead"));

    assertThat(found).containsOnly(
        Map.entry(primary, new InstanceCheck(primary, io.enifailover.model.InstanceState.RUNNING, true)),
        Map.entry(standby, new InstanceCheck(standby, io.enifailover.model.InstanceState.STOPPED, false)));
    sim.setImpaired(primary, false);
    assertThat(gateway.describeInstanceStatus(Set.of(primary))).containsEntry(primary, new InstanceCheck(primary, io.enifailover.model.InstanceState.RUNNING, false));
  }

  @Test
  void describesTheStatusOfManyInstancesOneCallPer100AndOneMoreForAChunkWithMissingIds() {
    Set<String> ids = new java.util.HashSet<>();
    for (int i = 0; i < 150; i++) {
      String id = String.format("i-0c%06x%09x", counter, i);
      sim.addInstance(id, AZ, VPC, SUBNET, SimInstanceState.RUNNING);
      ids.add(id);
    }
    int before = sim.callCounts().getOrDefault("DescribeInstanceStatus", 0);

    assertThat(gateway.describeInstanceStatus(ids)).hasSize(150);
    assertThat(sim.callCounts().get("DescribeInstanceStatus") - before).isEqualTo(2);

    ids.add("i-0000000000000dead");
    assertThat(gateway.describeInstanceStatus(ids)).hasSize(150);
    assertThat(sim.callCounts().get("DescribeInstanceStatus") - before).isEqualTo(5);
  }

  @Test
  void stopInstanceStopsIt() {
    gateway.stopInstance(primary, false);

    assertThat(gateway.describeInstances(Set.of(primary)).get(primary).state())
        .isEqualTo(io.enifailover.model.InstanceState.STOPPING);
    await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(gateway.describeInstances(Set.of(primary, standby)))
        .hasEntrySatisfying(primary, i -> assertThat(i.state()).isEqualTo(io.enifailover.model.InstanceState.STOPPED))
        .hasEntrySatisfying(standby, i -> assertThat(i.state()).isEqualTo(io.enifailover.model.InstanceState.RUNNING)));
    assertThat(sim.stopCount(primary)).isEqualTo(1);
  }

  @Test
  void aPermittedDryRunOfTheStopChangesNothingAndADeniedOneIsAccessDenied() {
    gateway.stopInstance(primary, true);

    assertThat(gateway.describeInstances(Set.of(primary)).get(primary).state())
        .isEqualTo(io.enifailover.model.InstanceState.RUNNING);
    assertThat(sim.stopCount(primary)).isZero();

    sim.faults().deny("StopInstances", standby);
    Ec2Failure failure = failure(() -> gateway.stopInstance(standby, true));
    assertThat(failure.reason()).isEqualTo(Reason.AccessDenied);
    assertThat(failure.getMessage()).contains(standby, "dry run", "ec2:StopInstances");
  }

  @Test
  void stopErrorsAreMapped() {
    sim.setInstanceState(standby, SimInstanceState.TERMINATED);

    assertThat(failure(() -> gateway.stopInstance(standby, false)).reason()).isEqualTo(Reason.Conflict);
    assertThat(failure(() -> gateway.stopInstance("i-0000000000000dead", false)).reason()).isEqualTo(Reason.InstanceNotFound);
  }

  @Test
  void describesHowManyInterfacesAnInstanceTypeTakes() {
    sim.setInstanceType(standby, "t3.micro");

    Map<String, Instance> found = gateway.describeInstances(Set.of(primary, standby));

    assertThat(found.get(primary).instanceType()).isEqualTo("m5.large");
    assertThat(found.get(primary).maxInterfaces()).hasValue(3);
    assertThat(found.get(standby).maxInterfaces()).hasValue(2);
  }

  @Test
  void attachingBeyondTheInstanceTypesLimitIsRejected() {
    sim.setInstanceType(standby, "t3.micro");
    String other = eni.replace("eni-0e", "eni-0b");
    sim.addNetworkInterface(other, AZ, VPC, SUBNET, "10.0.5.5");
    sim.attachOutOfBand(other, standby, 1);

    Ec2Failure failure = failure(() -> gateway.attach(eni, standby, 2));

    assertThat(failure.reason()).isEqualTo(Reason.Rejected);
    assertThat(failure.awsErrorCode()).isEqualTo("AttachmentLimitExceeded");
  }

  @Test
  void describesAnAddressAndItsAssociation() {
    assertThat(gateway.describeAddress(allocation)).hasValueSatisfying(a -> assertThat(a.isAssociated()).isFalse());

    sim.associateOutOfBand(allocation, eni, "10.0.1.26");

    Address a = gateway.describeAddress(allocation).orElseThrow();
    assertThat(a.publicIp()).isEqualTo("203.0.113.25");
    assertThat(a.networkInterfaceId()).contains(eni);
    assertThat(a.privateIp()).contains("10.0.1.26");
    assertThat(gateway.describeAddress("eipalloc-0000000000000dead")).isEmpty();
  }

  @Test
  void attachDetachAndAssociateRoundTrip() {
    String attachmentId = gateway.attach(eni, primary, 1);
    assertThat(attachmentId).startsWith("eni-attach-");
    assertThat(gateway.describeNetworkInterface(eni).orElseThrow().attachment())
        .hasValueSatisfying(a -> {
          assertThat(a.attachmentId()).isEqualTo(attachmentId);
          assertThat(a.instanceId()).isEqualTo(primary);
          assertThat(a.deviceIndex()).isEqualTo(1);
        });
    await().atMost(Duration.ofSeconds(2)).until(() -> gateway.describeNetworkInterface(eni).orElseThrow()
        .attachment().map(a -> a.status() == AttachmentStatus.ATTACHED).orElse(false));

    gateway.associateAddress(allocation, eni, "10.0.1.25", false);
    NetworkInterface withAddress = gateway.describeNetworkInterface(eni).orElseThrow();
    assertThat(withAddress.carries(allocation, "10.0.1.25")).isTrue();
    assertThat(withAddress.publicAddressByPrivateIp().get("10.0.1.25").publicIp()).isEqualTo("203.0.113.25");

    gateway.detach(attachmentId, false);
    assertThat(gateway.describeNetworkInterface(eni).orElseThrow().liveAttachment())
        .hasValueSatisfying(a -> assertThat(a.status()).isEqualTo(AttachmentStatus.DETACHING));
    await().atMost(Duration.ofSeconds(2)).until(() -> gateway.describeNetworkInterface(eni).orElseThrow().liveAttachment().isEmpty());
    assertThat(gateway.describeNetworkInterface(eni).orElseThrow().carries(allocation, "10.0.1.25")).isTrue();
  }

  @Test
  void attachErrorsAreMapped() {
    sim.addInstance("i-0c" + String.format("%08x", counter) + "0000000", "us-east-1b", VPC, SUBNET, SimInstanceState.RUNNING);
    String otherAz = "i-0c" + String.format("%08x", counter) + "0000000";
    assertThat(failure(() -> gateway.attach(eni, otherAz, 1)).reason()).isEqualTo(Reason.Rejected);
    assertThat(failure(() -> gateway.attach("eni-0000000000000dead", primary, 1)).reason()).isEqualTo(Reason.NetworkInterfaceNotFound);
    assertThat(failure(() -> gateway.attach(eni, "i-0000000000000dead", 1)).reason()).isEqualTo(Reason.InstanceNotFound);

    sim.setInstanceState(standby, SimInstanceState.PENDING);
    assertThat(failure(() -> gateway.attach(eni, standby, 1)).awsErrorCode()).isEqualTo("IncorrectInstanceState");

    sim.attachOutOfBand(eni, primary, 1);
    Ec2Failure inUse = failure(() -> gateway.attach(eni, primary, 2));
    assertThat(inUse.reason()).isEqualTo(Reason.Conflict);
    assertThat(inUse.awsErrorCode()).isEqualTo("InvalidNetworkInterface.InUse");
  }

  @Test
  void aPermittedDryRunOfTheAttachChangesNothing() {
    int before = sim.mutatingCallCount();

    gateway.checkAttachPermitted(eni, primary, 1);

    assertThat(sim.attachmentOf(eni)).isEmpty();
    assertThat(sim.mutatingCallCount()).isEqualTo(before);
    assertThat(sim.requestLog()).last().satisfies(r -> {
      assertThat(r.dryRun()).isTrue();
      assertThat(r.errorCode()).isEqualTo("DryRunOperation");
    });
  }

  @Test
  void aDeniedDryRunOfTheAttachIsAccessDeniedForThatInstanceOnly() {
    sim.faults().deny("AttachNetworkInterface", standby);

    Ec2Failure failure = failure(() -> gateway.checkAttachPermitted(eni, standby, 1));

    assertThat(failure.reason()).isEqualTo(Reason.AccessDenied);
    assertThat(failure.getMessage()).contains(eni, standby, "dry run", "ec2:AttachNetworkInterface");
    gateway.checkAttachPermitted(eni, primary, 1);
  }

  @Test
  void deviceIndexInUseIsRejectedWithEc2sWords() {
    String squatter = eni.replace("eni-0e", "eni-0d");
    sim.addNetworkInterface(squatter, AZ, VPC, SUBNET, "10.0.2.5");
    sim.attachOutOfBand(squatter, primary, 1);

    Ec2Failure failure = failure(() -> gateway.attach(eni, primary, 1));

    assertThat(failure.reason()).isEqualTo(Reason.Rejected);
    assertThat(failure.getMessage()).contains("AttachNetworkInterface", eni, primary, "InvalidParameterValue", "device index");
  }

  @Test
  void detachErrorsAreMapped() {
    assertThat(failure(() -> gateway.detach("eni-attach-0000000000000dead", false)).reason()).isEqualTo(Reason.Conflict);

    Instance p = gateway.describeInstances(Set.of(primary)).get(primary);
    String ownInterface = p.interfaceByDeviceIndex().get(0);
    String ownAttachment = gateway.describeNetworkInterface(ownInterface).orElseThrow().attachment().orElseThrow().attachmentId();
    Ec2Failure primaryInterface = failure(() -> gateway.detach(ownAttachment, false));
    assertThat(primaryInterface.reason()).isEqualTo(Reason.Rejected);
    assertThat(primaryInterface.awsErrorCode()).isEqualTo("OperationNotPermitted");
  }

  @Test
  void associateErrorsAreMapped() {
    String other = eni.replace("eni-0e", "eni-0c");
    sim.addNetworkInterface(other, AZ, VPC, SUBNET, "10.0.3.5");
    sim.associateOutOfBand(allocation, other, "10.0.3.5");

    assertThat(failure(() -> gateway.associateAddress(allocation, eni, "10.0.1.25", false)).reason())
        .isEqualTo(Reason.ElasticIpAssociatedElsewhere);
    assertThat(failure(() -> gateway.associateAddress("eipalloc-0000000000000dead", eni, "10.0.1.25", false)).reason())
        .isEqualTo(Reason.ElasticIpNotFound);
    assertThat(failure(() -> gateway.associateAddress(allocation, eni, "10.9.9.9", true)).reason())
        .isEqualTo(Reason.Rejected);
  }

  @Test
  void accessDeniedNamesThePermission() {
    sim.faults().deny("DetachNetworkInterface");
    sim.attachOutOfBand(eni, primary, 1);
    String attachmentId = gateway.describeNetworkInterface(eni).orElseThrow().attachment().orElseThrow().attachmentId();

    Ec2Failure failure = failure(() -> gateway.detach(attachmentId, false));

    assertThat(failure.reason()).isEqualTo(Reason.AccessDenied);
    assertThat(failure.awsErrorCode()).isEqualTo("UnauthorizedOperation");
    assertThat(failure.getMessage()).contains("ec2:DetachNetworkInterface", attachmentId);
  }

  @Test
  void throttlingWithinTheSdkRetriesIsInvisibleBeyondThemItIsThrottled() {
    sim.faults().throttleNext(1);
    assertThat(gateway.describeNetworkInterface(eni)).isPresent();

    sim.faults().throttleNext(10);
    assertThat(failure(() -> gateway.describeNetworkInterface(eni)).reason()).isEqualTo(Reason.Throttled);
  }

  @Test
  void serverErrorsBeyondTheRetriesAreEc2Unavailable() {
    sim.faults().failNext(10);

    Ec2Failure failure = failure(() -> gateway.describeInstances(Set.of(primary)));

    assertThat(failure.reason()).isEqualTo(Reason.Ec2Unavailable);
    assertThat(failure.awsErrorCode()).isEqualTo("InternalError");
  }

  @Test
  void anEndpointThatDoesNotAnswerIsEc2Unavailable() throws Exception {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    try (Ec2Gateways nowhere = new Ec2Gateways(new Ec2Settings("us-east-1", Optional.of(URI.create("http://127.0.0.1:" + port)), true))) {
      Ec2Failure failure = failure(() -> nowhere.forRegion("us-east-1").describeNetworkInterface(eni));

      assertThat(failure.reason()).isEqualTo(Reason.Ec2Unavailable);
      assertThat(failure.getMessage()).contains("DescribeNetworkInterfaces", eni);
    }
  }

  @Test
  void endpointFollowsTheAwsSettingsInOrder() {
    Map<String, String> both = Map.of("AWS_ENDPOINT_URL_EC2", "http://ec2.local:1", "AWS_ENDPOINT_URL", "http://all.local:2");
    assertThat(Ec2Settings.resolveEndpoint(Optional.of("http://flag.local:3"), both)).contains(URI.create("http://flag.local:3"));
    assertThat(Ec2Settings.resolveEndpoint(Optional.empty(), both)).contains(URI.create("http://ec2.local:1"));
    assertThat(Ec2Settings.resolveEndpoint(Optional.empty(), Map.of("AWS_ENDPOINT_URL", "http://all.local:2"))).contains(URI.create("http://all.local:2"));
    assertThat(Ec2Settings.resolveEndpoint(Optional.empty(), Map.of())).isEmpty();
  }
}
