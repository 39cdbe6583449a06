package io.enifailover.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.entry;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Address;
import software.amazon.awssdk.services.ec2.model.AttachmentStatus;
import software.amazon.awssdk.services.ec2.model.DomainType;
import software.amazon.awssdk.services.ec2.model.Ec2Exception;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.InstanceNetworkInterface;
import software.amazon.awssdk.services.ec2.model.InstanceStateChange;
import software.amazon.awssdk.services.ec2.model.InstanceStatus;
import software.amazon.awssdk.services.ec2.model.InstanceStateName;
import software.amazon.awssdk.services.ec2.model.NetworkInterface;
import software.amazon.awssdk.services.ec2.model.NetworkInterfaceAttachment;
import software.amazon.awssdk.services.ec2.model.NetworkInterfacePrivateIpAddress;
import software.amazon.awssdk.services.ec2.model.NetworkInterfaceStatus;
import software.amazon.awssdk.services.ec2.model.NetworkInterfaceType;
import software.amazon.awssdk.services.ec2.model.Reservation;
import software.amazon.awssdk.services.ec2.model.SummaryStatus;

/** Drives the simulator through the real AWS SDK v2 EC2 client and checks what a client sees. */
class Ec2SimulatorIT {

  private static final Duration ATTACH = Duration.ofMillis(200);
  private static final Duration DETACH = Duration.ofMillis(300);
  private static final Duration REAL_TIME_ATTACH = Duration.ofMillis(500);
  private static final Duration REAL_TIME_DETACH = Duration.ofMillis(600);
  private static final Duration TRANSITION_BOUND = Duration.ofSeconds(5);
  private static final Duration STOP = Duration.ofSeconds(2);

  private static final String OWNER = "123456789012";
  private static final String AZ = "us-east-1a";
  private static final String VPC = "vpc-0aaaaaaaaaaaaaaa1";
  private static final String SUBNET = "subnet-0aaaaaaaaaaaaaa1";
  private static final String PRIMARY = "i-0aaaaaaaaaaaaaaa1";
  private static final String STANDBY = "i-0bbbbbbbbbbbbbbb2";
  private static final String PENDING = "i-0ccccccccccccccc3";
  private static final String OTHER_AZ = "i-0ddddddddddddddd4";
  private static final String OTHER_VPC = "i-0eeeeeeeeeeeeeee5";
  private static final String ENI = "eni-0ffffffffffffff01";
  private static final String ENI_IP = "10.0.1.10";
  private static final String ENI_SECONDARY_IP = "10.0.1.11";
  private static final String EIP = "eipalloc-0aaaaaaaaaaaaaaa1";
  private static final String EIP_PUBLIC = "203.0.113.10";
  private static final String OTHER_EIP = "eipalloc-0bbbbbbbbbbbbbbb2";
  private static final String OTHER_EIP_PUBLIC = "203.0.113.20";
  private static final String ATTACHMENT_ID = "eni-attach-[0-9a-f]{17}";
  private static final String ASSOCIATION_ID = "eipassoc-[0-9a-f]{17}";

  private final MutableClock clock = new MutableClock(Instant.parse("2025-01-01T00:00:00Z"));
  private final List<AutoCloseable> resources = new ArrayList<>();
  private Ec2Simulator sim;
  private Ec2Client ec2;

  @BeforeEach
  void startSimulator() {
    sim = simulator(SimulatorConfig.defaults()
        .withAttachDuration(ATTACH).withDetachDuration(DETACH).withStopDuration(STOP).withClock(clock));
    ec2 = client(sim, true);
  }

  @AfterEach
  void stop() throws Exception {
    for (AutoCloseable resource : resources) {
      resource.close();
    }
  }

  // ---- Describe* ----

  @Test
  void describeNetworkInterfacesReportsEniAttachmentAndElasticIps() {
    sim.attachOutOfBand(ENI, PRIMARY, 1);
    sim.associateOutOfBand(EIP, ENI, ENI_IP);
    sim.associateOutOfBand(OTHER_EIP, ENI, ENI_SECONDARY_IP);

    List<NetworkInterface> enis = ec2.describeNetworkInterfaces(r -> r.networkInterfaceIds(ENI)).networkInterfaces();

    assertThat(enis).hasSize(1);
    NetworkInterface eni = enis.get(0);
    assertThat(eni.networkInterfaceId()).isEqualTo(ENI);
    assertThat(eni.subnetId()).isEqualTo(SUBNET);
    assertThat(eni.vpcId()).isEqualTo(VPC);
    assertThat(eni.availabilityZone()).isEqualTo(AZ);
    assertThat(eni.ownerId()).isEqualTo(OWNER);
    assertThat(eni.status()).isEqualTo(NetworkInterfaceStatus.IN_USE);
    assertThat(eni.macAddress()).matches("02(:[0-9a-f]{2}){5}");
    assertThat(eni.privateIpAddress()).isEqualTo(ENI_IP);
    assertThat(eni.sourceDestCheck()).isTrue();
    assertThat(eni.interfaceType()).isEqualTo(NetworkInterfaceType.INTERFACE);
    assertThat(eni.groups()).isEmpty();
    assertThat(eni.tagSet()).isEmpty();

    NetworkInterfaceAttachment attachment = eni.attachment();
    assertThat(attachment.attachmentId()).matches(ATTACHMENT_ID);
    assertThat(attachment.instanceId()).isEqualTo(PRIMARY);
    assertThat(attachment.instanceOwnerId()).isEqualTo(OWNER);
    assertThat(attachment.deviceIndex()).isEqualTo(1);
    assertThat(attachment.status()).isEqualTo(AttachmentStatus.ATTACHED);
    assertThat(attachment.attachTime()).isEqualTo(clock.instant());
    assertThat(attachment.deleteOnTermination()).isFalse();

    String associationId = sim.associationOf(EIP).orElseThrow().associationId();
    assertThat(associationId).matches(ASSOCIATION_ID);
    assertThat(eni.association().publicIp()).isEqualTo(EIP_PUBLIC);
    assertThat(eni.association().allocationId()).isEqualTo(EIP);
    assertThat(eni.association().associationId()).isEqualTo(associationId);
    assertThat(eni.association().ipOwnerId()).isEqualTo(OWNER);

    assertThat(eni.privateIpAddresses()).extracting(
            NetworkInterfacePrivateIpAddress::privateIpAddress,
            NetworkInterfacePrivateIpAddress::primary,
            ip -> ip.association().publicIp(),
            ip -> ip.association().allocationId())
        .containsExactly(
            tuple(ENI_IP, true, EIP_PUBLIC, EIP),
            tuple(ENI_SECONDARY_IP, false, OTHER_EIP_PUBLIC, OTHER_EIP));
  }

