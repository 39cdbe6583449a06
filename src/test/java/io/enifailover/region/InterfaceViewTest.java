package io.enifailover.region;

import static io.enifailover.region.TransitionPacingTest.eni;
import static org.assertj.core.api.Assertions.assertThat;

import io.enifailover.model.AttachmentStatus;
import io.enifailover.model.NetworkInterface;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The view of the pairs' interfaces: what a read changed, and which interfaces a tick reads. */
class InterfaceViewTest {
  static final Instant T0 = Instant.parse("2026-12-05T00:00:00Z");

  final InterfaceView view = new InterfaceView(new TransitionPacing(Duration.ofSeconds(10), Duration.ofSeconds(2)));

  @Test
  void aReadReportsTheInterfacesWhoseDescriptionChanged() {
    view.watch("eni-a");
    Map<String, NetworkInterface> attached = Map.of("eni-a", eni(AttachmentStatus.ATTACHED));

    assertThat(view.read(Set.of("eni-a"), attached, T0, T0)).isEmpty();
    assertThat(view.read(Set.of("eni-a"), attached, T0.plusSeconds(1), T0.plusSeconds(1))).isEmpty();
    assertThat(view.read(Set.of("eni-a"), Map.of(), T0.plusSeconds(2), T0.plusSeconds(2))).containsExactly("eni-a");
    assertThat(view.get("eni-a").value()).isEmpty();
  }

  @Test
  void anInterfaceTheOperatorChangedIsReadAtTheFastPaceUntilTheChangeShows() {
    view.watch("eni-a");
    view.read(Set.of("eni-a"), Map.of("eni-a", eni(AttachmentStatus.ATTACHED)), T0, T0);
    view.expect("eni-a", T0.plusSeconds(1));

    assertThat(view.due(T0.plusSeconds(1))).containsExactly("eni-a");
    view.read(Set.of("eni-a"), Map.of("eni-a", eni(AttachmentStatus.ATTACHED)), T0.plusSeconds(1), T0.plusSeconds(1));
    assertThat(view.due(T0.plusMillis(1049))).isEmpty();
    assertThat(view.due(T0.plusMillis(1050))).containsExactly("eni-a");

    view.read(Set.of("eni-a"), Map.of("eni-a", eni(AttachmentStatus.DETACHING)), T0.plusMillis(1050), T0.plusMillis(1050));
    view.unwatch("eni-a");
    assertThat(view.due(T0.plusSeconds(5))).as("unwatched: neither expected nor moving").isEmpty();
  }

  @Test
  void aWatchedInterfaceInTransitionIsDueAtItsPace() {
    view.watch("eni-a");
    view.read(Set.of("eni-a"), Map.of("eni-a", eni(AttachmentStatus.DETACHING)), T0, T0);

    assertThat(view.due(T0.plusMillis(49))).isEmpty();
    assertThat(view.due(T0.plusMillis(50))).containsExactly("eni-a");
    assertThat(view.watched()).containsExactly("eni-a");
  }
}
