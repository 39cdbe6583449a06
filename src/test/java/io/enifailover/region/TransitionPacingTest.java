package io.enifailover.region;

import static org.assertj.core.api.Assertions.assertThat;

import io.enifailover.model.Attachment;
import io.enifailover.model.AttachmentStatus;
import io.enifailover.model.NetworkInterface;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** How often an interface in transition is read: slowly while EC2 is known to need longer, fast near the end. */
class TransitionPacingTest {
  static final Instant T0 = Instant.parse("2026-12-05T00:00:00Z");
  static final Duration USUAL = Duration.ofSeconds(10);
  static final Duration STUCK_PACE = Duration.ofSeconds(2);

  @Test
  void aKindOfTransitionNeverSeenToEndIsReadAtTheFastPace() {
    TransitionPacing pacing = new TransitionPacing(USUAL, STUCK_PACE);
    pacing.read("eni-a", Optional.of(eni(AttachmentStatus.DETACHING)), T0);

    assertThat(pacing.due("eni-a", T0, T0.plusMillis(49))).isFalse();
    assertThat(pacing.due("eni-a", T0, T0.plusMillis(50))).isTrue();
  }

  @Test
  void afterOneEndedTheNextIsReadWhenHalfTheTimeLeftHasPassedThenFastNearTheEnd() {
    TransitionPacing pacing = learnedDetach(Duration.ofMillis(2000));
    Instant start = T0.plusSeconds(60);
    pacing.read("eni-a", Optional.of(eni(AttachmentStatus.DETACHING)), start);

    List<Long> reads = readsUntil(pacing, start, start.plusMillis(2500));

    assertThat(reads).as("ms into it: a read once half the time left to 90 % of 2 s has passed (500 ms at most), then every 50 ms")
        .startsWith(500L, 934L, 1223L, 1416L, 1544L, 1630L, 1687L, 1737L, 1787L, 1837L, 1887L);
    assertThat(reads).as("no more than 50 ms apart from there on").hasSize(23);
  }

  @Test
  void aTransitionLongerThanUsualIsReadAtTheStuckPace() {
    TransitionPacing pacing = new TransitionPacing(USUAL, STUCK_PACE);
    pacing.read("eni-a", Optional.of(eni(AttachmentStatus.ATTACHING)), T0);
    Instant late = T0.plus(USUAL).plusSeconds(1);

    assertThat(pacing.due("eni-a", late.minusMillis(1999), late)).isFalse();
    assertThat(pacing.due("eni-a", late.minus(STUCK_PACE), late)).isTrue();
  }

  @Test
  void anInterfaceNotInTransitionOrForgottenIsNeverDue() {
    TransitionPacing pacing = new TransitionPacing(USUAL, STUCK_PACE);
    pacing.read("eni-a", Optional.of(eni(AttachmentStatus.ATTACHED)), T0);
    pacing.read("eni-b", Optional.of(eni(AttachmentStatus.DETACHING)), T0);
    pacing.forget("eni-b");

    assertThat(pacing.due("eni-a", T0, T0.plusSeconds(5))).isFalse();
    assertThat(pacing.due("eni-b", T0, T0.plusSeconds(5))).isFalse();
    assertThat(pacing.moving()).isEmpty();
  }

  /** A pacing that saw one detach take {@code took}. */
  static TransitionPacing learnedDetach(Duration took) {
    TransitionPacing pacing = new TransitionPacing(USUAL, STUCK_PACE);
    pacing.read("eni-x", Optional.of(eni(AttachmentStatus.DETACHING)), T0);
    pacing.read("eni-x", Optional.of(eni(AttachmentStatus.DETACHED)), T0.plus(took));
    return pacing;
  }

  /** The moments (ms after {@code start}) an observer ticking every ms reads the interface. */
  static List<Long> readsUntil(TransitionPacing pacing, Instant start, Instant end) {
    List<Long> reads = new ArrayList<>();
    Instant last = start;
    for (Instant now = start; now.isBefore(end); now = now.plusMillis(1)) {
      if (pacing.due("eni-a", last, now)) {
        reads.add(Duration.between(start, now).toMillis());
        last = now;
      }
    }
    return reads;
  }

  static NetworkInterface eni(AttachmentStatus status) {
    return new NetworkInterface("eni-a", "us-east-1a", "vpc-1", "subnet-1", true, "10.0.1.10", List.of("10.0.1.10"),
        Optional.of(new Attachment("eni-attach-1", "i-0aaaaaaaaaaaaaaaa", 1, status)), Map.of(), Map.of());
  }
}