  @Test
  void describeNetworkInterfacesListsEveryEniAndAppliesFilters() {
    sim.attachOutOfBand(ENI, PRIMARY, 1);

    List<NetworkInterface> all = ec2.describeNetworkInterfaces().networkInterfaces();
    List<NetworkInterface> onPrimary = ec2.describeNetworkInterfaces(
        r -> r.filters(f -> f.name("attachment.instance-id").values(PRIMARY))).networkInterfaces();
    List<NetworkInterface> available = ec2.describeNetworkInterfaces(
        r -> r.filters(f -> f.name("status").values("available"))).networkInterfaces();

    // One primary ENI per instance (the pending one included) plus the floating ENI.
    assertThat(all).hasSize(6);
    assertThat(onPrimary).extracting(eni -> eni.attachment().deviceIndex()).containsExactlyInAnyOrder(0, 1);
    assertThat(available).isEmpty();
    Ec2Exception badFilter = assertEc2Error(
        () -> ec2.describeNetworkInterfaces(r -> r.filters(f -> f.name("no-such-filter").values("x"))),
        "InvalidParameterValue", 400);
    assertThat(badFilter.awsErrorDetails().errorMessage()).isEqualTo("The filter 'no-such-filter' is invalid");
  }

  @Test
  void unknownNetworkInterfaceIsNotFound() {
    Ec2Exception e = assertEc2Error(
        () -> ec2.describeNetworkInterfaces(r -> r.networkInterfaceIds(ENI, "eni-0missing")),
        "InvalidNetworkInterfaceID.NotFound", 400);

    assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("The networkInterface ID 'eni-0missing' does not exist");
  }

  @Test
  void describeInstancesReportsStatePlacementAndNetworkInterfaces() {
    sim.attachOutOfBand(ENI, PRIMARY, 1);
    sim.associateOutOfBand(EIP, ENI, ENI_IP);
    ec2.associateAddress(r -> r.allocationId(OTHER_EIP).instanceId(PRIMARY));
    sim.setInstanceState(STANDBY, SimInstanceState.STOPPED);

    List<Reservation> reservations =
        ec2.describeInstances(r -> r.instanceIds(PRIMARY, STANDBY)).reservations();

    assertThat(reservations).hasSize(2);
    assertThat(reservations).allSatisfy(reservation -> {
      assertThat(reservation.reservationId()).matches("r-[0-9a-f]{17}");
      assertThat(reservation.ownerId()).isEqualTo(OWNER);
    });
    Instance primary = instance(reservations, PRIMARY);
    assertThat(primary.imageId()).startsWith("ami-");
    assertThat(primary.state().code()).isEqualTo(16);
    assertThat(primary.state().name()).isEqualTo(InstanceStateName.RUNNING);
    assertThat(primary.placement().availabilityZone()).isEqualTo(AZ);
    assertThat(primary.subnetId()).isEqualTo(SUBNET);
    assertThat(primary.vpcId()).isEqualTo(VPC);
    assertThat(primary.privateIpAddress()).isNotBlank();
    assertThat(primary.publicIpAddress()).isEqualTo(OTHER_EIP_PUBLIC);

    List<InstanceNetworkInterface> interfaces = primary.networkInterfaces();
    assertThat(interfaces).extracting(i -> i.attachment().deviceIndex()).containsExactly(0, 1);
    InstanceNetworkInterface own = interfaces.get(0);
    assertThat(own.networkInterfaceId()).startsWith("eni-").isNotEqualTo(ENI);
    assertThat(own.privateIpAddress()).isEqualTo(primary.privateIpAddress());
    assertThat(own.attachment().deleteOnTermination()).isTrue();
    assertThat(own.attachment().statusAsString()).isEqualTo("attached");
    InstanceNetworkInterface floating = interfaces.get(1);
    assertThat(floating.networkInterfaceId()).isEqualTo(ENI);
    assertThat(floating.subnetId()).isEqualTo(SUBNET);
    assertThat(floating.vpcId()).isEqualTo(VPC);
    assertThat(floating.statusAsString()).isEqualTo("in-use");
    assertThat(floating.privateIpAddress()).isEqualTo(ENI_IP);
    assertThat(floating.attachment().attachmentId()).matches(ATTACHMENT_ID);
    assertThat(floating.attachment().attachTime()).isEqualTo(clock.instant());
    assertThat(floating.attachment().deleteOnTermination()).isFalse();
    assertThat(floating.association().publicIp()).isEqualTo(EIP_PUBLIC);

    Instance standby = instance(reservations, STANDBY);
    assertThat(standby.state().code()).isEqualTo(80);
    assertThat(standby.state().name()).isEqualTo(InstanceStateName.STOPPED);
    assertThat(standby.publicIpAddress()).isNull();
  }

