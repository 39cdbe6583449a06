package io.enifailover.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.enifailover.model.Side;
import io.enifailover.model.PairClaim;
import io.enifailover.region.Ec2Budget;
import io.enifailover.runtime.EniFailoverOperator;
import io.enifailover.testing.FastEc2;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The operator's EC2 cost does not grow with the number of pairs, and a mass failover stays within the
 * region's budget: on the simulator with EC2's own request buckets.
 */
class Ec2BudgetIT {
  @RegisterExtension static final OperatorHarness h = new OperatorHarness(FastEc2.config().withEc2Buckets(true));

  @Test
  void pairsInSyncCostOneDescribePerHundredInterfacesPerResync() {
    int pairs = 101;
    h.stopOperator();
    try (EniFailoverOperator operator = h.newOperator(h.settings().withEc2Budget(new Ec2Budget(1.0, 20))).start()) {
      List<TestWorld> worlds = new ArrayList<>();
      for (int i = 0; i < pairs; i++) {
        TestWorld w = TestWorld.create(h.sim);
        h.sim.attachOutOfBand(w.eni(), w.primary(), 1);
        h.create("idle-" + i, w);
        worlds.add(w);
      }
      await().atMost(Duration.ofSeconds(60)).until(() -> allReady(pairs, "idle-", 1));
      // Claims come after everything else in the budget; wait for the last of them.
      await().atMost(Duration.ofSeconds(60)).until(() -> worlds.stream().allMatch(w -> h.sim.tagsOf(w.eni()).containsKey(PairClaim.TAG)));
      // Past the 2 s settle of the last claims, after which each pair reads its claim back once.
      await().pollDelay(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(4)).until(() -> true);
      assertReadsPerResync(pairs);
    } finally {
      h.startOperator();
    }
  }

  private static void assertReadsPerResync(int pairs) {
    h.sim.resetCounters();
    Duration window = Duration.ofSeconds(3);
    await().pollDelay(window).atMost(window.plusSeconds(1)).until(() -> true);

    Map<String, Integer> calls = h.sim.callCounts();
    long resyncs = window.toMillis() / h.settings().pacing().resync().toMillis();
    int pages = (pairs + 99) / 100;
    assertThat(calls.keySet()).as("only the interfaces are read while all is in sync").containsOnly("DescribeNetworkInterfaces");
    assertThat(calls.get("DescribeNetworkInterfaces")).as("one sweep of %d pages per resync", pages)
        .isBetween((int) (resyncs - 1) * pages, (int) (resyncs + 1) * pages);
    assertThat(h.sim.requestLog()).allMatch(r -> r.params().containsKey("MaxResults") && r.params().containsKey("Filter.1.Name"),
        "filtered and paginated: EC2's larger bucket");
  }

  @Test
  void aMassFailoverKeepsMovesInFlightUnderTheCapAndIsBarelyThrottled() {
    int pairs = 40;
    int cap = 5;
    h.stopOperator();
    try (EniFailoverOperator operator = h.newOperator(h.settings().withEc2Budget(new Ec2Budget(1.0, cap))).start()) {
      for (int i = 0; i < pairs; i++) {
        TestWorld w = TestWorld.create(h.sim);
        h.sim.attachOutOfBand(w.eni(), w.primary(), 1);
        h.create("mass-" + i, w);
      }
      await().atMost(Duration.ofSeconds(60)).until(() -> allReady(pairs, "mass-", 1));
      await().atMost(Duration.ofSeconds(10)).until(() -> h.sim.requestLog().stream().noneMatch(r -> r.at().isAfter(Instant.now().minusSeconds(1))
          && !r.action().startsWith("Describe")));
      h.sim.resetCounters();
      Instant flipped = Instant.now();

      for (int i = 0; i < pairs; i++) {
        h.setActive("mass-" + i, Side.Standby);
      }

      await().atMost(Duration.ofSeconds(90)).until(() -> allReady(pairs, "mass-", 2));
      assertThat(h.sim.mostDetachedAtOnce(flipped)).as("interfaces detached and not yet attached again, at most").isLessThanOrEqualTo(cap);
      int requests = h.sim.requestLog().size();
      int throttled = h.sim.throttledCounts().values().stream().mapToInt(Integer::intValue).sum();
      assertThat(throttled).as("throttled of %d requests", requests).isLessThanOrEqualTo(requests / 20);
      assertThat(h.sim.requestLog().stream().filter(r -> r.action().equals("DetachNetworkInterface")).count()).isEqualTo(pairs);
    } finally {
      h.startOperator();
    }
  }

  @Test
  void aMutationThatEc2ThrottlesIsSentOnceAndThePairComesBackOnALaterPass() {
    h.readyOnPrimary("throttled-detach", spec -> {});
    h.sim.faults().throttleNext("DetachNetworkInterface", 2);

    h.setActive("throttled-detach", Side.Standby);

    await().atMost(Duration.ofSeconds(30)).until(() -> h.isReady("throttled-detach", 2));
    List<String> moves = h.sim.requestLog().stream()
        .filter(r -> r.action().endsWith("NetworkInterface") && !r.action().startsWith("Describe"))
        .map(r -> r.action() + (r.dryRun() ? " (dry run)" : "") + (r.errorCode() == null ? "" : " " + r.errorCode()))
        .toList();
    // No SDK retry on the reconcile thread: each detach comes from a pass of its own, after its own dry run.
    assertThat(moves).containsExactly(
        "AttachNetworkInterface (dry run) DryRunOperation", "DetachNetworkInterface RequestLimitExceeded",
        "AttachNetworkInterface (dry run) DryRunOperation", "DetachNetworkInterface RequestLimitExceeded",
        "AttachNetworkInterface (dry run) DryRunOperation", "DetachNetworkInterface",
        "AttachNetworkInterface");
  }

  private static boolean allReady(int pairs, String prefix, long generation) {
    for (int i = 0; i < pairs; i++) {
      if (!h.isReady(prefix + i, generation)) {
        return false;
      }
    }
    return true;
  }
}
