package io.enifailover.plan;

import static io.enifailover.model.Side.Primary;
import static io.enifailover.model.Side.Standby;
import static io.enifailover.plan.AutomaticFailover.Kind.AWAITING_FAILBACK;
import static io.enifailover.plan.AutomaticFailover.Kind.COOLDOWN;
import static io.enifailover.plan.AutomaticFailover.Kind.FAILBACK_PENDING;
import static io.enifailover.plan.AutomaticFailover.Kind.FAIL_BACK;
import static io.enifailover.plan.AutomaticFailover.Kind.FAIL_OVER;
import static io.enifailover.plan.AutomaticFailover.Kind.NO_HEALTHY_SIDE;
import static io.enifailover.plan.AutomaticFailover.Kind.STAY;
import static io.enifailover.plan.AutomaticFailover.Verdict.HEALTHY;
import static io.enifailover.plan.AutomaticFailover.Verdict.UNHEALTHY;
import static io.enifailover.plan.AutomaticFailover.Verdict.UNKNOWN;
import static org.assertj.core.api.Assertions.assertThat;

import io.enifailover.model.Side;
import io.enifailover.plan.AutomaticFailover.Decision;
import io.enifailover.plan.AutomaticFailover.Input;
import io.enifailover.plan.AutomaticFailover.Kind;
import io.enifailover.plan.AutomaticFailover.SideState;
import io.enifailover.plan.AutomaticFailover.Verdict;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Where automatic failover keeps the interface, rule by rule. */
class AutomaticFailoverTest {
  static final Instant NOW = Instant.parse("2026-11-25T03:00:00Z");
  static final Duration COOL = Duration.ofSeconds(60);
  static final Duration FAILBACK_AFTER = Duration.ofSeconds(300);

  /** A side's verdict, reached {@code secondsAgo}. */
  static SideState side(Verdict verdict, long secondsAgo) {
    return new SideState(verdict, NOW.minusSeconds(secondsAgo), verdict == HEALTHY ? "HTTP 200" : "connection refused");
  }

  record Row(String rule, Side declared, Side target, SideState primary, SideState standby, Long lastMoveSecondsAgo,
      boolean automaticFailback, boolean failbackRequested, Side expectedTarget, Kind expectedKind) {}

  static Stream<Arguments> rules() {
    return Stream.of(
        new Row("both healthy: stay on spec.active", Primary, Primary, side(HEALTHY, 900), side(HEALTHY, 900), null, false, false, Primary, STAY),
        new Row("no verdict yet (a new leader): stay", Primary, Primary, side(UNKNOWN, 0), side(UNKNOWN, 0), null, false, false, Primary, STAY),
        new Row("active unhealthy, other healthy: fail over", Primary, Primary, side(UNHEALTHY, 1), side(HEALTHY, 900), null, false, false, Standby, FAIL_OVER),
        new Row("spec.active is Standby and it fails: over to Primary", Standby, Standby, side(HEALTHY, 900), side(UNHEALTHY, 1), null, false, false, Primary, FAIL_OVER),
        new Row("active unhealthy, other unhealthy too: no move", Primary, Primary, side(UNHEALTHY, 1), side(UNHEALTHY, 5), null, false, false, Primary, NO_HEALTHY_SIDE),
        new Row("active unhealthy, other unknown: no move", Primary, Primary, side(UNHEALTHY, 1), side(UNKNOWN, 1), null, false, false, Primary, NO_HEALTHY_SIDE),
        new Row("active unhealthy within the cooldown: a flap prevented", Primary, Primary, side(UNHEALTHY, 1), side(HEALTHY, 900), 30L, false, false, Primary, COOLDOWN),
        new Row("active unhealthy just after the cooldown: fail over", Primary, Primary, side(UNHEALTHY, 1), side(HEALTHY, 900), 60L, false, false, Standby, FAIL_OVER),
        new Row("failed over, spec.active's side still down: stay", Primary, Standby, side(UNHEALTHY, 100), side(HEALTHY, 900), 100L, false, false, Standby, AWAITING_FAILBACK),
        new Row("failed over, spec.active's side healthy, failback Manual: stay", Primary, Standby, side(HEALTHY, 4000), side(HEALTHY, 900), 5000L, false, false, Standby, AWAITING_FAILBACK),
        new Row("failed over, a person asks to fail back: return", Primary, Standby, side(HEALTHY, 10), side(HEALTHY, 900), 20L, false, true, Primary, FAIL_BACK),
        new Row("a failback request while spec.active's side is down: stay", Primary, Standby, side(UNHEALTHY, 10), side(HEALTHY, 900), 20L, false, true, Standby, AWAITING_FAILBACK),
        new Row("failback Automatic, healthy for less than the delay: wait", Primary, Standby, side(HEALTHY, 299), side(HEALTHY, 900), 400L, true, false, Standby, FAILBACK_PENDING),
        new Row("failback Automatic, healthy for the delay: return", Primary, Standby, side(HEALTHY, 300), side(HEALTHY, 900), 400L, true, false, Primary, FAIL_BACK),
        new Row("failback Automatic after the delay but within the cooldown: a flap prevented", Primary, Standby, side(HEALTHY, 300), side(HEALTHY, 900), 10L, true, false, Standby, COOLDOWN),
        new Row("failed over and the standby fails, primary healthy: back to primary", Primary, Standby, side(HEALTHY, 10), side(UNHEALTHY, 1), 120L, false, false, Primary, FAIL_BACK),
        new Row("failed over and the standby fails within the cooldown: no move", Primary, Standby, side(HEALTHY, 10), side(UNHEALTHY, 1), 20L, false, false, Standby, COOLDOWN),
        new Row("failed over and both fail: no move", Primary, Standby, side(UNHEALTHY, 10), side(UNHEALTHY, 1), 120L, false, false, Standby, NO_HEALTHY_SIDE)
    ).map(r -> Arguments.of(r.rule(), r));
  }