  @Test
  void unknownInstancesAreNotFoundAndListedInTheMessage() {
    Ec2Exception one = assertEc2Error(
        () -> ec2.describeInstances(r -> r.instanceIds(PRIMARY, "i-0missing1")), "InvalidInstanceID.NotFound", 400);
    Ec2Exception two = assertEc2Error(
        () -> ec2.describeInstances(r -> r.instanceIds("i-0missing1", "i-0missing2")), "InvalidInstanceID.NotFound", 400);

    assertThat(one.awsErrorDetails().errorMessage()).isEqualTo("The instance ID 'i-0missing1' does not exist");
    assertThat(two.awsErrorDetails().errorMessage())
        .isEqualTo("The instance IDs 'i-0missing1, i-0missing2' do not exist");
  }

  @Test
  void describeAddressesReportsAssociationAndTheInstanceOfTheEni() {
    sim.attachOutOfBand(ENI, PRIMARY, 1);
    sim.associateOutOfBand(EIP, ENI, ENI_IP);

    Address associated = ec2.describeAddresses(r -> r.allocationIds(EIP)).addresses().get(0);
    Address free = ec2.describeAddresses(r -> r.publicIps(OTHER_EIP_PUBLIC)).addresses().get(0);

    assertThat(associated.publicIp()).isEqualTo(EIP_PUBLIC);
    assertThat(associated.allocationId()).isEqualTo(EIP);
    assertThat(associated.domain()).isEqualTo(DomainType.VPC);
    assertThat(associated.associationId()).isEqualTo(sim.associationOf(EIP).orElseThrow().associationId());
    assertThat(associated.networkInterfaceId()).isEqualTo(ENI);
    assertThat(associated.networkInterfaceOwnerId()).isEqualTo(OWNER);
    assertThat(associated.privateIpAddress()).isEqualTo(ENI_IP);
    assertThat(associated.instanceId()).isEqualTo(PRIMARY);
    assertThat(associated.publicIpv4Pool()).isEqualTo("amazon");
    assertThat(free.allocationId()).isEqualTo(OTHER_EIP);
    assertThat(free.associationId()).isNull();
    assertThat(free.networkInterfaceId()).isNull();
    assertThat(free.instanceId()).isNull();
    assertThat(ec2.describeAddresses().addresses()).extracting(Address::allocationId).containsExactly(EIP, OTHER_EIP);
  }

  @Test
  void unknownAllocationIsNotFound() {
    Ec2Exception e = assertEc2Error(
        () -> ec2.describeAddresses(r -> r.allocationIds("eipalloc-0missing")), "InvalidAllocationID.NotFound", 400);

    assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("The allocation ID 'eipalloc-0missing' does not exist");
  }

  // ---- transitions, in real time ----

  @Test
  void attachGoesFromAttachingToAttached() {
    Ec2Simulator live = realTimeSimulator();
    Ec2Client client = client(live, true);

    String attachmentId = client.attachNetworkInterface(r -> r.networkInterfaceId(ENI).instanceId(STANDBY).deviceIndex(1))
        .attachmentId();

    assertThat(attachmentId).matches(ATTACHMENT_ID);
    NetworkInterfaceAttachment attaching = describeEni(client).attachment();
    assertThat(attaching.attachmentId()).isEqualTo(attachmentId);
    assertThat(attaching.instanceId()).isEqualTo(STANDBY);
    assertThat(attaching.status()).isEqualTo(AttachmentStatus.ATTACHING);
    await().atMost(TRANSITION_BOUND)
        .until(() -> describeEni(client).attachment().status() == AttachmentStatus.ATTACHED);
    SimTransition attach = live.transitions().get(0);
    assertThat(attach.kind()).isEqualTo(SimTransition.Kind.ATTACH);
    assertThat(attach.eniId()).isEqualTo(ENI);
    assertThat(attach.instanceId()).isEqualTo(STANDBY);
    assertThat(Duration.between(attach.requestedAt(), attach.completedAt())).isEqualTo(REAL_TIME_ATTACH);
  }

  @Test
  void detachGoesFromDetachingToDetached() {
    Ec2Simulator live = realTimeSimulator();
    Ec2Client client = client(live, true);
    live.attachOutOfBand(ENI, PRIMARY, 1);
    String attachmentId = describeEni(client).attachment().attachmentId();

    client.detachNetworkInterface(r -> r.attachmentId(attachmentId));

    NetworkInterface detaching = describeEni(client);
    assertThat(detaching.attachment().status()).isEqualTo(AttachmentStatus.DETACHING);
    assertThat(detaching.status()).isEqualTo(NetworkInterfaceStatus.IN_USE);
    await().atMost(TRANSITION_BOUND).until(() -> describeEni(client).attachment() == null);
    assertThat(describeEni(client).status()).isEqualTo(NetworkInterfaceStatus.AVAILABLE);
    assertThat(live.attachmentOf(ENI)).isEmpty();
    SimTransition detach = live.transitions().get(0);
    assertThat(detach.kind()).isEqualTo(SimTransition.Kind.DETACH);
    assertThat(detach.instanceId()).isEqualTo(PRIMARY);
    assertThat(Duration.between(detach.requestedAt(), detach.completedAt())).isEqualTo(REAL_TIME_DETACH);
  }

