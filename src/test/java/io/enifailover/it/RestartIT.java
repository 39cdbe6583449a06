package io.enifailover.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.enifailover.api.FailoverRecord;
import io.enifailover.model.Side;
import io.enifailover.api.Trigger;
import io.enifailover.sim.SimulatorConfig;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A failover cut short by the operator's own restart completes when it comes back. */
class RestartIT {
  @RegisterExtension static final OperatorHarness h = new OperatorHarness(SimulatorConfig.defaults().withDetachDuration(Duration.ofMillis(800)).withAttachDuration(Duration.ofMillis(300)));

  @Test
  void failoverInterruptedAfterTheDetachCompletesAfterRestart() {
    TestWorld w = TestWorld.create(h.sim);
    h.create("restart", w);
    h.awaitReady("restart");

    h.setActive("restart", Side.Standby);
    String attachment = h.get("restart").getStatus().getAttachmentId();
    await().atMost(Duration.ofSeconds(10)).until(() -> h.requests("DetachNetworkInterface", attachment) == 1
        && isInFlight(h.get("restart").getStatus().getLastFailover()));
    h.stopOperator();
    FailoverRecord inFlight = h.get("restart").getStatus().getLastFailover();
    // The operator is gone; EC2 finishes the detach and the interface is now attached to nothing.
    await().atMost(Duration.ofSeconds(5)).until(() -> h.sim.attachmentOf(w.eni()).isEmpty());

    h.startOperator();

    h.awaitReady("restart");
    assertThat(h.sim.attachmentOf(w.eni())).hasValueSatisfying(a -> {
      assertThat(a.instanceId()).isEqualTo(w.standby());
      assertThat(a.status()).isEqualTo("attached");
    });
    FailoverRecord completed = h.get("restart").getStatus().getLastFailover();
    assertThat(completed.getTrigger()).isEqualTo(Trigger.SpecChange);
    assertThat(completed.getTo()).isEqualTo(Side.Standby);
    assertThat(completed.getCompletedAt()).isNotNull();
    // The status written before the restart carried the start: the duration covers the whole failover.
    assertThat(completed.getStartedAt()).isEqualTo(inFlight.getStartedAt());
    assertThat(completed.getDurationMillis()).isGreaterThanOrEqualTo(800);
    assertThat(h.get("restart").getStatus().getFailoverCount()).isEqualTo(1);
  }

  private static boolean isInFlight(FailoverRecord record) {
    return record != null && record.getTo() == Side.Standby && record.getCompletedAt() == null;
  }
}
