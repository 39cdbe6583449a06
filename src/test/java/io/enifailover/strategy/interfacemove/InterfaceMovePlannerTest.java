package io.enifailover.strategy.interfacemove;

import static org.assertj.core.api.Assertions.assertThat;

import io.enifailover.plan.TransitionProgress;
import io.enifailover.plan.RefusedTarget;
import io.enifailover.model.Side;
import io.enifailover.model.Address;
import io.enifailover.model.Attachment;
import io.enifailover.model.AttachmentStatus;
import io.enifailover.model.Instance;
import io.enifailover.model.InstanceState;
import io.enifailover.model.NetworkInterface;
import io.enifailover.model.Observation;
import io.enifailover.model.PairClaim;
import io.enifailover.model.PairIntent;
import io.enifailover.model.PublicAddress;
import io.enifailover.model.Reason;
import io.enifailover.model.Step;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** One row per rule: given what the pair declares and what EC2 shows, the one next step. */
public class InterfaceMovePlannerTest {
  public static final String ENI = "eni-0123456789abcdef0";
  public static final String PRIMARY = "i-0aaaaaaaaaaaaaaaa";
  public static final String STANDBY = "i-0bbbbbbbbbbbbbbbb";
  static final String FOREIGN = "i-0ccccccccccccccc";
  static final String OTHER_ENI = "eni-0fffffffffffffff0";
  static final String ALLOC = "eipalloc-0123456789abcdef0";
  static final String IP = "10.0.1.25";
  static final String IP2 = "10.0.1.26";
  public static final String AZ = "us-east-1a";
  public static final String VPC = "vpc-0a1b2c3d4e5f60718";
  static final Duration STUCK_AFTER = Duration.ofSeconds(60);
  /** The pair under test; its interface carries its claim unless a row says otherwise. */
  public static final PairClaim SELF = new PairClaim("payments", "db", "0c9e4f52-6a1d-4d8e-9d43-2f1b8a7c5e10", "5b1e3c2a-0f4d-4e6a-9c8b-7d6e5f4a3b21");

  private final InterfaceMovePlanner planner = new InterfaceMovePlanner(STUCK_AFTER);

