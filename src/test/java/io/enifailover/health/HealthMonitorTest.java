package io.enifailover.health;

import static io.enifailover.health.ProbeTargets.IP;
import static io.enifailover.health.SideHealth.Status.HEALTHY;
import static io.enifailover.health.SideHealth.Status.UNHEALTHY;
import static io.enifailover.health.SideHealth.Status.UNKNOWN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.enifailover.health.SideHealth.Status;
import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The monitor probing a real HTTP server on the loopback address every 50 ms. */
class HealthMonitorTest {
  static final Duration BOUND = Duration.ofSeconds(5);
  static final TargetKey PRIMARY = new TargetKey("shop", "web", "Primary");
  static final TargetKey STANDBY = new TargetKey("shop", "web", "Standby");

  record Told(TargetKey key, SideHealth before, SideHealth after, ProbeResult result) {
    boolean changed() {
      return after.changedFrom(before);
    }

    String transition() {
      return key.side() + " " + before.status() + "→" + after.status();
    }
  }

  private final ProbeTargets server = new ProbeTargets();
  private final List<Told> told = new CopyOnWriteArrayList<>();
  private final HealthMonitor<TargetKey> monitor = new HealthMonitor<>(new Prober(Clock.systemUTC()), Clock.systemUTC(),
      (key, before, after, result) -> told.add(new Told(key, before, after, result)));
  private final ProbeSpec spec = ProbeSpec.http(server.port(), "/status").withInterval(Duration.ofMillis(50));

  @AfterEach
  void stop() {
    monitor.close();
    server.close();
  }

  private void awaitStatus(TargetKey key, Status status) {
    await().atMost(BOUND).until(() -> monitor.current(key).status() == status);
  }

  private List<String> transitions(List<Told> events) {
    return events.stream().filter(Told::changed).map(Told::transition).toList();
  }

  @Test
  void aTargetIsHealthyOnItsSecondPassedProbe() {
    monitor.watch(PRIMARY, IP, spec);

    awaitStatus(PRIMARY, HEALTHY);

    assertThat(told.get(0).after().status()).as("one success is no verdict").isEqualTo(UNKNOWN);
    assertThat(told.get(1).transition()).isEqualTo("Primary UNKNOWN→HEALTHY");
    assertThat(told.get(1).result().detail()).isEqualTo("HTTP 200");
    assertThat(transitions(told)).containsExactly("Primary UNKNOWN→HEALTHY");
  }

  @Test
  void aServerThatStartsFailingTurnsItsTargetUnhealthyOnce() {
    monitor.watch(PRIMARY, IP, spec);
    awaitStatus(PRIMARY, HEALTHY);

    server.answer.set(503);
    awaitStatus(PRIMARY, UNHEALTHY);
    int atVerdict = told.size();
    await().atMost(BOUND).until(() -> told.size() >= atVerdict + 3);

    assertThat(transitions(told)).containsExactly("Primary UNKNOWN→HEALTHY", "Primary HEALTHY→UNHEALTHY");
    Told verdict = told.stream().filter(t -> t.changed() && t.after().isUnhealthy()).findFirst().orElseThrow();
    assertThat(verdict.after().consecutiveFailures()).isEqualTo(3);
    assertThat(verdict.result().detail()).isEqualTo("HTTP 503");
  }

  @Test
  void markGoneIsUnhealthyAtOnceAndTheTargetComesBackAfterARunOfSuccesses() {
    monitor.watch(PRIMARY, IP, spec);
    awaitStatus(PRIMARY, HEALTHY);

    monitor.markGone(PRIMARY, "instance i-0aaaaaaaaaaaaaaaa is stopping");

    assertThat(monitor.current(PRIMARY).status()).isEqualTo(UNHEALTHY);
    Told gone = told.stream().filter(t -> t.transition().equals("Primary HEALTHY→UNHEALTHY")).findFirst().orElseThrow();
    assertThat(gone.result().detail()).isEqualTo("instance i-0aaaaaaaaaaaaaaaa is stopping");

    awaitStatus(PRIMARY, HEALTHY);
    assertThat(transitions(told))
        .containsExactly("Primary UNKNOWN→HEALTHY", "Primary HEALTHY→UNHEALTHY", "Primary UNHEALTHY→HEALTHY");
  }

  @Test
  void markGoneOnAnUnwatchedTargetChangesNothing() {
    monitor.markGone(STANDBY, "instance terminated");

    assertThat(monitor.current(STANDBY)).isEqualTo(SideHealth.unknown());
    assertThat(told).isEmpty();
  }

