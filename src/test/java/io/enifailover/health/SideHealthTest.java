package io.enifailover.health;

import static io.enifailover.health.SideHealth.Status.HEALTHY;
import static io.enifailover.health.SideHealth.Status.UNHEALTHY;
import static io.enifailover.health.SideHealth.Status.UNKNOWN;
import static org.assertj.core.api.Assertions.assertThat;

import io.enifailover.health.SideHealth.Status;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/**
 * Every transition and threshold edge, with failureThreshold 3 and successThreshold 2. A history is a
 * string of probes, one a second: S passed, F failed.
 */
class SideHealthTest {
  static final Instant T0 = Instant.parse("2026-11-25T00:00:00Z");
  static final ProbeSpec SPEC = ProbeSpec.http(80, "/");

  static ProbeResult probe(char outcome, int second) {
    Instant at = T0.plusSeconds(second);
    return outcome == 'S'
        ? ProbeResult.passed("HTTP 200", at, Duration.ofMillis(3))
        : ProbeResult.failed("HTTP 503", at, Duration.ofMillis(3));
  }

  static SideHealth after(SideHealth start, String history) {
    SideHealth health = start;
    for (int i = 0; i < history.length(); i++) {
      health = health.record(probe(history.charAt(i), i), SPEC);
    }
    return health;
  }

  @ParameterizedTest(name = "{0} → {1}, {2} successes, {3} failures, since probe {4}")
  @CsvSource({
      // no verdict until a full run
      "S,      UNKNOWN,   1, 0, ",
      "F,      UNKNOWN,   0, 1, ",
      "FF,     UNKNOWN,   0, 2, ",
      "SF,     UNKNOWN,   0, 1, ",
      "FFSFF,  UNKNOWN,   0, 2, ",
      "SFSFSF, UNKNOWN,   0, 1, ",
      // UNKNOWN → HEALTHY on the second success in a row, → UNHEALTHY on the third failure in a row
      "SS,     HEALTHY,   2, 0, 1",
      "FFSS,   HEALTHY,   2, 0, 3",
      "FFF,    UNHEALTHY, 0, 3, 2",
      "SFFF,   UNHEALTHY, 0, 3, 3",
      // HEALTHY: two failures are not enough, and a success starts the count again
      "SSFF,   HEALTHY,   0, 2, 1",
      "SSFFS,  HEALTHY,   1, 0, 1",
      "SSFFSFF, HEALTHY,  0, 2, 1",
      "SSFFF,  UNHEALTHY, 0, 3, 4",
      // staying in a state keeps counting and keeps its start
      "SSSSS,  HEALTHY,   5, 0, 1",
      "FFFFF,  UNHEALTHY, 0, 5, 2",
      // UNHEALTHY: one success is not enough, a failure starts the count again
      "FFFS,   UNHEALTHY, 1, 0, 2",
      "FFFSFS, UNHEALTHY, 1, 0, 2",
      "FFFSS,  HEALTHY,   2, 0, 4",
      // back and forth
      "SSFFFSS, HEALTHY,  2, 0, 6",
  })
  void verdictsNeedAFullRun(String history, Status status, int successes, int failures, Integer sinceProbe) {
    SideHealth health = after(SideHealth.unknown(), history);

    assertThat(health.status()).isEqualTo(status);
    assertThat(health.consecutiveSuccesses()).isEqualTo(successes);
    assertThat(health.consecutiveFailures()).isEqualTo(failures);
    assertThat(health.since()).isEqualTo(sinceProbe == null ? null : T0.plusSeconds(sinceProbe));
    assertThat(health.last()).isEqualTo(probe(history.charAt(history.length() - 1), history.length() - 1));
  }

  @ParameterizedTest(name = "{0} then one probe {1}: changed = {2}")
  @CsvSource({
      "S,    S, true",
      "S,    F, false",
      "FF,   F, true",
      "SS,   S, false",
      "SSFF, S, false",
      "SSFF, F, true",
      "FFF,  F, false",
      "FFFS, S, true",
  })
  void aChangeIsReportedOnTheProbeThatCompletesTheRun(String history, char next, boolean changed) {
    SideHealth before = after(SideHealth.unknown(), history);

    assertThat(before.record(probe(next, 99), SPEC).changedFrom(before)).isEqualTo(changed);
  }

  @Test
  void thresholdsOfOneDecideOnEveryProbe() {
    ProbeSpec eager = SPEC.withFailureThreshold(1).withSuccessThreshold(1);
    SideHealth health = SideHealth.unknown().record(probe('F', 0), eager);
    assertThat(health.status()).isEqualTo(UNHEALTHY);
    assertThat(health.record(probe('S', 1), eager).status()).isEqualTo(HEALTHY);
  }

  @Test
  void goneInEc2IsUnhealthyAtOnceFromAnyState() {
    Instant at = T0.plusSeconds(60);
    for (String history : new String[] {"", "S", "SS", "SSFF", "FFF"}) {
      SideHealth before = after(SideHealth.unknown(), history);

      SideHealth gone = before.goneInEc2("instance i-0aaaaaaaaaaaaaaaa is stopped", at);

      assertThat(gone.status()).as(history).isEqualTo(UNHEALTHY);
      assertThat(gone.last().success()).isFalse();
      assertThat(gone.last().detail()).isEqualTo("instance i-0aaaaaaaaaaaaaaaa is stopped");
      assertThat(gone.changedFrom(before)).as(history).isEqualTo(before.status() != UNHEALTHY);
      assertThat(gone.since()).as(history).isEqualTo(before.status() == UNHEALTHY ? before.since() : at);
    }
  }

  @Test
  void anInstanceBackFromEc2NeedsAFullRunOfSuccesses() {
    SideHealth gone = after(SideHealth.unknown(), "SSS").goneInEc2("instance stopped", T0.plusSeconds(10));

    SideHealth once = gone.record(probe('S', 11), SPEC);
    assertThat(once.status()).isEqualTo(UNHEALTHY);
    assertThat(once.record(probe('S', 12), SPEC).status()).isEqualTo(HEALTHY);
  }

  @Test
  void anythingIsAChangeFromNoPreviousState() {
    assertThat(SideHealth.unknown().changedFrom(null)).isTrue();
    assertThat(SideHealth.unknown().status()).isEqualTo(UNKNOWN);
  }
}
