package io.enifailover.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.enifailover.model.Side;
import io.enifailover.api.Trigger;
import io.enifailover.runtime.EniFailoverOperator;
import io.enifailover.runtime.LeaderElectionSettings;
import io.enifailover.sim.SimHealth;
import io.enifailover.testing.FastEc2;
import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Only the leader probes and decides; a leader that goes away mid-failover leaves the move to the next one. */
class AutomaticFailoverLeaderIT {
  static final String LEASE = "eni-failover-operator";
  /** A detach slow enough that the leader can be stopped in the middle of it. */
  @RegisterExtension
  static final OperatorHarness h = new OperatorHarness(FastEc2.withHealthEndpoints().withDetachDuration(Duration.ofSeconds(4)));

  @BeforeAll
  static void withoutTheHarnessOperator() {
    h.stopOperator();
  }

  static EniFailoverOperator replica(String identity) {
    LeaderElectionSettings election = new LeaderElectionSettings(
        identity, LEASE, h.namespace, Duration.ofSeconds(2), Duration.ofMillis(1500), Duration.ofMillis(300), () -> {});
    return h.newOperator(h.settings().withLeaderElection(election));
  }

  @Test
  void aLeaderStoppedMidFailoverLeavesTheMoveToTheNextLeader() {
    EniFailoverOperator first = replica("replica-a").start();
    EniFailoverOperator second = null;
    try {
      TestWorld w = TestWorld.create(h.sim);
      h.sim.attachOutOfBand(w.eni(), w.primary(), 1);
      h.create("handover", w, AutomaticFailoverIT.automatic(f -> {}));
      h.awaitReady("handover");
      await().atMost(Duration.ofSeconds(20)).until(() -> "Healthy".equals(standbyState()));
      second = replica("replica-b").start();
      h.sim.resetCounters();

      h.sim.setHealth(w.primary(), SimHealth.REFUSING);
      await().atMost(Duration.ofSeconds(20)).until(() -> h.sim.attachmentOf(w.eni()).filter(a -> a.status().equals("detaching")).isPresent());
      // The status that records the choice is written at the end of the pass that sent the detach.
      await().atMost(Duration.ofSeconds(5)).until(() -> h.get("handover").getStatus().getAutomatic().getTarget() == Side.Standby);
      first.close();

      // The next leader starts its health counts from zero: it has no verdict of its own yet, and follows the
      // side its predecessor chose (status.automatic) rather than moving the interface back.
      await().atMost(Duration.ofSeconds(20)).until(() -> h.sim.attachmentOf(w.eni())
          .filter(a -> a.status().equals("attached") && a.instanceId().equals(w.standby())).isPresent() && h.isReady("handover", 1));
      assertThat(h.sim.requestLog().stream().filter(r -> r.action().equals("DetachNetworkInterface")).count()).isEqualTo(1);
      assertThat(h.sim.requestLog().stream().filter(r -> r.action().equals("AttachNetworkInterface") && !r.dryRun()).count()).isEqualTo(1);
      assertThat(h.get("handover").getStatus().getLastFailover().getTrigger()).isEqualTo(Trigger.HealthCheck);
      assertThat(h.get("handover").getStatus().getAutomatic().getTarget()).isEqualTo(Side.Standby);
    } finally {
      first.close();
      if (second != null) {
        second.close();
      }
    }
  }

  private static String standbyState() {
    var status = h.get("handover").getStatus();
    return status == null || status.getHealth() == null ? "" : status.getHealth().getStandby().getState();
  }
}