  @Test
  void elasticIpFollowsTheEniAcrossDetachAndAttach() {
    Ec2Simulator live = realTimeSimulator();
    Ec2Client client = client(live, true);
    live.attachOutOfBand(ENI, PRIMARY, 1);
    String associationId = client.associateAddress(r -> r.allocationId(EIP).networkInterfaceId(ENI)).associationId();
    assertThat(address(client).instanceId()).isEqualTo(PRIMARY);

    client.detachNetworkInterface(r -> r.attachmentId(describeEni(client).attachment().attachmentId()));
    await().atMost(TRANSITION_BOUND).until(() -> describeEni(client).attachment() == null);
    Address whileDetached = address(client);
    client.attachNetworkInterface(r -> r.networkInterfaceId(ENI).instanceId(STANDBY).deviceIndex(1));
    await().atMost(TRANSITION_BOUND)
        .until(() -> describeEni(client).attachment().status() == AttachmentStatus.ATTACHED);

    assertThat(whileDetached.associationId()).isEqualTo(associationId);
    assertThat(whileDetached.networkInterfaceId()).isEqualTo(ENI);
    assertThat(whileDetached.instanceId()).isNull();
    Address afterFailover = address(client);
    assertThat(afterFailover.associationId()).isEqualTo(associationId);
    assertThat(afterFailover.networkInterfaceId()).isEqualTo(ENI);
    assertThat(afterFailover.privateIpAddress()).isEqualTo(ENI_IP);
    assertThat(afterFailover.instanceId()).isEqualTo(STANDBY);
    assertThat(describeEni(client).association().publicIp()).isEqualTo(EIP_PUBLIC);
    assertThat(live.transitions()).extracting(SimTransition::kind, SimTransition::instanceId).containsExactly(
        tuple(SimTransition.Kind.DETACH, PRIMARY),
        tuple(SimTransition.Kind.ATTACH, STANDBY));
  }

  // ---- transitions, on a hand-moved clock ----

  @Test
  void hungDetachStaysDetachingUntilForced() {
    sim.attachOutOfBand(ENI, PRIMARY, 1);
    String attachmentId = sim.attachmentOf(ENI).orElseThrow().attachmentId();
    sim.faults().hangDetach(ENI);
    Instant requestedAt = clock.instant();

    ec2.detachNetworkInterface(r -> r.attachmentId(attachmentId));
    clock.advance(Duration.ofHours(1));

    assertThat(describeEni(ec2).attachment().status()).isEqualTo(AttachmentStatus.DETACHING);
    assertEc2Error(() -> ec2.detachNetworkInterface(r -> r.attachmentId(attachmentId)), "IncorrectState", 400);

    ec2.detachNetworkInterface(r -> r.attachmentId(attachmentId).force(true));
    Instant forcedAt = clock.instant();
    clock.advance(DETACH.minusMillis(1));
    assertThat(describeEni(ec2).attachment().status()).isEqualTo(AttachmentStatus.DETACHING);
    clock.advance(Duration.ofMillis(1));

    assertThat(describeEni(ec2).attachment()).isNull();
    assertThat(sim.transitions()).containsExactly(
        new SimTransition(ENI, SimTransition.Kind.DETACH, PRIMARY, requestedAt, forcedAt.plus(DETACH)));
  }

  @Test
  void forcedDetachIgnoresTheHangFault() {
    sim.attachOutOfBand(ENI, PRIMARY, 1);
    sim.faults().hangDetach(ENI);

    ec2.detachNetworkInterface(r -> r.attachmentId(sim.attachmentOf(ENI).orElseThrow().attachmentId()).force(true));
    clock.advance(DETACH);

    assertThat(sim.attachmentOf(ENI)).isEmpty();
  }

  @Test
  void transitionsAreReportedInFlightUntilTheyComplete() {
    ec2.attachNetworkInterface(r -> r.networkInterfaceId(ENI).instanceId(STANDBY).deviceIndex(2));

    assertThat(sim.transitions()).singleElement().satisfies(t -> assertThat(t.completedAt()).isNull());
    assertThat(sim.attachmentOf(ENI)).map(SimAttachment::status).contains("attaching");
    clock.advance(ATTACH);
    assertThat(sim.attachmentOf(ENI)).map(SimAttachment::status).contains("attached");
    assertThat(sim.transitions()).singleElement()
        .satisfies(t -> assertThat(t.completedAt()).isEqualTo(t.requestedAt().plus(ATTACH)));
  }

  // ---- AttachNetworkInterface rules ----

  @Test
  void attachNeedsAnExistingEniAndInstance() {
    Ec2Exception noEni = assertEc2Error(
        () -> attach("eni-0missing", STANDBY, 1), "InvalidNetworkInterfaceID.NotFound", 400);
    Ec2Exception noInstance = assertEc2Error(
        () -> attach(ENI, "i-0missing"), "InvalidInstanceID.NotFound", 400);

    assertThat(noEni.awsErrorDetails().errorMessage()).contains("'eni-0missing'");
    assertThat(noInstance.awsErrorDetails().errorMessage()).isEqualTo("The instance ID 'i-0missing' does not exist");
  }

  @Test
  void attachNeedsARunningOrStoppedInstance() {
    assertEc2Error(() -> attach(ENI, PENDING), "IncorrectInstanceState", 400);
    sim.setInstanceState(STANDBY, SimInstanceState.STOPPED);

    attach(ENI, STANDBY);

    assertThat(sim.attachmentOf(ENI)).map(SimAttachment::instanceId).contains(STANDBY);
  }

  @Test
  void attachingAnAttachedEniIsInUse() {
    sim.attachOutOfBand(ENI, PRIMARY, 1);

    Ec2Exception e = assertEc2Error(() -> attach(ENI, STANDBY), "InvalidNetworkInterface.InUse", 400);

    assertThat(e.awsErrorDetails().errorMessage()).contains(ENI);
  }

