package io.enifailover.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.enifailover.model.ActiveRole;
import io.enifailover.api.EniFailoverPairStatus;
import io.enifailover.model.Side;
import io.enifailover.api.Trigger;
import io.enifailover.model.PairClaim;
import io.enifailover.plan.TenantGuard;
import io.enifailover.status.Conditions;
import java.util.Map;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.ec2.model.Tag;
import org.junit.jupiter.api.Test;

/**
 * The path a user takes, through the full operator against moto: first attach to the primary, failover to
 * the standby, failback; the Elastic IP stays on the interface's private IP after each move and the status
 * says what moto shows.
 */
class FailoverOnMotoIT extends OperatorOnMotoBase {

  @Test
  void firstAttachPutsTheInterfaceOnThePrimaryWithItsElasticIp() {
    assertThat(h.moto().eni(w.eni()).attachmentId()).as("the interface starts detached").isNull();

    h.create("first", w);
    h.awaitReady("first");

    h.assertStatusAgreesWithMoto("first", w, ActiveRole.Primary, w.primary());
    EniFailoverPairStatus status = h.status("first");
    assertThat(status.getLastFailover().getTrigger()).isEqualTo(Trigger.Initial);
    assertThat(status.getFailoverCount()).isZero();
    assertThat(status.condition(Conditions.READY)).hasValueSatisfying(c -> assertThat(c.getReason()).isEqualTo("InSync"));
    assertThat(status.condition(Conditions.STALLED)).hasValueSatisfying(c -> assertThat(c.getStatus()).isEqualTo("False"));
    assertThat(status.condition(Conditions.RECONCILING)).hasValueSatisfying(c -> assertThat(c.getStatus()).isEqualTo("False"));
  }

  @Test
  void thePairsClaimIsRecordedInTheInterfacesTagsAndADeletedPairReleasesIt() {
    var pair = h.create("claim", w);
    h.awaitReady("claim");

    assertThat(PairClaim.in(tagsOf(w.eni()))).hasValueSatisfying(claim -> {
      assertThat(claim.uid()).isEqualTo(pair.getMetadata().getUid());
      assertThat(claim.pair()).isEqualTo(h.namespace + "/claim");
    });
    assertThat(tagsOf(w.eni())).containsEntry(TenantGuard.NAMESPACE_TAG, h.namespace);

    h.client.resource(pair).delete();

    await("the claim is released").atMost(MotoOperatorHarness.AWAIT).until(() -> !tagsOf(w.eni()).containsKey(PairClaim.TAG));
    assertThat(tagsOf(w.eni())).as("the platform team's assignment stays").containsEntry(TenantGuard.NAMESPACE_TAG, h.namespace);
  }

  private Map<String, String> tagsOf(String eni) {
    return h.ec2.describeNetworkInterfaces(r -> r.networkInterfaceIds(eni)).networkInterfaces().get(0).tagSet().stream()
        .collect(Collectors.toMap(Tag::key, Tag::value));
  }

  @Test
  void failoverToTheStandbyAndFailbackMoveTheInterfaceAndKeepTheElasticIpOnItsPrivateIp() {
    h.create("flip", w);
    h.awaitReady("flip");
    h.assertStatusAgreesWithMoto("flip", w, ActiveRole.Primary, w.primary());
    String firstAttachment = h.moto().eni(w.eni()).attachmentId();

    h.setActive("flip", Side.Standby);
    h.awaitReady("flip");

    h.assertStatusAgreesWithMoto("flip", w, ActiveRole.Standby, w.standby());
    MotoState afterFailover = h.moto();
    assertThat(afterFailover.eni(w.eni()).attachmentId()).isNotEqualTo(firstAttachment);
    assertThat(afterFailover.instances().get(w.primary()).interfaceByDeviceIndex()).doesNotContainValue(w.eni());
    EniFailoverPairStatus failedOver = h.status("flip");
    assertThat(failedOver.getFailoverCount()).isEqualTo(1);
    assertThat(failedOver.getLastFailover().getFrom()).isEqualTo(ActiveRole.Primary);
    assertThat(failedOver.getLastFailover().getTo()).isEqualTo(Side.Standby);
    assertThat(failedOver.getLastFailover().getTrigger()).isEqualTo(Trigger.SpecChange);
    assertThat(failedOver.getLastFailover().getCompletedAt()).isNotNull();
    // The address followed the interface: the operator never had to associate it again.
    assertThat(failedOver.getLastFailover().getPhases().getAssociateMillis()).isZero();

    h.setActive("flip", Side.Primary);
    h.awaitReady("flip");

    h.assertStatusAgreesWithMoto("flip", w, ActiveRole.Primary, w.primary());
    assertThat(h.moto().instances().get(w.standby()).interfaceByDeviceIndex()).doesNotContainValue(w.eni());
    EniFailoverPairStatus failedBack = h.status("flip");
    assertThat(failedBack.getFailoverCount()).isEqualTo(2);
    assertThat(failedBack.getLastFailover().getFrom()).isEqualTo(ActiveRole.Standby);
    assertThat(failedBack.getLastFailover().getTo()).isEqualTo(Side.Primary);
    assertThat(h.eventReasons("flip")).contains("Detaching", "Attaching", "FailoverCompleted");
  }

  @Test
  void anElasticIpThatIsNotAssociatedIsAssociatedWithTheInterfacesPrivateIp() {
    String association = h.moto().address(w.allocation()).associationId();
    h.ec2.disassociateAddress(r -> r.associationId(association));
    assertThat(h.moto().address(w.allocation()).networkInterfaceId()).isNull();

    h.create("associate", w);
    h.awaitReady("associate");

    h.assertStatusAgreesWithMoto("associate", w, ActiveRole.Primary, w.primary());
    assertThat(h.moto().address(w.allocation()).associationId()).isNotEqualTo(association);
    assertThat(h.eventReasons("associate")).contains("Attaching", "Associating");
  }
}
