package io.enifailover.region;

import io.enifailover.model.AttachmentStatus;
import io.enifailover.model.NetworkInterface;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * When the observer reads an interface in transition again. EC2 takes seconds to attach or detach, and in one
 * region hardly ever less than the shortest it was seen to take. Reading at the fastest pace all that time
 * would spend the describe share for nothing and leave none for the moment that counts, the end. So, until
 * near the shortest transition seen of its kind, an interface is read again once half the time left has
 * passed (never sooner than {@link #FAST}, never later than {@link #SLOWEST}), and then every {@link #FAST},
 * so the end is noticed within one fast interval. A transition longer than usual (stuck) is read at the slow
 * pace. Pure: the observer tells it what it read and asks which interfaces are due.
 */
final class TransitionPacing {
  /** The pace near the end of a transition, and of a transition of a kind not seen to end yet. */
  static final Duration FAST = Duration.ofMillis(50);
  /** The slowest pace early in a transition: a transition much quicker than any seen is noticed this late at worst. */
  static final Duration SLOWEST = Duration.ofMillis(500);
  /** The fast pace starts this far into the shortest transition seen, as transitions vary. */
  private static final double MARGIN = 0.9;

  private record Moving(AttachmentStatus kind, Instant since) {}

  private final Duration usual;
  private final Duration stuckPace;
  private final Map<String, Moving> moving = new ConcurrentHashMap<>();
  private final Map<AttachmentStatus, Duration> shortest = new ConcurrentHashMap<>();

  /**
   * @param usual how long EC2 usually takes to attach or detach at most: longer, the transition is stuck
   * @param stuckPace how often a stuck transition is read
   */
  TransitionPacing(Duration usual, Duration stuckPace) {
    this.usual = usual;
    this.stuckPace = stuckPace;
  }

  /** The interface as read at {@code at}: a transition starts, goes on, or ends (and its length is learned). */
  void read(String id, Optional<NetworkInterface> eni, Instant at) {
    Optional<AttachmentStatus> kind = eni.filter(NetworkInterface::isInTransition).flatMap(NetworkInterface::liveAttachment)
        .map(a -> a.status());
    if (kind.isPresent()) {
      moving.compute(id, (k, m) -> m != null && m.kind() == kind.get() ? m : new Moving(kind.get(), at));
      return;
    }
    Moving ended = moving.remove(id);
    if (ended != null) {
      shortest.merge(ended.kind(), Duration.between(ended.since(), at), (a, b) -> a.compareTo(b) <= 0 ? a : b);
    }
  }

  void forget(String id) {
    moving.remove(id);
  }

  Set<String> moving() {
    return moving.keySet();
  }

  /** Whether the interface in transition, last read at {@code readAt}, is due to be read at {@code now}. */
  boolean due(String id, Instant readAt, Instant now) {
    Moving m = moving.get(id);
    return m != null && !readAt.plus(pace(m, now)).isAfter(now);
  }

  private Duration pace(Moving m, Instant now) {
    Duration elapsed = Duration.between(m.since(), now);
    if (elapsed.compareTo(usual) > 0) {
      return stuckPace;
    }
    Duration seen = shortest.get(m.kind());
    if (seen == null) {
      return FAST;
    }
    Duration halfLeft = Duration.ofNanos((long) (seen.toNanos() * MARGIN) - elapsed.toNanos()).dividedBy(2);
    return halfLeft.compareTo(FAST) < 0 ? FAST : halfLeft.compareTo(SLOWEST) > 0 ? SLOWEST : halfLeft;
  }
}