  @Test
  void attachNeedsTheSameAvailabilityZoneAndVpc() {
    Ec2Exception az = assertEc2Error(() -> attach(ENI, OTHER_AZ), "InvalidParameterCombination", 400);
    Ec2Exception vpc = assertEc2Error(() -> attach(ENI, OTHER_VPC), "InvalidParameterCombination", 400);

    assertThat(az.awsErrorDetails().errorMessage()).isEqualTo(
        "You may not attach a network interface to an instance if they are not in the same availability zone");
    assertThat(vpc.awsErrorDetails().errorMessage()).contains("same VPC");
  }

  @Test
  void attachNeedsAFreeDeviceIndex() {
    Ec2Exception e = assertEc2Error(() -> attach(ENI, STANDBY, 0), "InvalidParameterValue", 400);

    assertThat(e.awsErrorDetails().errorMessage())
        .isEqualTo("Instance '" + STANDBY + "' already has an interface attached at device index '0'.");
  }

  // ---- DetachNetworkInterface rules ----

  @Test
  void detachOfUnknownAttachmentIsNotFound() {
    assertEc2Error(() -> ec2.detachNetworkInterface(r -> r.attachmentId("eni-attach-0missing")),
        "InvalidAttachmentID.NotFound", 400);
  }

  @Test
  void primaryEniCannotBeDetached() {
    String primaryAttachment = instance(ec2.describeInstances(r -> r.instanceIds(PRIMARY)).reservations(), PRIMARY)
        .networkInterfaces().get(0).attachment().attachmentId();

    Ec2Exception e = assertEc2Error(
        () -> ec2.detachNetworkInterface(r -> r.attachmentId(primaryAttachment).force(true)),
        "OperationNotPermitted", 400);

    assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("The network interface at device index 0 cannot be detached.");
  }

  @Test
  void detachWhileAttachingOrDetachingIsIncorrectState() {
    String attachmentId = attach(ENI, STANDBY);
    assertEc2Error(() -> ec2.detachNetworkInterface(r -> r.attachmentId(attachmentId)), "IncorrectState", 400);

    clock.advance(ATTACH);
    ec2.detachNetworkInterface(r -> r.attachmentId(attachmentId));

    assertEc2Error(() -> ec2.detachNetworkInterface(r -> r.attachmentId(attachmentId)), "IncorrectState", 400);
    assertThat(sim.attachmentOf(ENI)).map(SimAttachment::status).contains("detaching");
  }

  // ---- AssociateAddress / DisassociateAddress ----

  @Test
  void associateDefaultsToThePrimaryPrivateIp() {
    String first = ec2.associateAddress(r -> r.allocationId(EIP).networkInterfaceId(ENI)).associationId();
    String second = ec2.associateAddress(
        r -> r.allocationId(OTHER_EIP).networkInterfaceId(ENI).privateIpAddress(ENI_SECONDARY_IP)).associationId();

    assertThat(first).matches(ASSOCIATION_ID);
    assertThat(sim.associationOf(EIP)).contains(new SimAssociation(first, ENI, ENI_IP, EIP_PUBLIC));
    assertThat(sim.associationOf(OTHER_EIP))
        .contains(new SimAssociation(second, ENI, ENI_SECONDARY_IP, OTHER_EIP_PUBLIC));
  }

  @Test
  void associateNeedsKnownAddressAndEniAndAPrivateIpOfTheEni() {
    assertEc2Error(() -> ec2.associateAddress(r -> r.allocationId("eipalloc-0missing").networkInterfaceId(ENI)),
        "InvalidAllocationID.NotFound", 400);
    assertEc2Error(() -> ec2.associateAddress(r -> r.allocationId(EIP).networkInterfaceId("eni-0missing")),
        "InvalidNetworkInterfaceID.NotFound", 400);
    assertEc2Error(
        () -> ec2.associateAddress(r -> r.allocationId(EIP).networkInterfaceId(ENI).privateIpAddress("10.9.9.9")),
        "InvalidParameterValue", 400);
    assertEc2Error(() -> ec2.associateAddress(r -> r.publicIp(EIP_PUBLIC).networkInterfaceId(ENI)),
        "InvalidParameterCombination", 400);

    assertThat(sim.associationOf(EIP)).isEmpty();
  }

  @Test
  void movingAnAssociatedAddressNeedsAllowReassociation() {
    sim.addNetworkInterface("eni-0other", AZ, VPC, SUBNET, "10.0.1.20");
    String original = ec2.associateAddress(r -> r.allocationId(EIP).networkInterfaceId(ENI)).associationId();

    Ec2Exception e = assertEc2Error(
        () -> ec2.associateAddress(r -> r.allocationId(EIP).networkInterfaceId("eni-0other").allowReassociation(false)),
        "Resource.AlreadyAssociated", 400);
    assertThat(e.awsErrorDetails().errorMessage())
        .isEqualTo("resource " + EIP + " is already associated with associate-id " + original);

    String moved = ec2.associateAddress(
        r -> r.allocationId(EIP).networkInterfaceId("eni-0other").allowReassociation(true)).associationId();

    assertThat(moved).isNotEqualTo(original);
    assertThat(sim.associationOf(EIP)).map(SimAssociation::eniId).contains("eni-0other");
  }

  @Test
  void disassociateRemovesTheAssociation() {
    String associationId = ec2.associateAddress(r -> r.allocationId(EIP).networkInterfaceId(ENI)).associationId();

    ec2.disassociateAddress(r -> r.associationId(associationId));

    assertThat(sim.associationOf(EIP)).isEmpty();
    assertThat(describeEni(ec2).association()).isNull();
    assertEc2Error(() -> ec2.disassociateAddress(r -> r.associationId(associationId)),
        "InvalidAssociationID.NotFound", 400);
  }