  /** A world that tests change one fact of. */
  record World(
      Side desired,
      boolean paused,
      Optional<String> force,
      Optional<String> claimedBy,
      Optional<PairIntent.ElasticIp> eip,
      Optional<NetworkInterface> eni,
      Map<String, Instance> instances,
      Optional<Address> address,
      TransitionProgress progress) {

    static World inSyncOnPrimary() {
      return new World(
          Side.Primary, false, Optional.empty(), Optional.empty(),
          Optional.of(new PairIntent.ElasticIp(ALLOC, Optional.empty())),
          Optional.of(anEni(Optional.of(new Attachment("eni-attach-1", PRIMARY, 1, AttachmentStatus.ATTACHED)), true)),
          Map.of(PRIMARY, anInstance(PRIMARY, AZ, VPC, InstanceState.RUNNING), STANDBY, anInstance(STANDBY, AZ, VPC, InstanceState.RUNNING)),
          Optional.empty(),
          TransitionProgress.NONE);
    }

    World wanting(Side side) {
      return new World(side, paused, force, claimedBy, eip, eni, instances, address, progress);
    }

    World asPaused() {
      return new World(desired, true, force, claimedBy, eip, eni, instances, address, progress);
    }

    World forceAllowed() {
      return forceAllowedFor("eni-attach-1");
    }

    World forceAllowedFor(String attachmentId) {
      return new World(desired, paused, Optional.of(attachmentId), claimedBy, eip, eni, instances, address, progress);
    }

    World claimed(String owner) {
      return new World(desired, paused, force, Optional.of(owner), eip, eni, instances, address, progress);
    }

    World withEip(Optional<PairIntent.ElasticIp> value) {
      return new World(desired, paused, force, claimedBy, value, eni, instances, address, progress);
    }

    World withEni(Optional<NetworkInterface> value) {
      return new World(desired, paused, force, claimedBy, eip, value, instances, address, progress);
    }

    World attachment(String instanceId, AttachmentStatus status) {
      return withEni(Optional.of(anEni(Optional.of(new Attachment("eni-attach-1", instanceId, 1, status)), eniCarriesEip())));
    }

    World detached() {
      return withEni(Optional.of(anEni(Optional.empty(), eniCarriesEip())));
    }

    World withoutEipOnEni() {
      return withEni(eni.map(e -> new NetworkInterface(e.id(), e.availabilityZone(), e.vpcId(), e.subnetId(), e.sourceDestCheck(), e.primaryPrivateIp(), e.privateIps(), e.attachment(), Map.of(), e.tags())));
    }

    /** The interface with exactly these tags (none: no pair has claimed it yet). */
    World withEniTags(Map<String, String> tags) {
      return withEni(eni.map(e -> new NetworkInterface(e.id(), e.availabilityZone(), e.vpcId(), e.subnetId(), e.sourceDestCheck(), e.primaryPrivateIp(), e.privateIps(), e.attachment(), e.publicAddressByPrivateIp(), tags)));
    }

    private boolean eniCarriesEip() {
      return eni.map(e -> !e.publicAddressByPrivateIp().isEmpty()).orElse(true);
    }

    World withInstance(String id, UnaryOperator<Instance> change) {
      Map<String, Instance> copy = new HashMap<>(instances);
      copy.computeIfPresent(id, (k, v) -> change.apply(v));
      return new World(desired, paused, force, claimedBy, eip, eni, copy, address, progress);
    }

    World withoutInstance(String id) {
      Map<String, Instance> copy = new HashMap<>(instances);
      copy.remove(id);
      return new World(desired, paused, force, claimedBy, eip, eni, copy, address, progress);
    }

    World withAddress(Optional<Address> value) {
      return new World(desired, paused, force, claimedBy, eip, eni, instances, value, progress);
    }

    World detachingFor(Duration d, boolean forceSent) {
      return new World(desired, paused, force, claimedBy, eip, eni, instances, address, new TransitionProgress(d, forceSent, true, Duration.ZERO));
    }

    World attachingFor(Duration d) {
      return new World(desired, paused, force, claimedBy, eip, eni, instances, address, TransitionProgress.attaching(d));
    }

    /** A detach the operator did not request (out of band, or before its restart). */
    World detachingOutOfBandFor(Duration d) {
      return new World(desired, paused, force, claimedBy, eip, eni, instances, address, new TransitionProgress(d, false, false, Duration.ZERO));
    }

    PairIntent intent() {
      return new PairIntent(SELF, ENI, PRIMARY, STANDBY, desired, 1, eip, paused, force, claimedBy, Optional.empty(), Optional.empty());
    }

    Observation observation() {
      return new Observation(eni, instances, address);
    }
  }

  static NetworkInterface anEni(Optional<Attachment> attachment, boolean carriesEip) {
    Map<String, PublicAddress> publicAddresses = carriesEip ? Map.of(IP, new PublicAddress("203.0.113.10", Optional.of(ALLOC))) : Map.of();
    return new NetworkInterface(ENI, AZ, VPC, "subnet-1", true, IP, List.of(IP, IP2), attachment, publicAddresses, SELF.tags());
  }

  public static Instance anInstance(String id, String az, String vpc, InstanceState state) {
    return new Instance(id, az, vpc, "10.0.0.4", state, Map.of(0, "eni-0" + id.substring(2)), "m5.large", OptionalInt.of(3), Map.of());
  }

  static Instance withInterfaceAt(Instance i, int index, String eniId) {
    Map<Integer, String> map = new HashMap<>(i.interfaceByDeviceIndex());
    map.put(index, eniId);
    return new Instance(i.id(), i.availabilityZone(), i.vpcId(), i.privateIp(), i.state(), map, i.instanceType(), i.maxInterfaces(), i.tags());
  }

  static Address address(Optional<String> eniId, Optional<String> privateIp, Optional<String> instanceId) {
    Optional<String> association = eniId.or(() -> instanceId).map(any -> "eipassoc-1");
    return new Address(ALLOC, "203.0.113.10", association, eniId, privateIp, instanceId, Map.of());
  }

