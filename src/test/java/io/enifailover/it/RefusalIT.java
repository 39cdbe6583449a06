package io.enifailover.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.enifailover.api.SecondaryIpSpec;
import io.enifailover.model.PairClaim;
import io.enifailover.model.Side;
import io.enifailover.model.Strategy;
import io.enifailover.sim.SimInstanceState;
import io.enifailover.status.Conditions;
import io.enifailover.status.Troubleshooting;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.Event;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Each unsafe or impossible move is refused: EC2 is left exactly as it was, the pair is Stalled with a
 * message naming the ids, and a Warning event says why.
 */
class RefusalIT {
  @RegisterExtension static final OperatorHarness h = new OperatorHarness();

  /** Waits until the pair is Stalled for {@code reason} with a Warning event; returns the Stalled condition. */
  private Condition stalled(String name, String reason) {
    Condition stalled = h.pairs.awaitStalled(name, reason);
    await().atMost(Duration.ofSeconds(5)).until(() -> h.events(name).stream()
        .anyMatch(e -> "Warning".equals(e.getType()) && reason.equals(e.getReason())));
    return stalled;
  }

  @Test
  void interfaceAttachedToAnInstanceOutsideThePairIsLeftAlone() {
    TestWorld w = TestWorld.create(h.sim);
    String foreign = w.addInstance(h.sim, TestWorld.AZ, SimInstanceState.RUNNING);
    h.sim.attachOutOfBand(w.eni(), foreign, 1);
    int before = h.sim.mutatingCallCount();

    h.create("foreign", w);

    Condition stalled = stalled("foreign", "AttachedToForeignInstance");
    assertThat(stalled.getMessage()).contains(w.eni(), foreign, w.primary(), w.standby());
    assertThat(stalled.getMessage()).as("kubectl describe leads to what to do").endsWith(Troubleshooting.entry("AttachedToForeignInstance"));
    assertThat(h.sim.attachmentOf(w.eni())).hasValueSatisfying(a -> assertThat(a.instanceId()).isEqualTo(foreign));
    assertThat(h.sim.mutatingCallCount()).isEqualTo(before);
    assertThat(h.sim.tagsOf(w.eni())).as("a refusal leaves someone else's interface untagged").doesNotContainKey(PairClaim.TAG);
  }

  @Test
  void theOlderOfTwoPairsNamingOneInterfaceOwnsIt() {
    TestWorld w = TestWorld.create(h.sim);
    h.create("owner", w);
    h.awaitReady("owner");
    int before = h.sim.mutatingCallCount();

    h.create("latecomer", w, spec -> spec.setActive(Side.Standby));

    Condition stalled = stalled("latecomer", "ClaimedByAnotherPair");
    assertThat(stalled.getMessage()).contains(w.eni(), h.namespace + "/owner");
    assertThat(h.isReady("owner", 1)).isTrue();
    assertThat(h.sim.attachmentOf(w.eni())).hasValueSatisfying(a -> assertThat(a.instanceId()).isEqualTo(w.primary()));
    assertThat(h.sim.mutatingCallCount()).isEqualTo(before);
  }

  @Test
  void standbyInAnotherAvailabilityZoneIsRefusedBeforeTheDetach() {
    TestWorld w = TestWorld.create(h.sim);
    String otherAz = w.addInstance(h.sim, "us-east-1b", SimInstanceState.RUNNING);
    h.sim.attachOutOfBand(w.eni(), w.primary(), 1);
    int before = h.sim.mutatingCallCount();

    h.create("az", w, spec -> {
      spec.getStandby().setInstanceId(otherAz);
      spec.setActive(Side.Standby);
    });

    Condition stalled = stalled("az", "AvailabilityZoneMismatch");
    assertThat(stalled.getMessage()).contains(w.eni(), otherAz, "us-east-1a", "us-east-1b");
    assertThat(h.sim.attachmentOf(w.eni())).hasValueSatisfying(a -> assertThat(a.instanceId()).isEqualTo(w.primary()));
    assertThat(h.sim.mutatingCallCount()).isEqualTo(before);
  }

