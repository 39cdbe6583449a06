package io.enifailover.status;

import static org.assertj.core.api.Assertions.assertThat;

import io.enifailover.model.ActiveRole;
import io.enifailover.api.EniFailoverPairStatus;
import io.enifailover.api.FailoverRecord;
import io.enifailover.api.PhaseDurations;
import io.enifailover.model.Side;
import io.enifailover.api.Trigger;
import io.enifailover.model.Outcome;
import io.enifailover.model.Reason;
import io.enifailover.model.Step;
import io.enifailover.strategy.interfacemove.Attach;
import io.enifailover.strategy.interfacemove.Detach;
import io.enifailover.plan.ObservedState;
import io.fabric8.kubernetes.api.model.Condition;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class StatusReporterTest {
  static final Instant T0 = Instant.parse("2026-11-24T10:00:00Z");
  static final Instant T1 = Instant.parse("2026-11-24T10:00:05Z");
  static final ObservedState ON_STANDBY =
      new ObservedState(ActiveRole.Standby, Optional.of("i-0b"), Optional.of("eni-attach-1"), Optional.of("203.0.113.10"), Optional.of("i-0b"));

  private final StatusReporter reporter = new StatusReporter();

  private StatusReporter.Report report(EniFailoverPairStatus previous, Outcome outcome, FailoverUpdate failover, Instant now) {
    return reporter.report(previous, 3, Optional.of(ON_STANDBY), outcome, failover, now);
  }

  private static Outcome inSync() {
    return new Outcome(Reason.InSync, "attached", Optional.empty());
  }

  private static Condition condition(EniFailoverPairStatus status, String type) {
    return status.condition(type).orElseThrow();
  }

  @Test
  void inSyncIsReadyAndNeitherReconcilingNorStalled() {
    EniFailoverPairStatus status = report(null, inSync(), FailoverUpdate.NONE, T0).status();

    assertThat(condition(status, Conditions.READY).getStatus()).isEqualTo("True");
    assertThat(condition(status, Conditions.RECONCILING).getStatus()).isEqualTo("False");
    assertThat(condition(status, Conditions.STALLED).getStatus()).isEqualTo("False");
    assertThat(status.getConditions()).allSatisfy(c -> assertThat(c.getObservedGeneration()).isEqualTo(3));
    assertThat(status.getObservedGeneration()).isEqualTo(3);
    assertThat(status.getActiveRole()).isEqualTo(ActiveRole.Standby);
    assertThat(status.getPublicIp()).isEqualTo("203.0.113.10");
  }

  @Test
  void refusalIsStalledWithItsReasonAndMessage() {
    Outcome refused = Outcome.held(new Step.Hold(Reason.DeviceIndexInUse, "instance i-0b already has eni-0f at device index 1"));

    StatusReporter.Report report = report(null, refused, FailoverUpdate.NONE, T0);

    Condition stalled = condition(report.status(), Conditions.STALLED);
    assertThat(stalled.getStatus()).isEqualTo("True");
    assertThat(stalled.getReason()).isEqualTo("DeviceIndexInUse");
    assertThat(stalled.getMessage()).contains("eni-0f");
    assertThat(condition(report.status(), Conditions.READY).getStatus()).isEqualTo("False");
    assertThat(report.events()).singleElement().satisfies(e -> {
      assertThat(e.type()).isEqualTo(PairEvent.Type.Warning);
      assertThat(e.reason()).isEqualTo("DeviceIndexInUse");
    });
  }

  @Test
  void aRefusalIsAnEventOnceNotOnEveryPass() {
    Outcome refused = Outcome.held(new Step.Hold(Reason.InstanceNotFound, "instance i-0b does not exist"));
    EniFailoverPairStatus first = report(null, refused, FailoverUpdate.NONE, T0).status();

    assertThat(report(first, refused, FailoverUpdate.NONE, T1).events()).isEmpty();
  }

  @Test
  void lastTransitionTimeIsKeptWhileTheStatusIsUnchanged() {
    EniFailoverPairStatus first = report(null, inSync(), FailoverUpdate.NONE, T0).status();
    EniFailoverPairStatus second = report(first, inSync(), FailoverUpdate.NONE, T1).status();

    assertThat(condition(second, Conditions.READY).getLastTransitionTime()).isEqualTo(T0.toString());
  }

  @Test
  void aStalledConditionIsClearedOnceTheCauseIsGone() {
    EniFailoverPairStatus stalled =
        report(null, Outcome.held(new Step.Hold(Reason.AccessDenied, "grant ec2:AttachNetworkInterface")), FailoverUpdate.NONE, T0).status();

    EniFailoverPairStatus recovered = report(stalled, inSync(), FailoverUpdate.NONE, T1).status();

    Condition cleared = condition(recovered, Conditions.STALLED);
    assertThat(cleared.getStatus()).isEqualTo("False");
    assertThat(cleared.getMessage()).isEmpty();
    assertThat(cleared.getLastTransitionTime()).isEqualTo(T1.toString());
  }

  @Test
  void anExecutedStepIsReconcilingAndANormalEvent() {
    Step detach = new Detach("eni-attach-1", "i-0a", false);

    StatusReporter.Report report = report(null, new Outcome(Reason.Detaching, "detach eni-0e from i-0a", Optional.of(detach)), FailoverUpdate.NONE, T0);

    assertThat(condition(report.status(), Conditions.RECONCILING).getStatus()).isEqualTo("True");
    assertThat(condition(report.status(), Conditions.RECONCILING).getReason()).isEqualTo("Detaching");
    assertThat(report.events()).singleElement().satisfies(e -> assertThat(e.type()).isEqualTo(PairEvent.Type.Normal));
  }

  @Test
  void aCompletedFailoverIsCountedUnlessItWasTheFirstAttach() {
    EniFailoverPairStatus previous = new EniFailoverPairStatus();
    previous.setFailoverCount(4L);

    StatusReporter.Report specChange = report(previous, inSync(), new FailoverUpdate(Optional.of(completed(Trigger.SpecChange)), true), T1);
    StatusReporter.Report initial = report(new EniFailoverPairStatus(), inSync(), new FailoverUpdate(Optional.of(completed(Trigger.Initial)), true), T1);

    assertThat(specChange.status().getFailoverCount()).isEqualTo(5);
    assertThat(specChange.events()).anySatisfy(e -> assertThat(e.reason()).isEqualTo("FailoverCompleted"));
    assertThat(initial.status().getFailoverCount()).isZero();
  }

  @Test
  void whenEc2DoesNotAnswerTheLastObservationIsKept() {
    EniFailoverPairStatus previous = report(null, inSync(), FailoverUpdate.NONE, T0).status();

    EniFailoverPairStatus status = reporter.report(previous, 3, Optional.empty(),
        Outcome.held(new Step.Hold(Reason.Throttled, "RequestLimitExceeded")), FailoverUpdate.NONE, T1).status();

    assertThat(status.getActiveRole()).isEqualTo(ActiveRole.Standby);
    assertThat(status.getActiveInstanceId()).isEqualTo("i-0b");
    assertThat(condition(status, Conditions.RECONCILING).getReason()).isEqualTo("Throttled");
  }

  private static FailoverRecord completed(Trigger trigger) {
    FailoverRecord r = new FailoverRecord();
    r.setFrom(ActiveRole.Primary);
    r.setTo(Side.Standby);
    r.setTrigger(trigger);
    r.setStartedAt(T0.toString());
    r.setCompletedAt(T1.toString());
    r.setDurationMillis(5000L);
    r.setPhases(new PhaseDurations(3000, 2000, 0));
    return r;
  }
}