  @Test
  void missingRequiredParameterIsReported() {
    Ec2Exception e = assertEc2Error(() -> ec2.detachNetworkInterface(r -> r.force(true)), "MissingParameter", 400);

    assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("The request must contain the parameter AttachmentId");
  }

  @Test
  void unsupportedActionIsInvalidAction() {
    assertEc2Error(() -> ec2.describeVpcs(), "InvalidAction", 400);
  }

  // ---- faults ----

  @Test
  void throttledRequestIsRetriedBySdk() {
    sim.faults().throttleNext(1);

    List<Reservation> reservations = ec2.describeInstances(r -> r.instanceIds(PRIMARY)).reservations();

    assertThat(reservations).hasSize(1);
    assertThat(sim.callCounts()).containsEntry("DescribeInstances", 2);
    assertThat(sim.requestLog()).extracting(SimRequest::httpStatus, SimRequest::errorCode).containsExactly(
        tuple(503, "RequestLimitExceeded"),
        tuple(200, null));
  }

  @Test
  void serverErrorIsRetriedBySdk() {
    sim.faults().failNext(1);

    ec2.describeAddresses();

    assertThat(sim.callCounts()).containsEntry("DescribeAddresses", 2);
    assertThat(sim.requestLog()).extracting(SimRequest::httpStatus).containsExactly(500, 200);
  }

  @Test
  void throttlingAndServerErrorsSurfaceWithEc2Codes() {
    Ec2Client noRetries = client(sim, false);
    sim.faults().throttleNext(1);
    Ec2Exception throttled = assertEc2Error(() -> noRetries.describeAddresses(), "RequestLimitExceeded", 503);
    sim.faults().failNext(1);
    assertEc2Error(() -> noRetries.describeAddresses(), "InternalError", 500);

    assertThat(throttled.awsErrorDetails().errorMessage()).isEqualTo("Request limit exceeded.");
    assertThat(noRetries.describeAddresses().addresses()).hasSize(2);
  }

  @Test
  void deniedActionIsUnauthorizedUntilCleared() {
    sim.faults().deny("AttachNetworkInterface");

    Ec2Exception e = assertEc2Error(() -> attach(ENI, STANDBY), "UnauthorizedOperation", 403);
    assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("You are not authorized to perform this operation.");
    assertThat(sim.attachmentOf(ENI)).isEmpty();
    assertThat(ec2.describeNetworkInterfaces().networkInterfaces()).isNotEmpty();

    sim.faults().clear();
    attach(ENI, STANDBY);
    assertThat(sim.attachmentOf(ENI)).isPresent();
  }

  @Test
  void latencyDelaysEveryResponse() {
    Duration latency = Duration.ofMillis(300);
    sim.faults().latency(latency);

    long started = System.nanoTime();
    ec2.describeAddresses();

    assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(latency);
  }

  // ---- bookkeeping and world changes ----

  @Test
  void countsEveryRequestAndMutatingOnesSeparately() {
    ec2.describeNetworkInterfaces();
    attach(ENI, STANDBY);
    assertEc2Error(() -> attach(ENI, STANDBY), "InvalidNetworkInterface.InUse", 400);

    assertThat(sim.callCounts())
        .containsOnly(entry("DescribeNetworkInterfaces", 1), entry("AttachNetworkInterface", 2));
    assertThat(sim.mutatingCallCount()).isEqualTo(2);
    SimRequest failed = sim.requestLog().get(2);
    assertThat(failed.params()).containsEntry("NetworkInterfaceId", ENI).containsEntry("InstanceId", STANDBY);
    assertThat(failed.errorCode()).isEqualTo("InvalidNetworkInterface.InUse");
    assertThat(failed.at()).isEqualTo(clock.instant());

    sim.resetCounters();

    assertThat(sim.callCounts()).isEmpty();
    assertThat(sim.mutatingCallCount()).isZero();
    assertThat(sim.requestLog()).isEmpty();
  }

  @Test
  void terminatingAnInstanceDetachesItsEniWhichKeepsItsElasticIp() {
    sim.attachOutOfBand(ENI, PRIMARY, 1);
    sim.associateOutOfBand(EIP, ENI, ENI_IP);

    sim.setInstanceState(PRIMARY, SimInstanceState.TERMINATED);

    Instance terminated = instance(ec2.describeInstances(r -> r.instanceIds(PRIMARY)).reservations(), PRIMARY);
    assertThat(terminated.state().code()).isEqualTo(48);
    assertThat(terminated.networkInterfaces()).isEmpty();
    NetworkInterface eni = describeEni(ec2);
    assertThat(eni.status()).isEqualTo(NetworkInterfaceStatus.AVAILABLE);
    assertThat(eni.association().allocationId()).isEqualTo(EIP);
    assertThat(address(ec2).instanceId()).isNull();

    sim.removeInstance(PRIMARY);
    assertEc2Error(() -> ec2.describeInstances(r -> r.instanceIds(PRIMARY)), "InvalidInstanceID.NotFound", 400);
  }

  // ---- StopInstances ----

