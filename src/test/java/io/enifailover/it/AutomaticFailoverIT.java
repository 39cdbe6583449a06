package io.enifailover.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.enifailover.api.EniFailoverPair;
import io.enifailover.api.EniFailoverPairSpec;
import io.enifailover.api.FailbackMode;
import io.enifailover.api.FailoverMode;
import io.enifailover.api.FailoverSpec;
import io.enifailover.api.FencingMode;
import io.enifailover.api.HealthCheckSpec;
import io.enifailover.api.HttpProbeSpec;
import io.enifailover.model.Side;
import io.enifailover.api.TcpProbeSpec;
import io.enifailover.api.Trigger;
import io.enifailover.model.PairAnnotations;
import io.enifailover.runtime.EniFailoverOperator;
import io.enifailover.sim.SimInstanceState;
import io.enifailover.sim.SimAttachment;
import io.enifailover.sim.SimHealth;
import io.enifailover.sim.SimRequest;
import io.enifailover.testing.FastEc2;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Automatic failover through the real probes over real sockets: each simulated instance serves its health
 * endpoint on its own loopback address, and the operator's leader probes them and reads EC2's view of them.
 */
class AutomaticFailoverIT {
  @RegisterExtension static final OperatorHarness h = new OperatorHarness(FastEc2.withHealthEndpoints());
  static final Duration WAIT = Duration.ofSeconds(20);

  /** Automatic mode with an HTTP probe every second, 3 failures / 2 successes, no cooldown unless changed. */
  static Consumer<EniFailoverPairSpec> automatic(Consumer<FailoverSpec> customize) {
    return spec -> {
      HealthCheckSpec check = new HealthCheckSpec();
      check.setHttp(new HttpProbeSpec(FastEc2.HEALTH_PORT, "/healthz"));
      FailoverSpec failover = new FailoverSpec();
      failover.setMode(FailoverMode.Automatic);
      failover.setHealthCheck(check);
      failover.setCooldownSeconds(0);
      customize.accept(failover);
      spec.setFailover(failover);
    };
  }

  TestWorld healthyPair(String name, Consumer<FailoverSpec> customize) {
    TestWorld w = h.readyOnPrimary(name, automatic(customize));
    await().atMost(WAIT).until(() -> healthState(name, Side.Primary).equals("Healthy") && healthState(name, Side.Standby).equals("Healthy"));
    h.sim.resetCounters();
    return w;
  }

  @Test
  void whenThePrimaryStopsAnsweringTheStandbyTakesTheInterfaceAndSpecIsLeftAlone() {
    TestWorld w = healthyPair("dies", f -> {});

    h.sim.setHealth(w.primary(), SimHealth.REFUSING);

    await().atMost(WAIT).until(() -> attachedTo(w).equals(Optional.of(w.standby())) && h.isReady("dies", 1));
    EniFailoverPair pair = h.get("dies");
    assertThat(pair.getSpec().getActive()).as("the operator never writes spec").isEqualTo(Side.Primary);
    assertThat(pair.getMetadata().getGeneration()).isEqualTo(1);
    assertThat(pair.getStatus().getAutomatic().getTarget()).isEqualTo(Side.Standby);
    assertThat(pair.getStatus().getAutomatic().getState()).isEqualTo("FailedOver");
    assertThat(pair.getStatus().getHealth().getPrimary().getState()).isEqualTo("Unhealthy");
    assertThat(pair.getStatus().getHealth().getPrimary().getLastProbe()).isEqualTo("connection refused");
    assertThat(pair.getStatus().getLastFailover().getTrigger()).isEqualTo(Trigger.HealthCheck);
    assertThat(pair.getStatus().getLastFailover().getPhases().getDetectionMillis()).as("three failed probes a second apart").isBetween(1500L, 5000L);
    assertThat(h.condition("dies", "Degraded")).hasValueSatisfying(c -> {
      assertThat(c.getStatus()).isEqualTo("True");
      assertThat(c.getReason()).isEqualTo("FailedOver");
      assertThat(c.getMessage()).contains("kept on Standby (" + w.standby() + ")", "Primary is unhealthy (connection refused)");
    });
    await().atMost(WAIT).until(() -> reasons("dies").containsAll(List.of("PrimaryUnhealthy", "FailedOver", "FailoverCompleted")));
    assertThat(h.sim.requestLog().stream().filter(r -> r.action().equals("DetachNetworkInterface")).count()).isEqualTo(1);
  }

