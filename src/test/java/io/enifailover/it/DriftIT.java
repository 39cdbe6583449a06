package io.enifailover.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.enifailover.api.Trigger;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Changes made behind the operator's back (console, scripts) are put back to the declared state. */
class DriftIT {
  @RegisterExtension static final OperatorHarness h = new OperatorHarness();

  private String attachmentInstance(TestWorld w) {
    return h.sim.attachmentOf(w.eni()).filter(a -> a.status().equals("attached")).map(a -> a.instanceId()).orElse("");
  }

  @Test
  void interfaceDetachedOutOfBandIsAttachedAgain() {
    TestWorld w = TestWorld.create(h.sim);
    h.create("detached", w);
    h.awaitReady("detached");

    h.sim.detachOutOfBand(w.eni());

    await().atMost(Duration.ofSeconds(10)).until(() -> attachmentInstance(w).equals(w.primary()) && h.isReady("detached", 1)
        && h.get("detached").getStatus().getLastFailover().getTrigger() == Trigger.Drift);
    assertThat(h.get("detached").getStatus().getFailoverCount()).isEqualTo(1);
  }

  @Test
  void interfaceMovedToTheOtherSideOutOfBandIsMovedBack() {
    TestWorld w = TestWorld.create(h.sim);
    h.create("moved", w);
    h.awaitReady("moved");

    h.sim.detachOutOfBand(w.eni());
    h.sim.attachOutOfBand(w.eni(), w.standby(), 1);

    await().atMost(Duration.ofSeconds(10)).until(() -> attachmentInstance(w).equals(w.primary()) && h.isReady("moved", 1));
    assertThat(h.get("moved").getStatus().getLastFailover().getTrigger()).isEqualTo(Trigger.Drift);
    assertThat(h.sim.associationOf(w.allocation())).hasValueSatisfying(a -> assertThat(a.eniId()).isEqualTo(w.eni()));
  }

  @Test
  void elasticIpDisassociatedOutOfBandIsAssociatedAgain() {
    TestWorld w = TestWorld.create(h.sim);
    h.create("eip-drift", w);
    h.awaitReady("eip-drift");

    h.sim.disassociateOutOfBand(w.allocation());

    await().atMost(Duration.ofSeconds(10)).until(() -> h.sim.associationOf(w.allocation())
        .filter(a -> a.eniId().equals(w.eni()) && a.privateIp().equals(w.privateIp())).isPresent());
    h.awaitReady("eip-drift");
    assertThat(h.get("eip-drift").getStatus().getPublicIp()).isEqualTo(w.publicIp());
  }
}
