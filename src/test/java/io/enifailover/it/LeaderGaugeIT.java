package io.enifailover.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.enifailover.runtime.EniFailoverOperator;
import io.enifailover.runtime.LeaderElectionSettings;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** enifailover_leader, which the EniFailoverNoLeader alert watches, follows the Lease. */
class LeaderGaugeIT {
  static final String LEASE = "eni-failover-operator";
  @RegisterExtension static final OperatorHarness h = new OperatorHarness();

  @BeforeAll
  static void withoutTheHarnessOperator() {
    h.stopOperator();
  }

  @Test
  void oneWhileTheReplicaHoldsTheLeaseAndZeroOnceAnotherReplicaTookIt() {
    assertThat(leader()).as("a stopped operator does not lead").isZero();
    LeaderElectionSettings election = new LeaderElectionSettings(
        "replica-a", LEASE, h.namespace, Duration.ofSeconds(2), Duration.ofMillis(1500), Duration.ofMillis(300), () -> {});
    EniFailoverOperator replica = h.newOperator(h.settings().withLeaderElection(election)).start();
    try {
      await().atMost(Duration.ofSeconds(10)).until(() -> leader() == 1);
      assertThat(holder()).isEqualTo("replica-a");

      // Another replica takes the Lease (as after a partition of this one); retried until it lands between renewals.
      await().atMost(Duration.ofSeconds(5)).ignoreExceptions().until(() -> {
        h.client.leases().inNamespace(h.namespace).withName(LEASE).edit(lease -> {
          lease.getSpec().setHolderIdentity("replica-elsewhere");
          lease.getSpec().setRenewTime(ZonedDateTime.now(ZoneOffset.UTC));
          lease.getSpec().setLeaseDurationSeconds(60);
          return lease;
        });
        return true;
      });

      await().atMost(Duration.ofSeconds(10)).until(() -> leader() == 0);
      assertThat(holder()).isEqualTo("replica-elsewhere");
    } finally {
      replica.close();
    }
  }

  static double leader() {
    return h.stack.metrics.scrape().lines()
        .filter(l -> l.startsWith("enifailover_leader "))
        .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
        .findFirst()
        .orElseThrow();
  }

  static String holder() {
    Lease lease = h.client.leases().inNamespace(h.namespace).withName(LEASE).get();
    return lease == null || lease.getSpec().getHolderIdentity() == null ? "" : lease.getSpec().getHolderIdentity();
  }
}