  static Stream<Arguments> rules() {
    World sync = World.inSyncOnPrimary();
    World failover = sync.wanting(Side.Standby);
    return Stream.of(
        row("in sync: attached to the desired instance with the EIP", sync, hold(Reason.InSync)),
        row("in sync without a declared EIP", sync.withEip(Optional.empty()).withoutEipOnEni(), hold(Reason.InSync)),
        row("first attach: detached interface goes to the desired instance", sync.detached(), new Attach(PRIMARY, 1)),
        row("failover: attached to the other side is detached first", failover, new Detach("eni-attach-1", PRIMARY, false)),
        row("failover resumes after detach: attach to the standby", failover.detached(), new Attach(STANDBY, 1)),
        row("attaching: wait", sync.attachment(PRIMARY, AttachmentStatus.ATTACHING), hold(Reason.Attaching)),
        row("attach stuck: report it", sync.attachment(PRIMARY, AttachmentStatus.ATTACHING).attachingFor(Duration.ofSeconds(61)), hold(Reason.AttachStuck)),
        row("attaching to the side being left: wait for it, then detach", failover.attachment(PRIMARY, AttachmentStatus.ATTACHING), hold(Reason.Attaching)),
        row("detaching: wait", failover.attachment(PRIMARY, AttachmentStatus.DETACHING).detachingFor(Duration.ofSeconds(2), false), hold(Reason.Detaching)),
        row("detached by EC2 but still listed as detached: attach", sync.attachment(PRIMARY, AttachmentStatus.DETACHED), new Attach(PRIMARY, 1)),
        row("detach stuck: report, never force by default", failover.attachment(PRIMARY, AttachmentStatus.DETACHING).detachingFor(Duration.ofSeconds(61), false), hold(Reason.DetachStuck)),
        row("detach stuck and force allowed: force once", failover.forceAllowed().attachment(PRIMARY, AttachmentStatus.DETACHING).detachingFor(Duration.ofSeconds(61), false), new Detach("eni-attach-1", PRIMARY, true)),
        row("detach stuck, force allowed for another attachment: report, never force", failover.forceAllowedFor("eni-attach-0").attachment(PRIMARY, AttachmentStatus.DETACHING).detachingFor(Duration.ofSeconds(61), false), hold(Reason.DetachStuck)),
        row("detach stuck that the operator did not start: never force", failover.forceAllowed().attachment(PRIMARY, AttachmentStatus.DETACHING).detachingOutOfBandFor(Duration.ofSeconds(61)), hold(Reason.DetachStuck)),
        row("detach stuck after a forced detach: report, do not force again", failover.forceAllowed().attachment(PRIMARY, AttachmentStatus.DETACHING).detachingFor(Duration.ofSeconds(90), true), hold(Reason.DetachStuck)),
        row("attached to an instance outside the pair: refuse", sync.attachment(FOREIGN, AttachmentStatus.ATTACHED), hold(Reason.AttachedToForeignInstance)),
        row("attached to a load balancer, not an instance: refuse", sync.attachment("a resource of amazon-elb that is not an instance", AttachmentStatus.ATTACHED), hold(Reason.AttachedToForeignInstance)),
        row("detaching from an instance outside the pair: refuse", sync.attachment(FOREIGN, AttachmentStatus.DETACHING), hold(Reason.AttachedToForeignInstance)),
        row("another, older pair owns the interface: refuse", failover.claimed("payments/db-old").withEniTags(Map.of()), hold(Reason.ClaimedByAnotherPair)),
        row("interface not found: refuse", sync.withEni(Optional.empty()), hold(Reason.NetworkInterfaceNotFound)),
        row("target instance not found: refuse, interface stays", failover.withoutInstance(STANDBY), hold(Reason.InstanceNotFound)),
        row("the side being left not found: the move still proceeds", failover.withoutInstance(PRIMARY), new Detach("eni-attach-1", PRIMARY, false)),
        row("target in another AZ: refuse before detaching", failover.withInstance(STANDBY, i -> anInstance(STANDBY, "us-east-1b", VPC, InstanceState.RUNNING)), hold(Reason.AvailabilityZoneMismatch)),
        row("target in another VPC: refuse before detaching", failover.withInstance(STANDBY, i -> anInstance(STANDBY, AZ, "vpc-0other", InstanceState.RUNNING)), hold(Reason.VpcMismatch)),
        row("target terminated: refuse", failover.withInstance(STANDBY, i -> anInstance(STANDBY, AZ, VPC, InstanceState.TERMINATED)), hold(Reason.InstanceNotRunning)),
        row("target shutting down: refuse", failover.withInstance(STANDBY, i -> anInstance(STANDBY, AZ, VPC, InstanceState.SHUTTING_DOWN)), hold(Reason.InstanceNotRunning)),
        row("target pending: wait for it", failover.withInstance(STANDBY, i -> anInstance(STANDBY, AZ, VPC, InstanceState.PENDING)), hold(Reason.InstanceNotReady)),
        row("target stopped: EC2 attaches to stopped instances", failover.withInstance(STANDBY, i -> anInstance(STANDBY, AZ, VPC, InstanceState.STOPPED)), new Detach("eni-attach-1", PRIMARY, false)),
        row("device index taken on the target: refuse", failover.withInstance(STANDBY, i -> withInterfaceAt(i, 1, OTHER_ENI)), hold(Reason.DeviceIndexInUse)),
        row("attached nowhere, desired side's index taken: the other side takes it", sync.detached().withInstance(PRIMARY, i -> withInterfaceAt(i, 1, OTHER_ENI)), instead(STANDBY)),
        row("attached nowhere, desired side pending: the other side takes it meanwhile", failover.detached().withInstance(STANDBY, i -> anInstance(STANDBY, AZ, VPC, InstanceState.PENDING)), instead(PRIMARY)),
        row("attached nowhere, neither side can take it: the desired side's refusal", sync.detached().withInstance(PRIMARY, i -> withInterfaceAt(i, 1, OTHER_ENI)).withInstance(STANDBY, i -> anInstance(STANDBY, AZ, VPC, InstanceState.TERMINATED)), hold(Reason.DeviceIndexInUse)),
        row("attached nowhere, the other side not found: the desired side's refusal", sync.detached().withInstance(PRIMARY, i -> withInterfaceAt(i, 1, OTHER_ENI)).withoutInstance(STANDBY), hold(Reason.DeviceIndexInUse)),
        row("target's instance type takes no more interfaces: refuse before detaching", failover.withInstance(STANDBY, i -> withInterfaceAt(withInterfaceAt(i, 2, OTHER_ENI), 3, "eni-0eeeeeeeeeeeeeee0")), hold(Reason.InterfaceLimitReached)),
        row("target with room for one more interface: detach", failover.withInstance(STANDBY, i -> withInterfaceAt(i, 2, OTHER_ENI)), new Detach("eni-attach-1", PRIMARY, false)),
        row("target whose interface limit EC2 did not tell: not refused for it", failover.withInstance(STANDBY, i -> new Instance(i.id(), i.availabilityZone(), i.vpcId(), i.privateIp(), i.state(), Map.of(0, "eni-0a0000000", 2, "eni-0b0000000", 3, "eni-0c0000000"), "x1.weird", OptionalInt.empty(), Map.of())), new Detach("eni-attach-1", PRIMARY, false)),
        row("EIP not associated: associate", sync.withoutEipOnEni().withAddress(Optional.of(address(Optional.empty(), Optional.empty(), Optional.empty()))), new Associate(ALLOC, IP, false)),
        row("EIP on another private IP of our interface: move it", sync.withoutEipOnEni().withAddress(Optional.of(address(Optional.of(ENI), Optional.of(IP2), Optional.of(PRIMARY)))), new Associate(ALLOC, IP, true)),
        row("EIP on another interface: refuse", sync.withoutEipOnEni().withAddress(Optional.of(address(Optional.of(OTHER_ENI), Optional.of("10.0.9.9"), Optional.empty()))), hold(Reason.ElasticIpAssociatedElsewhere)),
        row("EIP on an instance directly: refuse", sync.withoutEipOnEni().withAddress(Optional.of(address(Optional.empty(), Optional.empty(), Optional.of(FOREIGN)))).withoutEipOnEni(), hold(Reason.ElasticIpAssociatedElsewhere)),
        row("EIP not found: refuse", sync.withoutEipOnEni(), hold(Reason.ElasticIpNotFound)),
        row("declared private IP not on the interface: refuse", sync.withEip(Optional.of(new PairIntent.ElasticIp(ALLOC, Optional.of("10.9.9.9")))), hold(Reason.PrivateIpNotOnInterface)),
        row("paused: never detach", failover.asPaused(), hold(Reason.Paused)),
        row("paused: never attach", sync.detached().asPaused(), hold(Reason.Paused)),
        row("paused and in sync: Ready", sync.asPaused(), hold(Reason.InSync)),
        row("paused and refused: the refusal is reported", failover.asPaused().withoutInstance(STANDBY), hold(Reason.InstanceNotFound)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rules")
  void nextStep(String rule, World world, Step expected) {
    Step step = planner.next(world.intent(), world.observation(), world.progress());

    if (expected instanceof Attach attach && attach.insteadOf().isPresent()) {
      assertThat(step).isInstanceOfSatisfying(Attach.class, a -> {
        assertThat(a.instanceId()).isEqualTo(attach.instanceId());
        assertThat(a.deviceIndex()).isEqualTo(attach.deviceIndex());
        // Why not the desired side, with its ids.
        assertThat(a.insteadOf()).hasValueSatisfying(why -> assertThat(why).containsPattern("(eni|i)-[0-9a-f]{8,17}"));
      });
    } else if (expected instanceof Step.Hold hold) {
      assertThat(step).isInstanceOf(Step.Hold.class);
      assertThat(((Step.Hold) step).reason()).isEqualTo(hold.reason());
      // Every message names the AWS ids involved, so a person can act on it.
      assertThat(((Step.Hold) step).message()).containsPattern("(eni|i|eipalloc)-[0-9a-f]{8,17}");
    } else {
      assertThat(step).isEqualTo(expected);
    }
  }

  private static Arguments row(String rule, World world, Step expected) {
    return Arguments.of(rule, world, expected);
  }

  /** An attach to the other side of the pair, because the desired side cannot take the interface. */
  private static Attach instead(String instanceId) {
    return new Attach(instanceId, 1, Optional.of("why"));
  }

  @Test
  void anAttachEc2RefusedAfterTheDetachSendsTheInterfaceToTheOtherSide() {
    World w = World.inSyncOnPrimary().wanting(Side.Standby).detached();
    RefusedTarget refused = new RefusedTarget(STANDBY, Reason.AccessDenied, "UnauthorizedOperation on " + STANDBY);

    Step step = planner.next(w.intent(), w.observation(), w.progress(), Map.of(STANDBY, refused));

    assertThat(step).isInstanceOfSatisfying(Attach.class, a -> {
      assertThat(a.instanceId()).isEqualTo(PRIMARY);
      assertThat(a.insteadOf()).hasValueSatisfying(why -> assertThat(why).contains(STANDBY, "UnauthorizedOperation"));
    });
  }

  @Test
  void aTargetEc2RefusedIsNotMovedToAgainForTheSameSpec() {
    World w = World.inSyncOnPrimary().wanting(Side.Standby);
    RefusedTarget refused = new RefusedTarget(STANDBY, Reason.AccessDenied, "UnauthorizedOperation");

    Step step = planner.next(w.intent(), w.observation(), w.progress(), Map.of(STANDBY, refused));

    assertThat(step).isInstanceOfSatisfying(Step.Hold.class, h -> {
      assertThat(h.reason()).isEqualTo(Reason.AccessDenied);
      assertThat(h.message()).contains(ENI, STANDBY, PRIMARY, "UnauthorizedOperation");
    });
    assertThat(planner.next(w.intent(), w.observation(), w.progress())).as("without the refusal: the move")
        .isInstanceOf(Detach.class);
  }

  @Test
  void aRefusalOfTheOtherSideDoesNotKeepTheInterfaceFromTheDesiredOne() {
    World w = World.inSyncOnPrimary().wanting(Side.Standby).detached();
    RefusedTarget refused = new RefusedTarget(PRIMARY, Reason.AccessDenied, "UnauthorizedOperation");

    assertThat(planner.next(w.intent(), w.observation(), w.progress(), Map.of(PRIMARY, refused)))
        .isEqualTo(new Attach(STANDBY, 1));
  }

  @Test
  void anInterfaceAttachedNowhereWhoseSidesEc2BothRefusedIsTriedOnTheDesiredSideAgain() {
    World w = World.inSyncOnPrimary().wanting(Side.Standby).detached();
    Map<String, RefusedTarget> both = Map.of(
        PRIMARY, new RefusedTarget(PRIMARY, Reason.AccessDenied, "UnauthorizedOperation"),
        STANDBY, new RefusedTarget(STANDBY, Reason.AccessDenied, "UnauthorizedOperation"));

    assertThat(planner.next(w.intent(), w.observation(), w.progress(), both)).isEqualTo(new Attach(STANDBY, 1));
  }

  private static Step.Hold hold(Reason reason) {
    return new Step.Hold(reason, "");
  }
}
