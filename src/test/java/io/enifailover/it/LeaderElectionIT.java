package io.enifailover.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.enifailover.model.Side;
import io.enifailover.runtime.EniFailoverOperator;
import io.enifailover.runtime.LeaderElectionSettings;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
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

  /** Each test starts with no Lease, as a fresh install does. */
  @BeforeEach
  void noLease() {
    h.client.leases().inNamespace(h.namespace).withName(LEASE).delete();
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

  @Test
  void aLeaderWhoseLeaseIsTakenChangesNothingInEc2() {
    EniFailoverOperator leader = replica("replica-a").start();
    try {
      await().atMost(Duration.ofSeconds(10)).until(() -> holder().equals("replica-a"));
      TestWorld w = TestWorld.create(h.sim);
      h.create("fenced", w);
      h.awaitReady("fenced");

      // Another replica takes the lease over (as one would after a network partition of the leader).
      // (The leader renews every 300 ms: retry the edit until it lands between two renewals.)
      await().atMost(Duration.ofSeconds(5)).ignoreExceptions().until(() -> {
        h.client.leases().inNamespace(h.namespace).withName(LEASE).edit(lease -> {
          lease.getSpec().setHolderIdentity("replica-elsewhere");
          lease.getSpec().setRenewTime(ZonedDateTime.now(ZoneOffset.UTC));
          lease.getSpec().setLeaseDurationSeconds(60);
          return lease;
        });
        return true;
      });
      int before = h.sim.mutatingCallCount();
      h.setActive("fenced", Side.Standby);

      await("the old leader refuses to act").atMost(Duration.ofSeconds(10))
          .until(() -> h.condition("fenced", "Reconciling").filter(c -> "NotLeading".equals(c.getReason())).isPresent()
              || h.sim.mutatingCallCount() != before);
      assertThat(h.condition("fenced", "Reconciling").orElseThrow().getMessage()).contains("replica-a", "replica-elsewhere");
      await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(3)).until(() -> h.sim.mutatingCallCount() == before);
      assertThat(h.sim.attachmentOf(w.eni())).hasValueSatisfying(a -> assertThat(a.instanceId()).isEqualTo(w.primary()));
    } finally {
      leader.close();
    }
  }
}
