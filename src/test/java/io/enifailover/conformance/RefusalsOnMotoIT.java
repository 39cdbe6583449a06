package io.enifailover.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.enifailover.model.ActiveRole;
import io.enifailover.api.ElasticIpSpec;
import io.enifailover.api.InstanceRef;
import io.enifailover.model.Side;
import io.enifailover.plan.TenantGuard;
import software.amazon.awssdk.services.ec2.model.Tag;
import org.junit.jupiter.api.Test;

/**
 * What the operator refuses to do, through the full operator against moto: each case ends in
 * {@code Stalled=True} with the reason that names the problem, and moto's state (every interface, address
 * and instance, read back with a plain SDK client) does not change while the operator keeps looking.
 */
class RefusalsOnMotoIT extends OperatorOnMotoBase {
  /** Well-formed ids that moto never hands out (its ids are random 17-digit hex). */
  static final String MISSING_ENI = "eni-0000000000000000f";
  static final String MISSING_INSTANCE = "i-0000000000000000f";
  static final String MISSING_ALLOCATION = "eipalloc-0000000000000000f";

  /** The scenario: a tenant names another team's interface and instance, and its own standby. */
  @Test
  void anInterfaceOfAnotherTeamStallsWithNotAssignedToNamespaceAndIsNotTouched() {
    String otherTeams = w.runInstance(h.ec2, w.subnetA());
    w.attach(h.ec2, w.eni(), otherTeams, 1);
    h.ec2.deleteTags(r -> r.resources(w.eni()).tags(Tag.builder().key(TenantGuard.NAMESPACE_TAG).build()));
    MotoState before = h.moto();

    h.create("takeover", w, spec -> {
      spec.setPrimary(new InstanceRef(otherTeams));
      spec.setActive(Side.Standby);
    });
    h.awaitStalled("takeover", "NotAssignedToNamespace");

    assertThat(h.stalledMessage("takeover")).contains(w.eni(), "has no tag " + TenantGuard.NAMESPACE_TAG);
    h.assertMotoUnchangedFor(before);
    assertThat(h.moto().eni(w.eni()).attachedTo(otherTeams)).isTrue();
  }

  @Test
  void anInterfaceThatDoesNotExistStallsWithNetworkInterfaceNotFound() {
    MotoState before = h.moto();

    h.create("no-eni", w, spec -> spec.setNetworkInterfaceId(MISSING_ENI));
    h.awaitStalled("no-eni", "NetworkInterfaceNotFound");

    assertThat(h.stalledMessage("no-eni")).contains(MISSING_ENI);
    assertThat(h.status("no-eni").getActiveRole()).isEqualTo(ActiveRole.Unknown);
    h.assertMotoUnchangedFor(before);
  }

  @Test
  void aPrimaryThatDoesNotExistStallsWithInstanceNotFoundWhileTheStandbyServes() {
    h.create("no-primary", w, spec -> spec.setPrimary(new InstanceRef(MISSING_INSTANCE)));
    h.awaitStalled("no-primary", "InstanceNotFound");

    assertThat(h.stalledMessage("no-primary")).contains(MISSING_INSTANCE);
    // An interface attached nowhere goes to the side of the pair that can take it.
    await().atMost(MotoOperatorHarness.AWAIT).until(() -> h.status("no-primary").getActiveRole() == ActiveRole.Standby);
    assertThat(h.moto().eni(w.eni()).attachedTo(w.standby())).isTrue();
  }

  @Test
  void aFailoverToAStandbyThatDoesNotExistStallsWithInstanceNotFoundAndKeepsThePrimary() {
    h.create("no-standby", w, spec -> spec.setStandby(new InstanceRef(MISSING_INSTANCE)));
    h.awaitReady("no-standby");
    MotoState before = h.moto();

    h.setActive("no-standby", Side.Standby);
    h.awaitStalled("no-standby", "InstanceNotFound");

    assertThat(h.stalledMessage("no-standby")).contains(MISSING_INSTANCE);
    h.assertMotoUnchangedFor(before);
    h.assertStatusAgreesWithMoto("no-standby", w, ActiveRole.Primary, w.primary());
  }

  @Test
  void anInterfaceMovedOutOfBandToAThirdInstanceStallsWithAttachedToForeignInstance() {
    h.create("moved", w);
    h.awaitReady("moved");
    String third = w.runInstance(h.ec2, w.subnetA());
    // Someone moves the interface by hand, as in the console: detach, then attach to an instance outside the pair.
    // A running operator that reads the interface attached nowhere in between rightly puts it back on the primary,
    // and moto (unlike EC2, see MotoDifferencesIT) lets that attach take the interface from the third instance even
    // when it lands after the person's attach: the move would race the operator. So it is made as a careful person
    // makes it, with the pair paused (observe and report only) from the moment the operator has seen the pause.
    h.setPaused("moved", true);
    h.awaitObserved("moved");
    h.ec2.detachNetworkInterface(r -> r.attachmentId(h.moto().eni(w.eni()).attachmentId()));
    String foreignAttachment = w.attach(h.ec2, w.eni(), third, 1);
    MotoState before = h.moto();
    // The operator has read the interface on the third instance: no earlier read (attached nowhere) is left for the
    // resumed pair to plan a move on.
    await("pair moved reports " + foreignAttachment + " on " + third)
        .atMost(MotoOperatorHarness.AWAIT)
        .until(() -> foreignAttachment.equals(h.status("moved").getAttachmentId()));

    h.setPaused("moved", false);
    h.awaitStalled("moved", "AttachedToForeignInstance");

    assertThat(h.stalledMessage("moved")).contains(w.eni(), third, w.primary(), w.standby());
    h.assertMotoUnchangedFor(before);
    MotoState.EniState eni = h.moto().eni(w.eni());
    assertThat(eni.attachedTo(third)).isTrue();
    assertThat(eni.attachmentId()).isEqualTo(foreignAttachment);
    assertThat(h.status("moved").getActiveRole()).isEqualTo(ActiveRole.Unknown);
    assertThat(h.status("moved").getActiveInstanceId()).isEqualTo(third);
    assertThat(h.status("moved").getAttachmentId()).isEqualTo(foreignAttachment);
  }