  @Test
  void stopInstancesGoesFromStoppingToStoppedAfterTheStopDuration() {
    List<InstanceStateChange> changes = ec2.stopInstances(r -> r.instanceIds(PRIMARY)).stoppingInstances();

    assertThat(changes).singleElement().satisfies(change -> {
      assertThat(change.instanceId()).isEqualTo(PRIMARY);
      assertThat(change.previousState().name()).isEqualTo(InstanceStateName.RUNNING);
      assertThat(change.previousState().code()).isEqualTo(16);
      assertThat(change.currentState().name()).isEqualTo(InstanceStateName.STOPPING);
      assertThat(change.currentState().code()).isEqualTo(64);
    });
    clock.advance(STOP.minusMillis(1));
    assertThat(stateOf(PRIMARY)).isEqualTo(InstanceStateName.STOPPING);
    clock.advance(Duration.ofMillis(1));
    assertThat(stateOf(PRIMARY)).isEqualTo(InstanceStateName.STOPPED);

    InstanceStateChange again = ec2.stopInstances(r -> r.instanceIds(PRIMARY)).stoppingInstances().get(0);
    assertThat(again.previousState().name()).isEqualTo(InstanceStateName.STOPPED);
    assertThat(again.currentState().name()).isEqualTo(InstanceStateName.STOPPED);
    assertThat(sim.stopCount(PRIMARY)).isEqualTo(2);
    assertThat(sim.stopCount(STANDBY)).isZero();
  }

  @Test
  void stopInstancesDryRunOnlyAnswersThatItWouldSucceed() {
    assertEc2Error(() -> ec2.stopInstances(r -> r.instanceIds(PRIMARY).dryRun(true)), "DryRunOperation", 412);

    assertThat(stateOf(PRIMARY)).isEqualTo(InstanceStateName.RUNNING);
    assertThat(sim.stopCount(PRIMARY)).isZero();
    assertThat(sim.mutatingCallCount()).isZero();
  }

  @Test
  void stopInstancesRefusesTerminatedAndUnknownInstancesWithoutStoppingTheOthers() {
    sim.setInstanceState(STANDBY, SimInstanceState.TERMINATED);

    assertEc2Error(() -> ec2.stopInstances(r -> r.instanceIds(PRIMARY, STANDBY)), "IncorrectInstanceState", 400);
    Ec2Exception unknown = assertEc2Error(
        () -> ec2.stopInstances(r -> r.instanceIds(PRIMARY, "i-0fffffffffffffff9")), "InvalidInstanceID.NotFound", 400);

    assertThat(unknown.awsErrorDetails().errorMessage()).contains("i-0fffffffffffffff9");
    assertThat(stateOf(PRIMARY)).isEqualTo(InstanceStateName.RUNNING);
    assertThat(sim.stopCount(PRIMARY)).isZero();
  }

  @Test
  void stoppingAnInstanceThroughEc2ClosesItsHealthEndpoint() throws Exception {
    Ec2Simulator healthy = simulator(SimulatorConfig.defaults()
        .withHealthEndpoints(true).withHealthPort(TcpProbe.HEALTH_PORT).withStopDuration(Duration.ofMillis(200)));
    Ec2Client client = client(healthy, true);
    String address = healthy.privateIpOf(PRIMARY);
    assertThat(tcpConnects(address)).isTrue();

    client.stopInstances(r -> r.instanceIds(PRIMARY));

    assertThat(tcpConnects(address)).as("stopping").isFalse();
    await().atMost(TRANSITION_BOUND).until(() -> instance(
        client.describeInstances(r -> r.instanceIds(PRIMARY)).reservations(), PRIMARY).state().name() == InstanceStateName.STOPPED);
    assertThat(tcpConnects(address)).as("stopped").isFalse();
    assertThat(tcpConnects(healthy.privateIpOf(STANDBY))).as("the other instance").isTrue();
  }

  // ---- DescribeInstanceStatus ----

  @Test
  void describeInstanceStatusReportsTheChecksOfRunningInstances() {
    sim.setImpaired(PRIMARY, true);

    List<InstanceStatus> statuses = ec2.describeInstanceStatus(r -> r.instanceIds(PRIMARY, STANDBY, PENDING))
        .instanceStatuses();

    assertThat(statuses).extracting(InstanceStatus::instanceId).containsExactly(PRIMARY, STANDBY);
    assertThat(statuses.get(0).availabilityZone()).isEqualTo(AZ);
    assertThat(statuses.get(0).instanceState().name()).isEqualTo(InstanceStateName.RUNNING);
    assertThat(checks(statuses.get(0))).containsExactly(SummaryStatus.IMPAIRED, SummaryStatus.IMPAIRED);
    assertThat(statuses.get(0).instanceStatus().details()).singleElement()
        .satisfies(detail -> assertThat(detail.statusAsString()).isEqualTo("failed"));
    assertThat(checks(statuses.get(1))).containsExactly(SummaryStatus.OK, SummaryStatus.OK);

    sim.setImpaired(PRIMARY, false);

    assertThat(checks(ec2.describeInstanceStatus(r -> r.instanceIds(PRIMARY)).instanceStatuses().get(0)))
        .containsExactly(SummaryStatus.OK, SummaryStatus.OK);
  }

  @Test
  void describeInstanceStatusOfAllInstancesReportsTheNotRunningAsNotApplicable() {
    sim.setImpaired(STANDBY, true);
    sim.setInstanceState(STANDBY, SimInstanceState.STOPPED);

    List<InstanceStatus> statuses = ec2.describeInstanceStatus(r -> r.instanceIds(STANDBY, PENDING).includeAllInstances(true))
        .instanceStatuses();

    assertThat(statuses).extracting(InstanceStatus::instanceId).containsExactly(STANDBY, PENDING);
    assertThat(statuses).extracting(s -> s.instanceState().name())
        .containsExactly(InstanceStateName.STOPPED, InstanceStateName.PENDING);
    assertThat(statuses).allSatisfy(s ->
        assertThat(checks(s)).containsExactly(SummaryStatus.NOT_APPLICABLE, SummaryStatus.NOT_APPLICABLE));
  }