  @Test
  void terminatedStandbyIsRefusedAndTheServiceStaysOnThePrimary() {
    TestWorld w = TestWorld.create(h.sim);
    h.sim.attachOutOfBand(w.eni(), w.primary(), 1);
    h.sim.setInstanceState(w.standby(), SimInstanceState.TERMINATED);
    int before = h.sim.mutatingCallCount();

    h.create("terminated", w, spec -> spec.setActive(Side.Standby));

    Condition stalled = stalled("terminated", "InstanceNotRunning");
    assertThat(stalled.getMessage()).contains(w.standby(), "terminated");
    assertThat(h.sim.attachmentOf(w.eni())).hasValueSatisfying(a -> assertThat(a.instanceId()).isEqualTo(w.primary()));
    assertThat(h.sim.mutatingCallCount()).isEqualTo(before);
  }

  /** The region's view still shows the standby running when the flip comes: the move is planned on a fresh read. */
  @Test
  void aStandbyTerminatedAfterThePairWasInSyncIsSeenBeforeTheDetach() {
    TestWorld w = TestWorld.create(h.sim);
    h.create("late-termination", w);
    h.awaitReady("late-termination");
    h.sim.setInstanceState(w.standby(), SimInstanceState.TERMINATED);
    h.sim.resetCounters();

    h.setActive("late-termination", Side.Standby);

    Condition stalled = stalled("late-termination", "InstanceNotRunning");
    assertThat(stalled.getMessage()).contains(w.standby(), "terminated");
    assertThat(h.sim.attachmentOf(w.eni())).hasValueSatisfying(a -> assertThat(a.instanceId()).isEqualTo(w.primary()));
    assertThat(h.sim.mutatingCallCount()).as("nothing detached").isZero();
  }

  @Test
  void anInterfaceAttachedNowhereGoesToTheOtherSideWhileTheDesiredIndexIsTaken() {
    TestWorld w = TestWorld.create(h.sim);
    String squatter = "eni-" + TestWorld.hex();
    h.sim.addNetworkInterface(squatter, TestWorld.AZ, w.vpc(), w.subnet(), "10.0.2.7");
    h.sim.attachOutOfBand(squatter, w.primary(), 1);

    h.create("index", w);

    Condition stalled = stalled("index", "DeviceIndexInUse");
    assertThat(stalled.getMessage()).contains(w.primary(), squatter, "device index 1");
    await("serving from the standby meanwhile").atMost(Duration.ofSeconds(10))
        .until(() -> h.sim.attachmentOf(w.eni()).filter(a -> a.instanceId().equals(w.standby())).isPresent());

    h.sim.detachOutOfBand(squatter);

    h.awaitReady("index");
    assertThat(h.sim.attachmentOf(w.eni())).hasValueSatisfying(a -> assertThat(a.instanceId()).isEqualTo(w.primary()));
    assertThat(h.condition("index", Conditions.STALLED)).hasValueSatisfying(c -> {
      assertThat(c.getStatus()).isEqualTo("False");
      assertThat(c.getMessage()).isEmpty();
    });
  }

  @Test
  void standbyWhoseInstanceTypeTakesNoMoreInterfacesIsRefusedBeforeTheDetach() {
    TestWorld w = TestWorld.create(h.sim);
    h.sim.setInstanceType(w.standby(), "t3.micro");
    String other = "eni-" + TestWorld.hex();
    h.sim.addNetworkInterface(other, TestWorld.AZ, w.vpc(), w.subnet(), "10.0.4.4");
    h.sim.attachOutOfBand(other, w.standby(), 2);
    h.sim.attachOutOfBand(w.eni(), w.primary(), 1);
    int before = h.sim.mutatingCallCount();

    h.create("full", w, spec -> spec.setActive(Side.Standby));

    Condition stalled = stalled("full", "InterfaceLimitReached");
    assertThat(stalled.getMessage()).contains(w.standby(), "t3.micro", "at most 2", w.eni());
    assertThat(h.sim.attachmentOf(w.eni())).hasValueSatisfying(a -> assertThat(a.instanceId()).isEqualTo(w.primary()));
    assertThat(h.sim.mutatingCallCount()).isEqualTo(before);
  }