  @Test
  void anUnwatchedTargetIsNoLongerProbed() {
    monitor.watch(PRIMARY, IP, spec);
    await().atMost(BOUND).until(() -> server.requests.get() >= 3);

    monitor.unwatch(PRIMARY);
    int requests = server.requests.get();

    assertThat(monitor.current(PRIMARY).status()).isEqualTo(UNKNOWN);
    // One probe may have been on its way when the target was unwatched; ten more would be due.
    await().during(Duration.ofMillis(500)).atMost(BOUND).until(() -> server.requests.get() <= requests + 1);
  }

  @Test
  void aProbeAnsweredAfterItsTargetWasUnwatchedIsNotReported() {
    monitor.watch(PRIMARY, IP, ProbeSpec.http(server.port(), "/hang").withTimeout(Duration.ofMillis(200)));
    await().atMost(BOUND).until(() -> server.requests.get() == 1);

    monitor.unwatch(PRIMARY);

    // The probe times out 200 ms after it was sent, and its result speaks of a watch that no longer exists.
    await().during(Duration.ofMillis(500)).atMost(BOUND).until(told::isEmpty);
  }

  @Test
  void stopAllForgetsEveryCount() {
    monitor.watch(PRIMARY, IP, spec);
    monitor.watch(STANDBY, IP, spec);
    awaitStatus(PRIMARY, HEALTHY);
    awaitStatus(STANDBY, HEALTHY);

    monitor.stopAll();
    assertThat(monitor.current(PRIMARY)).isEqualTo(SideHealth.unknown());
    assertThat(monitor.current(STANDBY)).isEqualTo(SideHealth.unknown());

    int stopped = told.size();
    monitor.watch(PRIMARY, IP, spec);
    awaitStatus(PRIMARY, HEALTHY);
    assertThat(transitions(told.subList(stopped, told.size()))).containsExactly("Primary UNKNOWN→HEALTHY");
  }

  @Test
  void watchingAgainKeepsTheVerdictUnlessTheTargetChanged() {
    monitor.watch(PRIMARY, IP, spec);
    awaitStatus(PRIMARY, HEALTHY);

    monitor.watch(PRIMARY, IP, ProbeSpec.http(server.port(), "/status").withInterval(Duration.ofMillis(50)));
    assertThat(monitor.current(PRIMARY).status()).isEqualTo(HEALTHY);

    monitor.watch(PRIMARY, IP, spec.withSuccessThreshold(3));
    assertThat(monitor.current(PRIMARY).status()).isEqualTo(UNKNOWN);
    awaitStatus(PRIMARY, HEALTHY);
    assertThat(monitor.current(PRIMARY).consecutiveSuccesses()).isGreaterThanOrEqualTo(3);
  }

  @Test
  void aProbeStillRunningMakesTheNextTicksSkipped() {
    ProbeSpec hanging = ProbeSpec.http(server.port(), "/hang")
        .withInterval(Duration.ofMillis(50))
        .withTimeout(Duration.ofMillis(300));
    monitor.watch(PRIMARY, IP, hanging);

    await().atMost(BOUND).until(() -> told.size() >= 2);

    // Without the skip, some twelve probes would have been sent in these 600 ms.
    assertThat(server.requests.get()).isLessThanOrEqualTo(3);
    assertThat(told.get(1).result().detail()).isEqualTo("timed out after 300ms");
    assertThat(told.get(1).after().consecutiveFailures()).isEqualTo(2);
  }

  @Test
  void aListenerThatThrowsDoesNotStopTheProbes() {
    AtomicInteger calls = new AtomicInteger();
    try (HealthMonitor<TargetKey> throwing = new HealthMonitor<>(new Prober(Clock.systemUTC()), Clock.systemUTC(),
        (key, before, after, result) -> {
          calls.incrementAndGet();
          throw new IllegalStateException("listener bug");
        })) {
      throwing.watch(PRIMARY, IP, spec);

      await().atMost(BOUND).until(() -> calls.get() >= 5);
      assertThat(throwing.current(PRIMARY).status()).isEqualTo(HEALTHY);
    }
  }

  @Test
  void firstProbesOfManyTargetsAreSpreadOverTheInterval() {
    Duration interval = Duration.ofSeconds(1);
    Set<Long> milliseconds = new HashSet<>();
    for (int pair = 0; pair < 1000; pair++) {
      for (String side : List.of("Primary", "Standby")) {
        Duration delay = HealthMonitor.firstDelay(new TargetKey("ns", "pair-" + pair, side), interval);
        assertThat(delay).isGreaterThanOrEqualTo(Duration.ZERO).isLessThan(interval);
        milliseconds.add(delay.toMillis());
      }
    }
    // 2000 targets over 1000 ms: a fair spread leaves no millisecond with a crowd.
    assertThat(milliseconds).hasSizeGreaterThan(600);
    assertThat(HealthMonitor.firstDelay(PRIMARY, interval)).isEqualTo(HealthMonitor.firstDelay(PRIMARY, interval));
  }
}
