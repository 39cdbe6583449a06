package io.enifailover.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import io.enifailover.model.Outcome;
import io.enifailover.model.Reason;
import io.enifailover.strategy.interfacemove.Detach;
import io.enifailover.model.Step;
import io.enifailover.model.Outcome;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PacingTest {
  private final Pacing pacing = Pacing.defaults();

  private static Outcome held(Reason reason) {
    return Outcome.held(new Step.Hold(reason, "m"));
  }

  @Test
  void midTransitionItLooksAgainWithinASixthOfASecondAndBacksOffGently() {
    Outcome executed = new Outcome(Reason.Detaching, "m", Optional.of(new Detach("a", "i", false)));

    assertThat(pacing.after(executed, 1, 0, false)).isEqualTo(Duration.ofMillis(100));
    assertThat(pacing.after(held(Reason.Detaching), 2, 0, false)).isEqualTo(Duration.ofMillis(125));
    assertThat(pacing.after(held(Reason.Attaching), 20, 0, false)).isEqualTo(Duration.ofMillis(150));
  }

  @Test
  void inSyncAndPausedPairsWaitForTheResync() {
    assertThat(pacing.after(held(Reason.InSync), 0, 0, false)).isEqualTo(Duration.ofSeconds(30));
    assertThat(pacing.after(held(Reason.Paused), 0, 0, false)).isEqualTo(Duration.ofSeconds(30));
  }

  @Test
  void refusalsOnlyAHumanCanFixAreRetriedMinutesApart() {
    assertThat(pacing.after(held(Reason.AccessDenied), 0, 0, false)).isEqualTo(Duration.ofMinutes(2));
    assertThat(pacing.after(held(Reason.NetworkInterfaceNotFound), 0, 0, false)).isEqualTo(Duration.ofMinutes(2));
  }

  @Test
  void aRefusedPairWhoseInterfaceIsAttachedNowhereIsRecheckedSooner() {
    assertThat(pacing.after(held(Reason.InstanceNotRunning), 0, 0, true)).isEqualTo(Duration.ofSeconds(15));
  }

  @Test
  void throttlingBacksOffExponentiallyUpToAMinute() {
    assertThat(pacing.after(held(Reason.Throttled), 0, 1, false)).isEqualTo(Duration.ofSeconds(1));
    assertThat(pacing.after(held(Reason.Throttled), 0, 3, false)).isEqualTo(Duration.ofSeconds(4));
    assertThat(pacing.after(held(Reason.Ec2Unavailable), 0, 12, false)).isEqualTo(Duration.ofSeconds(60));
  }

  @Test
  void aConflictThatPersistsBacksOffToFiveSeconds() {
    assertThat(pacing.after(held(Reason.Conflict), 0, 1, false)).isEqualTo(Duration.ofMillis(100));
    assertThat(pacing.after(held(Reason.Conflict), 0, 3, false)).isEqualTo(Duration.ofMillis(400));
    assertThat(pacing.after(held(Reason.Conflict), 0, 20, false)).isEqualTo(Duration.ofSeconds(5));
  }

  @Test
  void aStuckDetachIsWatchedEveryFewSecondsNotHammered() {
    assertThat(pacing.after(held(Reason.DetachStuck), 40, 0, false)).isEqualTo(Duration.ofSeconds(5));
  }

  @Test
  void aStuckAttachIsWatchedEveryFewSecondsToo() {
    assertThat(pacing.after(held(Reason.AttachStuck), 400, 0, false)).isEqualTo(Duration.ofSeconds(5));
  }

  @Test
  void aTransitionLongerThanEc2UsuallyTakesIsPolledLessAndLess() {
    Duration fast = pacing.after(held(Reason.Attaching), Pacing.USUAL_TRANSITION_PASSES, 0, false);
    Duration later = pacing.after(held(Reason.Attaching), Pacing.USUAL_TRANSITION_PASSES + 3, 0, false);
    Duration much = pacing.after(held(Reason.Attaching), Pacing.USUAL_TRANSITION_PASSES + 30, 0, false);

    assertThat(fast).isEqualTo(Duration.ofMillis(150));
    assertThat(later).isEqualTo(Duration.ofMillis(506));
    assertThat(much).isEqualTo(Duration.ofSeconds(5));
  }
}
