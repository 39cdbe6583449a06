package io.enifailover.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.enifailover.model.Side;
import io.enifailover.model.PairAnnotations;
import io.enifailover.status.Conditions;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** EC2 misbehaving: throttling and 500s still converge; a hung detach is reported and not hammered. */
class Ec2FaultsIT {
  /** Reads of one stuck interface in 3 s: six resync sweeps, one slow look and one to spare (ticks would be 60). */
  static final int NOT_SPINNING = 8;

  @RegisterExtension static final OperatorHarness h = new OperatorHarness();

  @Test
  void failoverConvergesThroughThrottling() {
    TestWorld w = TestWorld.create(h.sim);
    h.create("throttled", w);
    h.awaitReady("throttled");

    // More throttles in a row than the SDK retries: the operator sees RequestLimitExceeded and backs off.
    h.sim.faults().throttleNext(8);
    h.setActive("throttled", Side.Standby);

    await().atMost(Duration.ofSeconds(30)).until(() -> h.isReady("throttled", 2));
    assertThat(h.sim.attachmentOf(w.eni())).hasValueSatisfying(a -> assertThat(a.instanceId()).isEqualTo(w.standby()));
    assertThat(h.sim.requestLog()).anyMatch(r -> "RequestLimitExceeded".equals(r.errorCode()));
  }

  @Test
  void failoverConvergesThroughServerErrors() {
    TestWorld w = TestWorld.create(h.sim);
    h.create("errors", w);
    h.awaitReady("errors");

    h.sim.faults().failNext(8);
    h.setActive("errors", Side.Standby);

    await().atMost(Duration.ofSeconds(30)).until(() -> h.isReady("errors", 2));
    assertThat(h.sim.attachmentOf(w.eni())).hasValueSatisfying(a -> assertThat(a.instanceId()).isEqualTo(w.standby()));
    assertThat(h.sim.requestLog()).anyMatch(r -> "InternalError".equals(r.errorCode()));
  }

  @Test
  void aThrottledReCheckOfAPairInSyncDoesNotFlapReady() {
    TestWorld w = TestWorld.create(h.sim);
    h.create("steady", w);
    h.awaitReady("steady");
    long throttledBefore = h.sim.requestLog().stream().filter(r -> "RequestLimitExceeded".equals(r.errorCode())).count();

    // More than the SDK's three attempts: one whole re-check fails.
    h.sim.faults().throttleNext(4);

    await().atMost(Duration.ofSeconds(10)).until(() ->
        h.sim.requestLog().stream().filter(r -> "RequestLimitExceeded".equals(r.errorCode())).count() >= throttledBefore + 3);
    await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3)).until(() -> h.isReady("steady", 1));
    assertThat(h.events("steady")).noneMatch(e -> "Throttled".equals(e.getReason()));
  }

  @Test
  void hungDetachIsReportedWithoutSpinningAndCompletesWhenForceIsAllowed() {
    TestWorld w = TestWorld.create(h.sim);
    h.create("hung", w);
    h.awaitReady("hung");
    h.sim.faults().hangDetach(w.eni());

    h.setActive("hung", Side.Standby);

    await().atMost(Duration.ofSeconds(10)).until(() -> h.condition("hung", Conditions.RECONCILING)
        .filter(c -> "True".equals(c.getStatus()) && "DetachStuck".equals(c.getReason())).isPresent());
    assertThat(h.condition("hung", Conditions.RECONCILING).orElseThrow().getMessage())
        .contains(w.eni(), w.primary(), "detaching", PairAnnotations.FORCE_DETACH);
    assertThat(h.condition("hung", Conditions.READY).orElseThrow().getStatus()).isEqualTo("False");
    assertThat(h.events("hung")).anyMatch(e -> "DetachStuck".equals(e.getReason()) && "Warning".equals(e.getType()));
    long describes = h.requests("DescribeNetworkInterfaces", w.eni());
    // Once stuck, the interface is no longer read at every 50 ms tick: only by the resync sweeps of all
    // interfaces (every 500 ms here) and a look every 5 s.
    await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(4))
        .until(() -> h.requests("DescribeNetworkInterfaces", w.eni()) - describes <= NOT_SPINNING);
    assertThat(h.sim.requestLog()).noneMatch(r -> "true".equals(r.params().get("Force")));

    String stuck = h.sim.attachmentOf(w.eni()).orElseThrow().attachmentId();
    // Consent for some other attachment (or the old "true") forces nothing.
    forceDetachConsent("hung", "true");
    await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(2))
        .until(() -> h.sim.requestLog().stream().noneMatch(r -> "true".equals(r.params().get("Force"))));
    assertThat(h.condition("hung", Conditions.RECONCILING).orElseThrow().getMessage()).contains(stuck);

    forceDetachConsent("hung", stuck);

    await().atMost(Duration.ofSeconds(15)).until(() -> h.isReady("hung", h.get("hung").getMetadata().getGeneration()));
    assertThat(h.sim.attachmentOf(w.eni())).hasValueSatisfying(a -> assertThat(a.instanceId()).isEqualTo(w.standby()));
    assertThat(h.sim.requestLog().stream().filter(r -> "true".equals(r.params().get("Force")))).hasSize(1);
    assertThat(h.get("hung").getStatus().getForcedDetachAttachmentId()).isEqualTo(stuck);
  }

  @Test
  void aHungAttachIsReportedAsAttachStuckAndWatchedEveryFewSeconds() {
    TestWorld w = TestWorld.create(h.sim);
    h.sim.faults().hangAttach(w.eni());

    h.create("attach-hung", w);

    await().atMost(Duration.ofSeconds(10)).until(() -> h.condition("attach-hung", Conditions.RECONCILING)
        .filter(c -> "True".equals(c.getStatus()) && "AttachStuck".equals(c.getReason())).isPresent());
    assertThat(h.condition("attach-hung", Conditions.RECONCILING).orElseThrow().getMessage())
        .contains(w.eni(), w.primary(), "attaching");
    assertThat(h.events("attach-hung")).anyMatch(e -> "AttachStuck".equals(e.getReason()) && "Warning".equals(e.getType()));
    long describes = h.requests("DescribeNetworkInterfaces", w.eni());
    await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(4))
        .until(() -> h.requests("DescribeNetworkInterfaces", w.eni()) - describes <= NOT_SPINNING);
    assertThat(h.requests("AttachNetworkInterface", w.eni())).as("the attach is not sent again").isEqualTo(1);
  }

  private static void forceDetachConsent(String name, String value) {
    h.edit(name, p -> {
      p.getMetadata().setAnnotations(Map.of(PairAnnotations.FORCE_DETACH, value));
      return p;
    });
  }
}
