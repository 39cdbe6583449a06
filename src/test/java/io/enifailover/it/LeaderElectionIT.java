package io.enifailover.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.enifailover.api.Side;
import io.enifailover.runtime.EniFailoverOperator;
import io.enifailover.runtime.LeaderElectionSettings;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Two replicas share one Lease: one reconciles, and the other takes over when the leader goes away. */
class LeaderElectionIT {
  static final String LEASE = "eni-failover-operator";
  @RegisterExtension static final OperatorHarness h = new OperatorHarness();

  @BeforeAll
  static void withoutTheHarnessOperator() {
    h.stopOperator();
  }

  static EniFailoverOperator replica(String identity) {
    // Short timings so a takeover happens within seconds; a replica that loses the lease must not exit the test JVM.
    LeaderElectionSettings election = new LeaderElectionSettings(
        identity, LEASE, h.namespace, Duration.ofSeconds(2), Duration.ofMillis(1500), Duration.ofMillis(300), () -> {});
    return h.newOperator(h.settings().withLeaderElection(election));
  }

  static String holder() {
    Lease lease = h.client.leases().inNamespace(h.namespace).withName(LEASE).get();
    return lease == null || lease.getSpec().getHolderIdentity() == null ? "" : lease.getSpec().getHolderIdentity();
  }

  @Test
  void theStandbyReplicaTakesOverWhenTheLeaderStops() {
    EniFailoverOperator first = replica("replica-a").start();
    await().atMost(Duration.ofSeconds(10)).until(() -> holder().equals("replica-a"));
    EniFailoverOperator second = replica("replica-b").start();
    try {
      TestWorld w = TestWorld.create(h.sim);
      h.create("led", w);
      h.awaitReady("led");
      assertThat(holder()).isEqualTo("replica-a");

      first.close();

      await().atMost(Duration.ofSeconds(15)).until(() -> holder().equals("replica-b"));
      h.setActive("led", Side.Standby);
      h.awaitReady("led");
      assertThat(h.sim.attachmentOf(w.eni())).hasValueSatisfying(a -> assertThat(a.instanceId()).isEqualTo(w.standby()));
    } finally {
      second.close();
    }
  }
}