  @org.junit.jupiter.api.Test
  void aPersonsEditOfSpecActiveIsNoFlapTheCooldownHoldsBack() {
    // Failed over 20 s ago; spec.active set back to the still-dead primary: the interface stays on the standby.
    Input input = new Input(Primary, Primary, true, Standby, true, side(UNHEALTHY, 30), side(HEALTHY, 900), NOW,
        Optional.of(NOW.minusSeconds(20)), COOL, false, FAILBACK_AFTER, false);

    Decision decision = AutomaticFailover.decide(input);

    assertThat(decision.target()).isEqualTo(Standby);
    assertThat(decision.kind()).isEqualTo(FAIL_OVER);
  }

  @org.junit.jupiter.api.Test
  void aMoveDecidedGoesOnUnderTheCooldownItStarted() {
    // Decided a second ago; the interface is still on the primary (its fencing stop, or its turn in the budget).
    Input input = new Input(Primary, Primary, false, Standby, true, side(UNHEALTHY, 2), side(HEALTHY, 900), NOW,
        Optional.of(NOW.minusSeconds(1)), COOL, false, FAILBACK_AFTER, false);

    Decision decision = AutomaticFailover.decide(input);

    assertThat(decision.target()).isEqualTo(Standby);
    assertThat(decision.kind()).isEqualTo(FAIL_OVER);
  }

  @org.junit.jupiter.api.Test
  void aMoveToSpecActivesSideGoesOnFromAStaleSide() {
    // spec.active was set to Standby and the move decided; this pass still sees the interface on the primary.
    Input input = new Input(Standby, Primary, false, Standby, true, side(HEALTHY, 900), side(HEALTHY, 900), NOW,
        Optional.empty(), COOL, false, FAILBACK_AFTER, false);

    assertThat(AutomaticFailover.decide(input).target()).isEqualTo(Standby);
  }

  @org.junit.jupiter.api.Test
  void noCooldownKeepsTheInterfaceOnAnInstanceEc2ReportsGoneNorPicksWhereAnInterfaceAttachedNowhereGoes() {
    SideState stopped = new SideState(UNHEALTHY, NOW.minusSeconds(2), "EC2 reports instance i-0a stopped", true);
    Input gone = new Input(Primary, Primary, false, Primary, true, stopped, side(HEALTHY, 900), NOW,
        Optional.of(NOW.minusSeconds(5)), COOL, false, FAILBACK_AFTER, false);
    Input nowhere = new Input(Primary, Primary, false, Primary, false, side(UNHEALTHY, 2), side(HEALTHY, 900), NOW,
        Optional.of(NOW.minusSeconds(5)), COOL, false, FAILBACK_AFTER, false);

    assertThat(AutomaticFailover.decide(gone).target()).isEqualTo(Standby);
    assertThat(AutomaticFailover.decide(nowhere).target()).isEqualTo(Standby);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rules")
  void decides(String rule, Row row) {
    Input input = new Input(row.declared(), row.target(), false, row.target(), true, row.primary(), row.standby(), NOW,
        Optional.ofNullable(row.lastMoveSecondsAgo()).map(NOW::minusSeconds), COOL,
        row.automaticFailback(), FAILBACK_AFTER, row.failbackRequested());

    Decision decision = AutomaticFailover.decide(input);

    assertThat(decision.target()).as(decision.reason()).isEqualTo(row.expectedTarget());
    assertThat(decision.kind()).as(decision.reason()).isEqualTo(row.expectedKind());
  }
}