  @Test
  void elasticIpAssociatedWithAnotherInterfaceIsNotTaken() {
    TestWorld w = TestWorld.create(h.sim);
    String holder = "eni-" + TestWorld.hex();
    h.sim.addNetworkInterface(holder, TestWorld.AZ, w.vpc(), w.subnet(), "10.0.3.9");
    h.sim.disassociateOutOfBand(w.allocation());
    h.sim.associateOutOfBand(w.allocation(), holder, "10.0.3.9");
    h.sim.attachOutOfBand(w.eni(), w.primary(), 1);
    int before = h.sim.mutatingCallCount();

    h.create("eip", w);

    Condition stalled = stalled("eip", "ElasticIpAssociatedElsewhere");
    assertThat(stalled.getMessage()).contains(w.allocation(), holder, w.eni());
    assertThat(h.sim.associationOf(w.allocation())).hasValueSatisfying(a -> assertThat(a.eniId()).isEqualTo(holder));
    assertThat(h.sim.mutatingCallCount()).isEqualTo(before);
  }

  @Test
  void interfaceThatDoesNotExistIsReported() {
    TestWorld w = TestWorld.create(h.sim);
    String missing = "eni-" + TestWorld.hex();
    int before = h.sim.mutatingCallCount();

    h.create("no-eni", w, spec -> spec.setNetworkInterfaceId(missing));

    assertThat(stalled("no-eni", "NetworkInterfaceNotFound").getMessage()).contains(missing);
    assertThat(h.sim.mutatingCallCount()).isEqualTo(before);
  }

  @Test
  void standbyThatDoesNotExistIsReportedAndTheInterfaceStays() {
    TestWorld w = TestWorld.create(h.sim);
    String missing = "i-" + TestWorld.hex();
    h.sim.attachOutOfBand(w.eni(), w.primary(), 1);
    int before = h.sim.mutatingCallCount();

    h.create("no-instance", w, spec -> {
      spec.getStandby().setInstanceId(missing);
      spec.setActive(Side.Standby);
    });

    assertThat(stalled("no-instance", "InstanceNotFound").getMessage()).contains(missing);
    assertThat(h.sim.attachmentOf(w.eni())).hasValueSatisfying(a -> assertThat(a.instanceId()).isEqualTo(w.primary()));
    assertThat(h.sim.mutatingCallCount()).isEqualTo(before);
  }

  @Test
  void pausedPairReportsWhatItWouldDoAndChangesNothingUntilResumed() {
    TestWorld w = TestWorld.create(h.sim);
    h.sim.attachOutOfBand(w.eni(), w.primary(), 1);
    int before = h.sim.mutatingCallCount();

    h.create("paused", w, spec -> {
      spec.setActive(Side.Standby);
      spec.setPaused(true);
    });

    h.awaitReason("paused", "Paused");
    assertThat(h.condition("paused", Conditions.READY).orElseThrow().getMessage()).contains("detach", w.eni(), w.primary());
    assertThat(h.condition("paused", Conditions.STALLED).orElseThrow().getStatus()).isEqualTo("False");
    // Several passes go by (resync is 500 ms in tests) and still nothing is changed.
    await().during(Duration.ofMillis(1500)).atMost(Duration.ofSeconds(3)).until(() -> h.sim.mutatingCallCount() == before);

    h.edit("paused", p -> {
      p.getSpec().setPaused(false);
      return p;
    });

    h.awaitReady("paused");
    assertThat(h.sim.attachmentOf(w.eni())).hasValueSatisfying(a -> assertThat(a.instanceId()).isEqualTo(w.standby()));
  }