  /** moto would attach across zones (see MotoDifferencesIT); the operator's own planner refuses first. */
  @Test
  void aFailoverToAStandbyInAnotherAvailabilityZoneStallsWithAvailabilityZoneMismatch() {
    String farStandby = w.runInstance(h.ec2, w.subnetB());
    h.assign(farStandby);
    h.create("far", w, spec -> spec.setStandby(new InstanceRef(farStandby)));
    h.awaitReady("far");
    MotoState before = h.moto();

    h.setActive("far", Side.Standby);
    h.awaitStalled("far", "AvailabilityZoneMismatch");

    assertThat(h.stalledMessage("far")).contains(w.eni(), farStandby, MotoWorld.AZ_A, MotoWorld.AZ_B);
    h.assertMotoUnchangedFor(before);
    h.assertStatusAgreesWithMoto("far", w, ActiveRole.Primary, w.primary());
  }

  /** moto would attach across VPCs too (see MotoDifferencesIT); the planner refuses first. */
  @Test
  void aFailoverToAStandbyInAnotherVpcStallsWithVpcMismatch() {
    String otherVpcStandby = w.runInstance(h.ec2, MotoWorld.subnetOfAnotherVpc(h.ec2, MotoWorld.AZ_A));
    h.assign(otherVpcStandby);
    h.create("other-vpc", w, spec -> spec.setStandby(new InstanceRef(otherVpcStandby)));
    h.awaitReady("other-vpc");
    MotoState before = h.moto();

    h.setActive("other-vpc", Side.Standby);
    h.awaitStalled("other-vpc", "VpcMismatch");

    assertThat(h.stalledMessage("other-vpc")).contains(w.eni(), otherVpcStandby, w.vpc());
    h.assertMotoUnchangedFor(before);
    h.assertStatusAgreesWithMoto("other-vpc", w, ActiveRole.Primary, w.primary());
  }

  @Test
  void aFailoverToATerminatedStandbyStallsWithInstanceNotRunning() {
    // Terminated before the pair exists, so that every read the operator takes of the standby shows it terminated.
    // Terminated after Ready, the operator's last read of it (taken for the first attach) could still be younger than
    // the decider's FRESH (150 ms) when the spec change comes: it then plans the move on the standby as running, detaches
    // from the primary, and moto (unlike EC2, see MotoDifferencesIT) attaches to the terminated instance.
    h.ec2.terminateInstances(r -> r.instanceIds(w.standby()));
    h.create("terminated", w);
    h.awaitReady("terminated");
    MotoState before = h.moto();
    assertThat(before.instances().get(w.standby()).state()).isEqualTo("terminated");

    h.setActive("terminated", Side.Standby);
    h.awaitStalled("terminated", "InstanceNotRunning");

    assertThat(h.stalledMessage("terminated")).contains(w.standby(), "terminated");
    h.assertMotoUnchangedFor(before);
    h.assertStatusAgreesWithMoto("terminated", w, ActiveRole.Primary, w.primary());
  }

  @Test
  void aFailoverToAStandbyWhoseDeviceIndexIsTakenStallsWithDeviceIndexInUse() {
    String other = w.createNetworkInterface(h.ec2, w.subnetA2());
    w.attach(h.ec2, other, w.standby(), 1);
    h.create("index", w);
    h.awaitReady("index");
    MotoState before = h.moto();

    h.setActive("index", Side.Standby);
    h.awaitStalled("index", "DeviceIndexInUse");

    assertThat(h.stalledMessage("index")).contains(w.standby(), other);
    h.assertMotoUnchangedFor(before);
    h.assertStatusAgreesWithMoto("index", w, ActiveRole.Primary, w.primary());
  }

  @Test
  void anElasticIpAssociatedWithAnotherInterfaceStallsWithElasticIpAssociatedElsewhere() {
    String other = w.createNetworkInterface(h.ec2, w.subnetA());
    h.ec2.disassociateAddress(r -> r.associationId(h.moto().address(w.allocation()).associationId()));
    h.ec2.associateAddress(r -> r.allocationId(w.allocation()).networkInterfaceId(other));
    w.attach(h.ec2, w.eni(), w.primary(), 1);
    MotoState before = h.moto();

    h.create("elsewhere", w);
    h.awaitStalled("elsewhere", "ElasticIpAssociatedElsewhere");

    assertThat(h.stalledMessage("elsewhere")).contains(w.allocation(), other, w.eni());
    h.assertMotoUnchangedFor(before);
    assertThat(h.moto().address(w.allocation()).networkInterfaceId()).isEqualTo(other);
  }

  @Test
  void anElasticIpThatDoesNotExistStallsWithElasticIpNotFound() {
    w.attach(h.ec2, w.eni(), w.primary(), 1);
    MotoState before = h.moto();

    h.create("no-eip", w, spec -> spec.setElasticIp(new ElasticIpSpec(MISSING_ALLOCATION, null)));
    h.awaitStalled("no-eip", "ElasticIpNotFound");

    assertThat(h.stalledMessage("no-eip")).contains(MISSING_ALLOCATION);
    h.assertMotoUnchangedFor(before);
  }
}