  @Test
  void describeInstanceStatusPaginatesAListingOfAllInstances() {
    for (int i = 0; i < 8; i++) {
      sim.addInstance(String.format("i-0f%015x", i), AZ, VPC, SUBNET, SimInstanceState.RUNNING);
    }
    sim.resetCounters();

    List<String> listed = ec2.describeInstanceStatusPaginator(r -> r.maxResults(5).includeAllInstances(true))
        .instanceStatuses().stream().map(InstanceStatus::instanceId).toList();

    assertThat(listed).hasSize(13).doesNotHaveDuplicates().contains(PRIMARY, PENDING, String.format("i-0f%015x", 7));
    assertThat(sim.callCounts()).containsEntry("DescribeInstanceStatus", 3);
    assertThat(ec2.describeInstanceStatus(r -> r.maxResults(1000)).instanceStatuses()).hasSize(12);
  }

  @Test
  void describeInstanceStatusRefusesUnknownIdsAndPagesOfNamedInstances() {
    Ec2Exception unknown = assertEc2Error(
        () -> ec2.describeInstanceStatus(r -> r.instanceIds(PRIMARY, "i-0fffffffffffffff9")), "InvalidInstanceID.NotFound", 400);
    assertThat(unknown.awsErrorDetails().errorMessage()).contains("i-0fffffffffffffff9");
    assertEc2Error(() -> ec2.describeInstanceStatus(r -> r.instanceIds(PRIMARY).maxResults(5)),
        "InvalidParameterCombination", 400);
    assertEc2Error(() -> ec2.describeInstanceStatus(r -> r.maxResults(4)), "InvalidParameterValue", 400);
    assertEc2Error(() -> ec2.describeInstanceStatus(r -> r.nextToken("not-ours")), "InvalidPaginationToken", 400);
  }

  // ---- helpers ----

  private Ec2Simulator simulator(SimulatorConfig config) {
    Ec2Simulator simulator = Ec2Simulator.start(config);
    resources.add(simulator);
    simulator.addInstance(PRIMARY, AZ, VPC, SUBNET, SimInstanceState.RUNNING);
    simulator.addInstance(STANDBY, AZ, VPC, SUBNET, SimInstanceState.RUNNING);
    simulator.addInstance(PENDING, AZ, VPC, SUBNET, SimInstanceState.PENDING);
    simulator.addInstance(OTHER_AZ, "us-east-1b", VPC, "subnet-0bbbbbbbbbbbbbb2", SimInstanceState.RUNNING);
    simulator.addInstance(OTHER_VPC, AZ, "vpc-0bbbbbbbbbbbbbbb2", "subnet-0ccccccccccccccc3", SimInstanceState.RUNNING);
    simulator.addNetworkInterface(ENI, AZ, VPC, SUBNET, ENI_IP, ENI_SECONDARY_IP);
    simulator.addAddress(EIP, EIP_PUBLIC);
    simulator.addAddress(OTHER_EIP, OTHER_EIP_PUBLIC);
    return simulator;
  }

  private Ec2Simulator realTimeSimulator() {
    return simulator(SimulatorConfig.defaults()
        .withAttachDuration(REAL_TIME_ATTACH)
        .withDetachDuration(REAL_TIME_DETACH));
  }

  private Ec2Client client(Ec2Simulator simulator, boolean retries) {
    ClientOverrideConfiguration.Builder override =
        ClientOverrideConfiguration.builder().apiCallTimeout(Duration.ofSeconds(10));
    if (!retries) {
      override.retryStrategy(AwsRetryStrategy.doNotRetry());
    }
    Ec2Client client = Ec2Client.builder()
        .endpointOverride(simulator.endpoint())
        .region(Region.US_EAST_1)
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDSIMULATOR", "secret")))
        .overrideConfiguration(override.build())
        .build();
    resources.add(client);
    return client;
  }

  private String attach(String eniId, String instanceId) {
    return attach(eniId, instanceId, 1);
  }

  private String attach(String eniId, String instanceId, int deviceIndex) {
    return ec2.attachNetworkInterface(r -> r.networkInterfaceId(eniId).instanceId(instanceId).deviceIndex(deviceIndex))
        .attachmentId();
  }

  private static NetworkInterface describeEni(Ec2Client client) {
    return client.describeNetworkInterfaces(r -> r.networkInterfaceIds(ENI)).networkInterfaces().get(0);
  }

  private static Address address(Ec2Client client) {
    return client.describeAddresses(r -> r.allocationIds(EIP)).addresses().get(0);
  }

  private InstanceStateName stateOf(String instanceId) {
    return instance(ec2.describeInstances(r -> r.instanceIds(instanceId)).reservations(), instanceId).state().name();
  }

  private static List<SummaryStatus> checks(InstanceStatus status) {
    return List.of(status.systemStatus().status(), status.instanceStatus().status());
  }

  private static boolean tcpConnects(String address) {
    return TcpProbe.connects(address, Duration.ofSeconds(1));
  }

  private static Instance instance(List<Reservation> reservations, String instanceId) {
    Optional<Instance> found = reservations.stream()
        .flatMap(reservation -> reservation.instances().stream())
        .filter(instance -> instance.instanceId().equals(instanceId))
        .findFirst();
    assertThat(found).as("instance %s in the response", instanceId).isPresent();
    return found.get();
  }

  private static Ec2Exception assertEc2Error(ThrowingCallable call, String code, int httpStatus) {
    Ec2Exception e = catchThrowableOfType(Ec2Exception.class, call);
    assertThat(e).as("an Ec2Exception %s", code).isNotNull();
    assertThat(e.awsErrorDetails().errorCode()).isEqualTo(code);
    assertThat(e.statusCode()).isEqualTo(httpStatus);
    assertThat(e.requestId()).isNotBlank();
    return e;
  }
}