  @Test
  void anAttachTheTargetWouldDenyIsRefusedBeforeTheDetach() {
    TestWorld w = TestWorld.create(h.sim);
    h.create("untagged-standby", w);
    h.awaitReady("untagged-standby");
    // A tag-restricted policy: the replacement standby lacks the tag, so attaching to it is denied.
    h.sim.faults().deny("AttachNetworkInterface", w.standby());
    int before = h.sim.mutatingCallCount();

    h.setActive("untagged-standby", Side.Standby);

    Condition stalled = stalled("untagged-standby", "AccessDenied");
    assertThat(stalled.getMessage()).contains(w.eni(), w.standby(), w.primary(), "ec2:AttachNetworkInterface");
    assertThat(h.sim.attachmentOf(w.eni())).hasValueSatisfying(a -> assertThat(a.instanceId()).isEqualTo(w.primary()));
    assertThat(h.sim.mutatingCallCount()).isEqualTo(before);
  }

  @Test
  void aMistypedRegionIsStalledAtOnceWithoutAskingEc2() {
    TestWorld w = TestWorld.create(h.sim);
    int requests = h.sim.requestLog().size();

    h.create("typo", w, spec -> spec.setRegion("us-esat-1"));

    Condition stalled = stalled("typo", "InvalidRegion");
    assertThat(stalled.getMessage()).contains("us-esat-1", "us-east-1");
    assertThat(h.sim.requestLog().size()).isEqualTo(requests);
  }

  /** The schema accepts strategies this version does not implement: it refuses such a pair, and asks EC2 nothing. */
  @Test
  void aStrategyThisVersionDoesNotImplementIsStalledWithoutAskingEc2() {
    TestWorld w = TestWorld.create(h.sim);
    int requests = h.sim.requestLog().size();

    h.create("secondary", w, spec -> {
      spec.setStrategy(Strategy.SecondaryIp);
      spec.setNetworkInterfaceId(null);
      spec.setSecondaryIp(new SecondaryIpSpec(List.of("10.0.1.50")));
    });

    Condition stalled = stalled("secondary", "InvalidSpec");
    assertThat(stalled.getMessage()).contains("strategy SecondaryIp is not supported by this version of the operator");
    // Counted by this pair's instances: the previous test's pair may still be releasing its claim meanwhile.
    assertThat(h.sim.requestLog().stream().skip(requests)
        .filter(r -> r.params().containsValue(w.primary()) || r.params().containsValue(w.standby()))).isEmpty();
  }

  @Test
  void accessDeniedNamesTheMissingPermissionAndIsNotRetriedInAHotLoop() {
    TestWorld w = TestWorld.create(h.sim);
    h.sim.faults().deny("AttachNetworkInterface");
    try {
      h.create("denied", w);

      Condition stalled = stalled("denied", "AccessDenied");
      assertThat(stalled.getMessage()).contains("ec2:AttachNetworkInterface", w.eni(), w.primary());
      long attempts = h.requests("AttachNetworkInterface", w.eni());
      // An interface attached nowhere is re-checked at the stalled interval (500 ms in tests, 15 s by
      // default), and each re-check tries the desired side, then the other: at most 2 attaches a re-check.
      await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(3))
          .until(() -> h.requests("AttachNetworkInterface", w.eni()) - attempts <= 10);
    } finally {
      h.sim.faults().clear();
    }
    h.awaitReady("denied");
  }

  @Test
  void refusalEventsAreWarnings() {
    TestWorld w = TestWorld.create(h.sim);
    h.create("warned", w, spec -> spec.setNetworkInterfaceId("eni-" + TestWorld.hex()));

    stalled("warned", "NetworkInterfaceNotFound");

    assertThat(h.events("warned")).extracting(Event::getType).containsOnly("Warning");
  }
}
