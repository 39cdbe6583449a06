package io.enifailover.status;

import static org.assertj.core.api.Assertions.assertThat;

import io.enifailover.model.ActiveRole;
import io.enifailover.api.EniFailoverPairStatus;
import io.enifailover.api.FailoverRecord;
import io.enifailover.model.Side;
import io.enifailover.api.Trigger;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class FailoverTimelineTest {

  private static EniFailoverPairStatus readyOn(ActiveRole role) {
    EniFailoverPairStatus status = new EniFailoverPairStatus();
    status.setActiveRole(role);
    status.setConditions(List.of(Conditions.next(List.of(), Conditions.READY, true, "InSync", "", 1, Instant.EPOCH)));
    return status;
  }

  @Test
  void aNewPairsFirstMoveIsInitial() {
    assertThat(FailoverTimeline.triggerFor(Optional.empty(), null, Side.Primary)).isEqualTo(Trigger.Initial);
    assertThat(FailoverTimeline.triggerFor(Optional.empty(), new EniFailoverPairStatus(), Side.Standby)).isEqualTo(Trigger.Initial);
  }

  @Test
  void askingForTheOtherSideThanTheOneInSyncIsASpecChange() {
    assertThat(FailoverTimeline.triggerFor(Optional.empty(), readyOn(ActiveRole.Primary), Side.Standby)).isEqualTo(Trigger.SpecChange);
  }

  @Test
  void movingBackToTheSideThatWasInSyncIsDriftRepair() {
    assertThat(FailoverTimeline.triggerFor(Optional.empty(), readyOn(ActiveRole.Primary), Side.Primary)).isEqualTo(Trigger.Drift);
  }

  @Test
  void theSideRememberedInSyncWinsOverAStatusThatWasNotReady() {
    EniFailoverPairStatus paused = new EniFailoverPairStatus();
    paused.setActiveRole(ActiveRole.Primary);

    assertThat(FailoverTimeline.triggerFor(Optional.of(Side.Primary), paused, Side.Standby)).isEqualTo(Trigger.SpecChange);
    assertThat(FailoverTimeline.triggerFor(Optional.of(Side.Primary), paused, Side.Primary)).isEqualTo(Trigger.Drift);
  }

  @Test
  void whenNotReadyTheLastCompletedFailoverTellsTheSideThatWasInSync() {
    EniFailoverPairStatus status = new EniFailoverPairStatus();
    FailoverRecord last = new FailoverRecord();
    last.setTo(Side.Standby);
    last.setCompletedAt("2026-11-24T10:00:00Z");
    status.setLastFailover(last);

    assertThat(FailoverTimeline.triggerFor(Optional.empty(), status, Side.Standby)).isEqualTo(Trigger.Drift);
    assertThat(FailoverTimeline.triggerFor(Optional.empty(), status, Side.Primary)).isEqualTo(Trigger.SpecChange);
  }
}
