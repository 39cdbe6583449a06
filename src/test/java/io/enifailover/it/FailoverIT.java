package io.enifailover.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.enifailover.model.ActiveRole;
import io.enifailover.api.EniFailoverPair;
import io.enifailover.api.FailoverRecord;
import io.enifailover.model.Side;
import io.enifailover.api.Trigger;
import io.enifailover.sim.SimAttachment;
import io.enifailover.status.Conditions;
import io.fabric8.kubernetes.api.model.Event;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The path a user takes: create a pair, see it attach, flip spec.active back and forth. */
class FailoverIT {
  @RegisterExtension static final OperatorHarness h = new OperatorHarness();

  @Test
  void firstAttachPutsTheInterfaceOnThePrimaryWithItsElasticIp() {
    TestWorld w = TestWorld.create(h.sim);
    h.create("first", w);

    h.awaitReady("first");

    assertThat(h.sim.attachmentOf(w.eni())).hasValueSatisfying(a -> {
      assertThat(a.instanceId()).isEqualTo(w.primary());
      assertThat(a.deviceIndex()).isEqualTo(1);
      assertThat(a.status()).isEqualTo("attached");
    });
    EniFailoverPair pair = h.get("first");
    assertThat(pair.getStatus().getActiveRole()).isEqualTo(ActiveRole.Primary);
    assertThat(pair.getStatus().getActiveInstanceId()).isEqualTo(w.primary());
    assertThat(pair.getStatus().getAttachmentId()).isEqualTo(h.sim.attachmentOf(w.eni()).map(SimAttachment::attachmentId).orElseThrow());
    assertThat(pair.getStatus().getPublicIp()).isEqualTo(w.publicIp());
    assertThat(pair.getStatus().getLastFailover().getTrigger()).isEqualTo(Trigger.Initial);
    assertThat(pair.getStatus().getFailoverCount()).isZero();
    assertThat(pair.getStatus().condition(Conditions.RECONCILING)).hasValueSatisfying(c -> assertThat(c.getStatus()).isEqualTo("False"));
    assertThat(pair.getStatus().condition(Conditions.STALLED)).hasValueSatisfying(c -> assertThat(c.getStatus()).isEqualTo("False"));
  }

  @Test
  void failoverToStandbyAndBackMovesTheInterfaceAndKeepsTheElasticIp() {
    TestWorld w = TestWorld.create(h.sim);
    h.create("flip", w);
    h.awaitReady("flip");

    h.setActive("flip", Side.Standby);
    h.awaitReady("flip");

    assertThat(h.sim.attachmentOf(w.eni())).hasValueSatisfying(a -> assertThat(a.instanceId()).isEqualTo(w.standby()));
    assertThat(h.sim.associationOf(w.allocation())).hasValueSatisfying(a -> {
      assertThat(a.eniId()).isEqualTo(w.eni());
      assertThat(a.privateIp()).isEqualTo(w.privateIp());
    });
    EniFailoverPair afterFailover = h.get("flip");
    assertThat(afterFailover.getStatus().getActiveRole()).isEqualTo(ActiveRole.Standby);
    assertThat(afterFailover.getStatus().getPublicIp()).isEqualTo(w.publicIp());
    assertThat(afterFailover.getStatus().getFailoverCount()).isEqualTo(1);
    FailoverRecord failover = afterFailover.getStatus().getLastFailover();
    assertThat(failover.getFrom()).isEqualTo(ActiveRole.Primary);
    assertThat(failover.getTo()).isEqualTo(Side.Standby);
    assertThat(failover.getTrigger()).isEqualTo(Trigger.SpecChange);
    assertThat(failover.getCompletedAt()).isNotNull();
    // The simulator takes 300 ms to detach and 200 ms to attach: the phases cannot be shorter.
    assertThat(failover.getPhases().getDetachMillis()).isGreaterThanOrEqualTo(300);
    assertThat(failover.getPhases().getAttachMillis()).isGreaterThanOrEqualTo(200);
    assertThat(failover.getDurationMillis())
        .isGreaterThanOrEqualTo(failover.getPhases().getDetachMillis() + failover.getPhases().getAttachMillis());
    // The EIP followed the interface: no association call was needed.
    assertThat(failover.getPhases().getAssociateMillis()).isZero();

    h.setActive("flip", Side.Primary);
    h.awaitReady("flip");

    assertThat(h.sim.attachmentOf(w.eni())).hasValueSatisfying(a -> assertThat(a.instanceId()).isEqualTo(w.primary()));
    EniFailoverPair afterFailback = h.get("flip");
    assertThat(afterFailback.getStatus().getActiveRole()).isEqualTo(ActiveRole.Primary);
    assertThat(afterFailback.getStatus().getFailoverCount()).isEqualTo(2);
    assertThat(afterFailback.getStatus().getLastFailover().getFrom()).isEqualTo(ActiveRole.Standby);
    assertThat(h.events("flip")).extracting(Event::getReason).contains("Detaching", "Attaching", "FailoverCompleted");
  }

  @Test
  void anElasticIpThatIsNotAssociatedYetIsAssociatedAfterTheAttach() {
    TestWorld w = TestWorld.create(h.sim);
    h.sim.disassociateOutOfBand(w.allocation());
    h.create("associate", w);

    h.awaitReady("associate");

    assertThat(h.sim.associationOf(w.allocation())).hasValueSatisfying(a -> assertThat(a.eniId()).isEqualTo(w.eni()));
    assertThat(h.get("associate").getStatus().getPublicIp()).isEqualTo(w.publicIp());
    assertThat(h.events("associate")).extracting(Event::getReason).contains("Associating");
  }
}
