package io.enifailover.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import io.enifailover.api.ActiveRole;
import io.enifailover.api.EniFailoverPairStatus;
import io.enifailover.api.FailoverRecord;
import io.enifailover.api.Side;
import io.enifailover.api.Trigger;
import io.enifailover.model.Attachment;
import io.enifailover.model.AttachmentStatus;
import io.enifailover.model.NetworkInterface;
import io.enifailover.model.Observation;
import io.enifailover.model.Reason;
import io.enifailover.plan.RefusedAttach;
import io.enifailover.plan.TransitionProgress;
import io.enifailover.status.Conditions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class FailoverTrackerTest {

  private static EniFailoverPairStatus readyOn(ActiveRole role) {
    EniFailoverPairStatus status = new EniFailoverPairStatus();
    status.setActiveRole(role);
    status.setConditions(List.of(Conditions.next(List.of(), Conditions.READY, true, "InSync", "", 1, Instant.EPOCH)));
    return status;
  }

  @Test
  void aNewPairsFirstMoveIsInitial() {
    assertThat(FailoverTracker.triggerFor(Optional.empty(), null, Side.Primary)).isEqualTo(Trigger.Initial);
    assertThat(FailoverTracker.triggerFor(Optional.empty(), new EniFailoverPairStatus(), Side.Standby)).isEqualTo(Trigger.Initial);
  }

  @Test
  void askingForTheOtherSideThanTheOneInSyncIsASpecChange() {
    assertThat(FailoverTracker.triggerFor(Optional.empty(), readyOn(ActiveRole.Primary), Side.Standby)).isEqualTo(Trigger.SpecChange);
  }

  @Test
  void movingBackToTheSideThatWasInSyncIsDriftRepair() {
    assertThat(FailoverTracker.triggerFor(Optional.empty(), readyOn(ActiveRole.Primary), Side.Primary)).isEqualTo(Trigger.Drift);
  }

  @Test
  void theSideRememberedInSyncWinsOverAStatusThatWasNotReady() {
    EniFailoverPairStatus paused = new EniFailoverPairStatus();
    paused.setActiveRole(ActiveRole.Primary);

    assertThat(FailoverTracker.triggerFor(Optional.of(Side.Primary), paused, Side.Standby)).isEqualTo(Trigger.SpecChange);
    assertThat(FailoverTracker.triggerFor(Optional.of(Side.Primary), paused, Side.Primary)).isEqualTo(Trigger.Drift);
  }

  @Test
  void whenNotReadyTheLastCompletedFailoverTellsTheSideThatWasInSync() {
    EniFailoverPairStatus status = new EniFailoverPairStatus();
    FailoverRecord last = new FailoverRecord();
    last.setTo(Side.Standby);
    last.setCompletedAt("2026-11-24T10:00:00Z");
    status.setLastFailover(last);

    assertThat(FailoverTracker.triggerFor(Optional.empty(), status, Side.Standby)).isEqualTo(Trigger.Drift);
    assertThat(FailoverTracker.triggerFor(Optional.empty(), status, Side.Primary)).isEqualTo(Trigger.SpecChange);
  }

  private static Observation detaching(String attachmentId) {
    Attachment attachment = new Attachment(attachmentId, "i-0aaaaaaaaaaaaaaaa", 1, AttachmentStatus.DETACHING);
    NetworkInterface eni = new NetworkInterface(
        "eni-0123456789abcdef0", "us-east-1a", "vpc-0a1b2c3d", "10.0.1.25", List.of("10.0.1.25"), Optional.of(attachment), Map.of(), Map.of());
    return new Observation(Optional.of(eni), Map.of(), Optional.empty());
  }

  @Test
  void aForcedDetachRecordedInStatusIsNotSentAgainAfterARestart() {
    FailoverTracker fresh = new FailoverTracker();
    FailoverTracker.PairMemory memory = fresh.memory("uid", Instant.EPOCH);

    TransitionProgress progress = fresh.progress(memory, detaching("eni-attach-1"), Instant.EPOCH, Optional.of("eni-attach-1"));

    assertThat(progress.forceSent()).isTrue();
    assertThat(progress.requestedByOperator()).as("a restarted operator did not request it").isFalse();
    assertThat(fresh.progress(memory, detaching("eni-attach-2"), Instant.EPOCH, Optional.of("eni-attach-1")).forceSent())
        .as("a forced detach of another attachment").isFalse();
  }

  @Test
  void aRefusedAttachIsForgottenAfterTheStalledRetryOrWhenTheSpecChanges() {
    FailoverTracker tracker = new FailoverTracker();
    FailoverTracker.PairMemory memory = tracker.memory("uid", Instant.EPOCH);
    Duration forgetAfter = Duration.ofMinutes(2);
    tracker.refusedAttaches(memory, 1, Instant.EPOCH, forgetAfter);
    tracker.rememberRefusedAttach(memory, new RefusedAttach("i-0bbbbbbbbbbbbbbbb", Reason.AccessDenied, "denied"), Instant.EPOCH);

    assertThat(tracker.refusedAttaches(memory, 1, Instant.EPOCH.plusSeconds(119), forgetAfter)).containsOnlyKeys("i-0bbbbbbbbbbbbbbbb");
    assertThat(tracker.refusedAttaches(memory, 1, Instant.EPOCH.plusSeconds(120), forgetAfter)).isEmpty();

    tracker.rememberRefusedAttach(memory, new RefusedAttach("i-0bbbbbbbbbbbbbbbb", Reason.AccessDenied, "denied"), Instant.EPOCH);
    assertThat(tracker.refusedAttaches(memory, 2, Instant.EPOCH, forgetAfter)).as("the spec changed").isEmpty();
  }
}
