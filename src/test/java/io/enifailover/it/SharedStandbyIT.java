package io.enifailover.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.enifailover.model.Side;
import io.enifailover.sim.SimInstanceState;
import io.enifailover.status.Conditions;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Two pairs share one standby at the same device index (N+1 gone wrong) and both fail over at once:
 * one moves, the other is refused before it detaches anything and keeps serving from its primary.
 */
class SharedStandbyIT {
  @RegisterExtension static final OperatorHarness h = new OperatorHarness();

  @Test
  void onlyOneOfTwoPairsAimingAtOneSlotLeavesItsPrimary() {
    TestWorld a = TestWorld.create(h.sim);
    String primaryB = a.addInstance(h.sim, TestWorld.AZ, SimInstanceState.RUNNING);
    String eniB = "eni-" + TestWorld.hex();
    h.sim.addNetworkInterface(eniB, TestWorld.AZ, a.vpc(), a.subnet(), "10.0.2.7");
    h.create("a", a);
    h.pairs.create("b", eniB, primaryB, a.standby(), a.allocation(), spec -> spec.setElasticIp(null));
    h.awaitReady("a");
    h.awaitReady("b");

    h.setActive("a", Side.Standby);
    h.setActive("b", Side.Standby);

    await("one pair on the shared standby, the other refused").atMost(Duration.ofSeconds(15)).until(() ->
        List.of("a", "b").stream().filter(p -> h.isReady(p, 2)).count() == 1
            && List.of("a", "b").stream().anyMatch(p -> h.condition(p, Conditions.STALLED)
                .filter(c -> "True".equals(c.getStatus()) && "DeviceIndexInUse".equals(c.getReason())).isPresent()));
    String moved = h.isReady("a", 2) ? a.eni() : eniB;
    String refused = moved.equals(eniB) ? a.eni() : eniB;
    String refusedPrimary = refused.equals(eniB) ? primaryB : a.primary();
    assertThat(h.sim.attachmentOf(moved)).hasValueSatisfying(x -> assertThat(x.instanceId()).isEqualTo(a.standby()));
    assertThat(h.sim.attachmentOf(refused)).as("the refused pair's interface never left its primary")
        .hasValueSatisfying(x -> assertThat(x.instanceId()).isEqualTo(refusedPrimary));
    // Several stalled re-checks later, still on its primary.
    await().during(Duration.ofMillis(1500)).atMost(Duration.ofSeconds(3)).until(() ->
        h.sim.attachmentOf(refused).filter(x -> x.instanceId().equals(refusedPrimary)).isPresent());
  }
}
