package io.enifailover.plan;

import static org.assertj.core.api.Assertions.assertThat;

import io.enifailover.model.Reason;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PairMemoryTest {
  static Optional<Transition> detaching(String attachmentId) {
    return Optional.of(new Transition(Transition.Kind.LEAVING, attachmentId));
  }

  @Test
  void aForcedDetachRecordedInStatusIsNotSentAgainAfterARestart() {
    PairMemory memory = PairMemory.NEW.seeing(detaching("eni-attach-1"), Instant.EPOCH);

    TransitionProgress progress = memory.progress(Instant.EPOCH, Optional.of("eni-attach-1"));

    assertThat(progress.forceSent()).isTrue();
    assertThat(progress.requestedByOperator()).as("a restarted operator did not request it").isFalse();
    assertThat(PairMemory.NEW.seeing(detaching("eni-attach-2"), Instant.EPOCH).progress(Instant.EPOCH, Optional.of("eni-attach-1")).forceSent())
        .as("a forced detach of another attachment").isFalse();
  }

  @Test
  void aTransitionCountsFromTheFirstPassThatSawIt() {
    PairMemory memory = PairMemory.NEW.seeing(detaching("eni-attach-1"), Instant.EPOCH)
        .seeing(detaching("eni-attach-1"), Instant.EPOCH.plusSeconds(5));

    assertThat(memory.progress(Instant.EPOCH.plusSeconds(7), Optional.empty()).detachingFor()).isEqualTo(Duration.ofSeconds(7));
    assertThat(memory.seeing(Optional.empty(), Instant.EPOCH.plusSeconds(8)).transition()).as("it ended").isEmpty();
  }

  @Test
  void aRefusedTargetIsForgottenAfterTheStalledRetryOrWhenTheSpecChanges() {
    Duration forgetAfter = Duration.ofMinutes(2);
    PairMemory memory = PairMemory.NEW.refusalsFor(1, Instant.EPOCH, forgetAfter)
        .refusedOn(new RefusedTarget("i-0bbbbbbbbbbbbbbbb", Reason.AccessDenied, "denied"), Instant.EPOCH);

    assertThat(memory.refusalsFor(1, Instant.EPOCH.plusSeconds(119), forgetAfter).refusedTargets()).containsOnlyKeys("i-0bbbbbbbbbbbbbbbb");
    assertThat(memory.refusalsFor(1, Instant.EPOCH.plusSeconds(120), forgetAfter).refusedTargets()).isEmpty();
    assertThat(memory.refusalsFor(2, Instant.EPOCH, forgetAfter).refusedTargets()).as("the spec changed").isEmpty();
  }

  @Test
  void aClaimSettlesForTwoSecondsAfterItIsWritten() {
    Instant written = Instant.EPOCH;
    PairMemory memory = PairMemory.NEW.changed(new io.enifailover.model.Step.Claim(
        new io.enifailover.model.PairClaim("payments", "db", "uid", "")), written, written);

    assertThat(memory.claimSettling(written.plusMillis(1999))).isTrue();
    assertThat(memory.claimSettling(written.plusSeconds(2))).isFalse();
    assertThat(memory.predatesLastChange(written)).isTrue();
    assertThat(memory.predatesLastChange(written.plusMillis(1))).isFalse();
  }
}
