package io.enifailover.region;

import io.enifailover.model.RouteTable;
import io.enifailover.region.RegionObserver.Seen;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The region's view of the route tables pairs watch: who watches which table, each table as last read, and
 * the tables the operator has just changed. Pure: the observer's reader thread does the reads, tells it what
 * EC2 answered, and wakes the pairs it names. A table watched by several pairs is one entry, read once.
 */
final class RouteTableView {
  /**
   * How long a table the operator changed is read at the fast pace if no read shows a change. ReplaceRoute and
   * CreateRoute take effect in the call, but EC2's describes are eventually consistent: the first read after
   * the change may still show the route as it was. Bounded, as a change that was no change (the route already
   * pointed there) never shows.
   */
  static final Duration EXPECT_FOR = Duration.ofSeconds(2);

  private final Map<String, Set<String>> byPair = new ConcurrentHashMap<>();
  private final Map<String, Seen<RouteTable>> seen = new ConcurrentHashMap<>();
  /** Tables the operator changed, by when it said so. */
  private final Map<String, Instant> expected = new ConcurrentHashMap<>();

  /** The pair's tables from now on (replacing those it watched before): read at every resync. */
  void watch(String pairKey, Set<String> tableIds) {
    byPair.put(pairKey, Set.copyOf(tableIds));
  }

  /** The pair watches no table any more; a table no other pair watches is no longer read. */
  void unwatch(String pairKey) {
    Set<String> gone = byPair.remove(pairKey);
    if (gone != null) {
      Set<String> still = watched();
      gone.stream().filter(id -> !still.contains(id)).forEach(expected::remove);
    }
  }

  /** Every table some pair watches, each once. */
  Set<String> watched() {
    Set<String> all = new HashSet<>();
    byPair.values().forEach(all::addAll);
    return all;
  }

  /** The operator has just changed the table: read it soon, and again at the fast pace until a read shows a change. */
  void expect(String tableId, Instant now) {
    expected.put(tableId, now);
  }

  /** The tables among {@code ids} never read, or last read longer than {@code maxAge} before {@code now}. */
  Set<String> stale(Set<String> ids, Duration maxAge, Instant now) {
    Set<String> old = new HashSet<>();
    ids.stream().filter(id -> {
      Seen<RouteTable> last = seen.get(id);
      return last == null || last.readAt().plus(maxAge).isBefore(now);
    }).forEach(old::add);
    return old;
  }

  /** The tables as last read (those never read are left out). */
  Map<String, Seen<RouteTable>> seen(Set<String> ids) {
    Map<String, Seen<RouteTable>> found = new HashMap<>();
    ids.forEach(id -> Optional.ofNullable(seen.get(id)).ifPresent(s -> found.put(id, s)));
    return found;
  }

  /**
   * The tables the operator changed that are due a read at {@code now}: not read since the change, or last
   * read at least {@link TransitionPacing#FAST} ago. Expectations older than {@link #EXPECT_FOR} end here.
   */
  Set<String> due(Instant now) {
    expected.values().removeIf(since -> since.plus(EXPECT_FOR).isBefore(now));
    Set<String> due = new HashSet<>();
    expected.forEach((id, since) -> {
      Seen<RouteTable> last = seen.get(id);
      if (last == null || last.readAt().isBefore(since) || !last.readAt().plus(TransitionPacing.FAST).isAfter(now)) {
        due.add(id);
      }
    });
    return due;
  }

  /**
   * What EC2 answered for {@code ids}, read at {@code readAt}: a table not in {@code found} does not exist.
   * Answers the pairs to wake, those watching a table whose description changed since its last read. A
   * change, or a first read, started after the operator's change ends the expectation of it.
   */
  Set<String> read(Set<String> ids, Map<String, RouteTable> found, Instant readAt, Instant answeredAt) {
    Set<String> changed = new HashSet<>();
    for (String id : ids) {
      Optional<RouteTable> table = Optional.ofNullable(found.get(id));
      Seen<RouteTable> before = seen.put(id, new Seen<>(table, readAt, answeredAt));
      boolean change = before != null && !before.value().equals(table);
      if (change) {
        changed.add(id);
      }
      Instant since = expected.get(id);
      if (since != null && !readAt.isBefore(since) && (before == null || change)) {
        expected.remove(id, since);
      }
    }
    Set<String> pairs = new HashSet<>();
    byPair.forEach((pair, tables) -> {
      if (tables.stream().anyMatch(changed::contains)) {
        pairs.add(pair);
      }
    });
    return pairs;
  }

  /** Whether the operator's change of the table is still waited for (for tests). */
  boolean expecting(String tableId) {
    return expected.containsKey(tableId);
  }
}
