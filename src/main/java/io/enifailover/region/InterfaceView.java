package io.enifailover.region;

import io.enifailover.model.NetworkInterface;
import io.enifailover.region.RegionObserver.Seen;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The region's view of the pairs' interfaces: which are watched, each as last read, those the operator just
 * changed, and those in transition (with their {@link TransitionPacing pace}). Pure: the observer's reader
 * thread does the reads, tells it what EC2 answered, and wakes the pairs of the interfaces it names.
 */
final class InterfaceView {
  /** How long an interface the operator just changed is read at every fast interval, if nothing shows the change. */
  private static final Duration EXPECT_FOR = Duration.ofSeconds(10);

  private final Map<String, Seen<NetworkInterface>> seen = new ConcurrentHashMap<>();
  private final Set<String> watched = ConcurrentHashMap.newKeySet();
  private final Map<String, Instant> expected = new ConcurrentHashMap<>();
  private final TransitionPacing pacing;

  InterfaceView(TransitionPacing pacing) {
    this.pacing = pacing;
  }

  void watch(String id) {
    watched.add(id);
  }

  void unwatch(String id) {
    watched.remove(id);
    expected.remove(id);
    pacing.forget(id);
  }

  Set<String> watched() {
    return Set.copyOf(watched);
  }

  void expect(String id, Instant now) {
    expected.put(id, now);
  }

  /** The interface as last read; null when never read. */
  Seen<NetworkInterface> get(String id) {
    return seen.get(id);
  }

  /**
   * What EC2 answered for {@code ids}, read at {@code readAt}: an interface not in {@code found} does not exist.
   * Answers the interfaces whose description changed since their last read; that ends the wait for a change.
   */
  Set<String> read(Set<String> ids, Map<String, NetworkInterface> found, Instant readAt, Instant answeredAt) {
    Set<String> changed = new HashSet<>();
    for (String id : ids) {
      Optional<NetworkInterface> eni = Optional.ofNullable(found.get(id));
      Seen<NetworkInterface> before = seen.put(id, new Seen<>(eni, readAt, answeredAt));
      pacing.read(id, eni, readAt);
      if (before != null && !before.value().equals(eni)) {
        expected.remove(id);
        changed.add(id);
      }
    }
    return changed;
  }

  /** The interfaces the operator changed, read at every fast interval until the change shows, and those in transition at their pace. */
  Set<String> due(Instant now) {
    expected.values().removeIf(since -> since.plus(EXPECT_FOR).isBefore(now));
    Set<String> due = new HashSet<>();
    expected.keySet().forEach(id -> {
      Seen<NetworkInterface> last = seen.get(id);
      if (last == null || !last.readAt().plus(TransitionPacing.FAST).isAfter(now)) {
        due.add(id);
      }
    });
    pacing.moving().forEach(id -> {
      Seen<NetworkInterface> last = seen.get(id);
      if (watched.contains(id) && last != null && pacing.due(id, last.readAt(), now)) {
        due.add(id);
      }
    });
    return due;
  }
}