  @Test
  void aPersonsSwitchoverInAutomaticModeIsCarriedOutAndKept() {
    TestWorld w = healthyPair("switch", f -> {});

    h.setActive("switch", Side.Standby);

    await().atMost(WAIT).until(() -> attachedTo(w).equals(Optional.of(w.standby())) && h.isReady("switch", 2));
    await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(3)).until(() -> attachedTo(w).equals(Optional.of(w.standby())));
    assertThat(h.sim.requestLog().stream().filter(r -> r.action().equals("DetachNetworkInterface")).count()).isEqualTo(1);
    assertThat(h.sim.stopCount(w.primary())).isZero();
    assertThat(h.get("switch").getStatus().getAutomatic().getTarget()).isEqualTo(Side.Standby);
    assertThat(h.condition("switch", "Degraded")).hasValueSatisfying(c -> assertThat(c.getStatus()).isEqualTo("False"));
  }

  @Test
  void whenBothSidesLookUnhealthyNothingMoves() {
    TestWorld w = healthyPair("both", f -> {});
    h.sim.setHealth(w.standby(), SimHealth.FAILING);
    await().atMost(WAIT).until(() -> healthState("both", Side.Standby).equals("Unhealthy"));

    h.sim.setHealth(w.primary(), SimHealth.HANGING);

    await().atMost(WAIT).until(() -> "NoHealthySide".equals(h.get("both").getStatus().getAutomatic().getState()));
    assertThat(h.get("both").getStatus().getAutomatic().getReason())
        .contains("Primary is unhealthy (timed out after 1s)", "Standby is unhealthy (HTTP 503)");
    assertThat(attachedTo(w)).hasValue(w.primary());
    assertThat(mutations()).isEmpty();
    await().atMost(WAIT).until(() -> reasons("both").contains("NoHealthySide"));
  }

  @Test
  void whenBothSidesStopAnsweringAtOnceNothingMovesAndNothingIsStopped() {
    // As when the operator's own network fails: one side reaches its threshold first, the other has failed too.
    TestWorld w = healthyPair("cut", f -> f.setFencing(FencingMode.StopInstance));

    h.sim.setHealth(w.primary(), SimHealth.REFUSING);
    h.sim.setHealth(w.standby(), SimHealth.REFUSING);

    await().atMost(WAIT).until(() -> healthState("cut", Side.Primary).equals("Unhealthy") && healthState("cut", Side.Standby).equals("Unhealthy"));
    await().atMost(WAIT).until(() -> "NoHealthySide".equals(h.get("cut").getStatus().getAutomatic().getState()));
    assertThat(mutations()).as("no stop, no detach").isEmpty();
    assertThat(attachedTo(w)).hasValue(w.primary());
    assertThat(h.condition("cut", "Degraded")).hasValueSatisfying(c -> assertThat(c.getReason()).isEqualTo("NoHealthySide"));
  }

  @Test
  void aPrimaryThatComesBackWithinTheCooldownIsNotMovedBackTo() {
    TestWorld w = healthyPair("flaps", f -> {
      f.setCooldownSeconds(600);
      f.setFailback(FailbackMode.Automatic);
      f.setFailbackAfterSeconds(0);
    });
    h.sim.setHealth(w.primary(), SimHealth.REFUSING);
    await().atMost(WAIT).until(() -> attachedTo(w).equals(Optional.of(w.standby())) && h.isReady("flaps", 1));

    h.sim.setHealth(w.primary(), SimHealth.SERVING);

    await().atMost(WAIT).until(() -> "FlapPrevented".equals(h.get("flaps").getStatus().getAutomatic().getState()));
    h.sim.setHealth(w.primary(), SimHealth.REFUSING);
    await().atMost(WAIT).until(() -> healthState("flaps", Side.Primary).equals("Unhealthy"));
    h.sim.setHealth(w.primary(), SimHealth.SERVING);
    await().atMost(WAIT).until(() -> healthState("flaps", Side.Primary).equals("Healthy")
        && "FlapPrevented".equals(h.get("flaps").getStatus().getAutomatic().getState()));
    assertThat(attachedTo(w)).hasValue(w.standby());
    assertThat(h.sim.requestLog().stream().filter(r -> r.action().equals("DetachNetworkInterface")).count()).as("one move").isEqualTo(1);
    assertThat(h.get("flaps").getStatus().getAutomatic().getPreventedFlaps()).isEqualTo(2);
    assertThat(h.get("flaps").getStatus().getAutomatic().getMoves()).isEqualTo(1);
  }

  @Test
  void failbackAutomaticReturnsOnceSpecActivesSideHasBeenHealthyForTheDelay() {
    TestWorld w = healthyPair("returns", f -> {
      f.setFailback(FailbackMode.Automatic);
      f.setFailbackAfterSeconds(2);
    });
    h.sim.setHealth(w.primary(), SimHealth.REFUSING);
    await().atMost(WAIT).until(() -> attachedTo(w).equals(Optional.of(w.standby())) && h.isReady("returns", 1));

    h.sim.setHealth(w.primary(), SimHealth.SERVING);

    await().atMost(WAIT).until(() -> attachedTo(w).equals(Optional.of(w.primary())) && h.isReady("returns", 1)
        && "AsDeclared".equals(h.get("returns").getStatus().getAutomatic().getState()));
    assertThat(h.get("returns").getStatus().getAutomatic().getMoves()).isEqualTo(2);
    assertThat(h.condition("returns", "Degraded")).hasValueSatisfying(c -> assertThat(c.getStatus()).isEqualTo("False"));
    assertThat(reasons("returns")).contains("PrimaryUnhealthy", "FailedOver", "FailedBack", "PrimaryHealthy");
  }

  @Test
  void failbackManualStaysOnTheStandbyUntilAPersonAsks() {
    // A resync far away: the annotation itself must wake the pair (an annotation leaves the generation alone).
    h.stopOperator();
    try (EniFailoverOperator slow = h.newOperator(h.settings().withPacing(h.settings().pacing().withResync(Duration.ofMinutes(10)))).start()) {
      TestWorld w = healthyPair("stays", f -> {});
      h.sim.setHealth(w.primary(), SimHealth.REFUSING);
      await().atMost(WAIT).until(() -> attachedTo(w).equals(Optional.of(w.standby())) && h.isReady("stays", 1));
      h.sim.setHealth(w.primary(), SimHealth.SERVING);
      await().atMost(WAIT).until(() -> healthState("stays", Side.Primary).equals("Healthy"));

      await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(3)).until(() -> attachedTo(w).equals(Optional.of(w.standby())));
      assertThat(h.get("stays").getStatus().getAutomatic().getReason()).contains(PairAnnotations.FAIL_BACK);
      h.edit("stays", p -> {
        var annotations = new HashMap<>(Optional.ofNullable(p.getMetadata().getAnnotations()).orElse(java.util.Map.of()));
        annotations.put(PairAnnotations.FAIL_BACK, "1");
        p.getMetadata().setAnnotations(annotations);
        return p;
      });

      await().atMost(WAIT).until(() -> attachedTo(w).equals(Optional.of(w.primary())) && h.isReady("stays", 1));
      await().atMost(WAIT).until(() -> "1".equals(h.get("stays").getStatus().getAutomatic().getFailbackRequest()));
      assertThat(h.condition("stays", "Degraded")).hasValueSatisfying(c -> assertThat(c.getStatus()).isEqualTo("False"));
    } finally {
      h.startOperator();
    }
  }

  @Test
  void fencingStopsTheFailedInstanceBeforeTheStandbyTakesTheInterface() {
    // A cooldown too: the move decided before the stop goes on while the instance stops.
    TestWorld w = healthyPair("fenced", f -> {
      f.setFencing(FencingMode.StopInstance);
      f.setCooldownSeconds(600);
    });

    h.sim.setHealth(w.primary(), SimHealth.HANGING);

    await().atMost(WAIT).until(() -> attachedTo(w).equals(Optional.of(w.standby())) && h.isReady("fenced", 1));
    assertThat(h.sim.stopCount(w.primary())).isEqualTo(1);
    List<String> order = mutations().stream().map(r -> r.action() + (r.dryRun() ? " (dry run)" : "")).toList();
    // The attach is proven permitted before the stop, as before any detach; the stop comes before the detach.
    assertThat(order).containsSubsequence("AttachNetworkInterface (dry run)", "StopInstances", "DetachNetworkInterface", "AttachNetworkInterface");
    assertThat(order.indexOf("StopInstances")).as("the first change is the stop").isEqualTo(1);
    assertThat(h.get("fenced").getStatus().getLastFailover().getPhases().getFencingMillis()).isPositive();
  }

  @Test
  void aPrimaryThatEc2ReportsStoppedIsUnhealthyWithoutWaitingForItsProbes() {
    // Probes alone would take 100 failures: only EC2's view can turn the primary unhealthy in time.
    TestWorld w = healthyPair("stopped", f -> {
      f.getHealthCheck().setFailureThreshold(100);
      f.getHealthCheck().setSuccessThreshold(1);
    });

    h.sim.setInstanceState(w.primary(), SimInstanceState.STOPPED);

    await().atMost(WAIT).until(() -> attachedTo(w).equals(Optional.of(w.standby())) && h.isReady("stopped", 1));
    assertThat(h.get("stopped").getStatus().getHealth().getPrimary().getLastProbe()).isEqualTo("EC2 reports instance " + w.primary() + " stopped");
  }

  @Test
  void aTerminatedPrimaryIsUnhealthyAtOnceAndItsInterfaceGoesToTheStandby() {
    TestWorld w = healthyPair("terminated", f -> f.getHealthCheck().setFailureThreshold(100));

    h.sim.setInstanceState(w.primary(), SimInstanceState.TERMINATED);

    await().atMost(WAIT).until(() -> attachedTo(w).equals(Optional.of(w.standby())) && h.isReady("terminated", 1));
    assertThat(h.get("terminated").getStatus().getAutomatic().getState()).isEqualTo("FailedOver");
  }

  @Test
  void aTcpProbeWorksTheSameWay() {
    TestWorld w = healthyPair("tcp", f -> {
      f.getHealthCheck().setHttp(null);
      f.getHealthCheck().setTcp(new TcpProbeSpec(FastEc2.HEALTH_PORT));
    });

    h.sim.setHealth(w.primary(), SimHealth.REFUSING);

    await().atMost(WAIT).until(() -> attachedTo(w).equals(Optional.of(w.standby())) && h.isReady("tcp", 1));
    assertThat(h.get("tcp").getStatus().getHealth().getPrimary().getLastProbe()).isEqualTo("connection refused");
  }

  @Test
  void manualModeNeverMovesOnHealth() {
    TestWorld w = h.readyOnPrimary("manual", spec -> {});

    h.sim.setHealth(w.primary(), SimHealth.REFUSING);
    h.sim.setImpaired(w.primary(), true);

    await().during(Duration.ofSeconds(4)).atMost(Duration.ofSeconds(5)).until(() -> attachedTo(w).equals(Optional.of(w.primary())));
    assertThat(mutations()).isEmpty();
    assertThat(h.get("manual").getStatus().getHealth()).isNull();
    assertThat(h.condition("manual", "Degraded")).isEmpty();
  }

  private static String healthState(String name, Side side) {
    var status = h.get(name).getStatus();
    if (status == null || status.getHealth() == null) {
      return "";
    }
    var health = side == Side.Primary ? status.getHealth().getPrimary() : status.getHealth().getStandby();
    return health == null ? "" : health.getState();
  }

  private static Optional<String> attachedTo(TestWorld w) {
    return h.sim.attachmentOf(w.eni()).filter(a -> a.status().equals("attached")).map(SimAttachment::instanceId);
  }

  private static List<String> reasons(String name) {
    return h.events(name).stream().map(e -> e.getReason()).toList();
  }

  private static List<SimRequest> mutations() {
    return h.sim.requestLog().stream().filter(r -> !r.action().startsWith("Describe")).toList();
  }
}
