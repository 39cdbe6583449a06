package io.enifailover.region;

import static org.assertj.core.api.Assertions.assertThat;

import io.enifailover.model.Route;
import io.enifailover.model.RouteTable;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The region's view of route tables: who watches what, what a read changes, whom it wakes, and what is due a read. */
class RouteTableViewTest {
  static final Instant T0 = Instant.parse("2026-12-05T00:00:00Z");
  static final String OVERLAY = "192.168.100.10/32";

  @Test
  void aTableWatchedByManyPairsIsReadOnce() {
    RouteTableView view = new RouteTableView();
    view.watch("ns/a", Set.of("rtb-1", "rtb-2"));
    view.watch("ns/b", Set.of("rtb-2", "rtb-3"));
    view.watch("ns/c", Set.of("rtb-2"));

    assertThat(view.watched()).containsExactlyInAnyOrder("rtb-1", "rtb-2", "rtb-3");
  }

  @Test
  void watchingAgainReplacesThePairsTablesAndUnwatchingDropsOnlyTablesNoOtherPairWatches() {
    RouteTableView view = new RouteTableView();
    view.watch("ns/a", Set.of("rtb-1", "rtb-2"));
    view.watch("ns/b", Set.of("rtb-2"));

    view.watch("ns/a", Set.of("rtb-1", "rtb-4"));
    assertThat(view.watched()).containsExactlyInAnyOrder("rtb-1", "rtb-2", "rtb-4");

    view.unwatch("ns/b");
    assertThat(view.watched()).containsExactlyInAnyOrder("rtb-1", "rtb-4");
    view.unwatch("ns/a");
    view.unwatch("ns/unknown");
    assertThat(view.watched()).isEmpty();
  }

  @Test
  void aChangedTableWakesExactlyThePairsWatchingItOnce() {
    RouteTableView view = new RouteTableView();
    view.watch("ns/a", Set.of("rtb-1", "rtb-2"));
    view.watch("ns/b", Set.of("rtb-2"));
    view.watch("ns/c", Set.of("rtb-3"));
    Set<String> all = Set.of("rtb-1", "rtb-2", "rtb-3");

    assertThat(view.read(all, tables("eni-a", all), T0, T0)).as("a first read changes nothing").isEmpty();
    assertThat(view.read(all, tables("eni-a", all), T0.plusSeconds(1), T0.plusSeconds(1))).as("nothing changed").isEmpty();

    Map<String, RouteTable> moved = Map.of("rtb-1", table("rtb-1", "eni-b"), "rtb-2", table("rtb-2", "eni-b"),
        "rtb-3", table("rtb-3", "eni-a"));
    assertThat(view.read(all, moved, T0.plusSeconds(2), T0.plusSeconds(2))).containsExactlyInAnyOrder("ns/a", "ns/b");
  }

  @Test
  void aTableThatDisappearsWakesItsPairsAndIsSeenEmpty() {
    RouteTableView view = new RouteTableView();
    view.watch("ns/a", Set.of("rtb-1"));
    view.read(Set.of("rtb-1"), tables("eni-a", Set.of("rtb-1")), T0, T0);

    assertThat(view.read(Set.of("rtb-1"), Map.of(), T0.plusSeconds(1), T0.plusMillis(1020))).containsExactly("ns/a");
    assertThat(view.seen(Set.of("rtb-1")).get("rtb-1"))
        .isEqualTo(new RegionObserver.Seen<RouteTable>(Optional.empty(), T0.plusSeconds(1), T0.plusMillis(1020)));
  }

  @Test
  void staleAreTheTablesNeverReadOrReadLongerAgoThanTheMaxAge() {
    RouteTableView view = new RouteTableView();
    view.read(Set.of("rtb-1", "rtb-2"), tables("eni-a", Set.of("rtb-1")), T0, T0);
    Set<String> ids = Set.of("rtb-1", "rtb-2", "rtb-3");

    assertThat(view.stale(ids, Duration.ofSeconds(1), T0.plusSeconds(1))).containsExactly("rtb-3");
    assertThat(view.stale(ids, Duration.ofSeconds(1), T0.plusMillis(1001))).containsExactlyInAnyOrder("rtb-1", "rtb-2", "rtb-3");
    assertThat(view.seen(ids)).as("a missing table is seen, with no value; one never read is not").containsOnlyKeys("rtb-1", "rtb-2");
    assertThat(view.seen(ids).get("rtb-2").value()).isEmpty();
  }

  @Test
  void aChangedTableIsDueAtOnceThenAtTheFastPaceUntilAReadShowsTheChange() {
    RouteTableView view = new RouteTableView();
    view.read(Set.of("rtb-1"), tables("eni-a", Set.of("rtb-1")), T0.plusMillis(990), T0.plusMillis(995));
    Instant changed = T0.plusSeconds(1);
    view.expect("rtb-1", changed);

    assertThat(view.due(changed)).as("last read before the change, 10 ms ago").containsExactly("rtb-1");
    view.read(Set.of("rtb-1"), tables("eni-a", Set.of("rtb-1")), changed.plusMillis(10), changed.plusMillis(20));
    assertThat(view.due(changed.plusMillis(59))).as("read after the change, showing none yet").isEmpty();
    assertThat(view.due(changed.plusMillis(60))).containsExactly("rtb-1");

    view.read(Set.of("rtb-1"), tables("eni-b", Set.of("rtb-1")), changed.plusMillis(60), changed.plusMillis(70));
    assertThat(view.expecting("rtb-1")).isFalse();
    assertThat(view.due(changed.plusMillis(500))).isEmpty();
  }

  @Test
  void aReadStartedBeforeTheChangeDoesNotEndTheWait() {
    RouteTableView view = new RouteTableView();
    view.read(Set.of("rtb-1"), tables("eni-a", Set.of("rtb-1")), T0, T0);
    Instant changed = T0.plusSeconds(1);
    view.expect("rtb-1", changed);

    view.read(Set.of("rtb-1"), tables("eni-b", Set.of("rtb-1")), changed.minusMillis(5), changed.plusMillis(5));

    assertThat(view.expecting("rtb-1")).isTrue();
    assertThat(view.due(changed.plusMillis(10))).containsExactly("rtb-1");
  }

  @Test
  void aTableNeverReadIsDoneWaitingAfterItsFirstRead() {
    RouteTableView view = new RouteTableView();
    view.expect("rtb-1", T0);

    assertThat(view.due(T0)).containsExactly("rtb-1");
    view.read(Set.of("rtb-1"), tables("eni-b", Set.of("rtb-1")), T0.plusMillis(10), T0.plusMillis(20));
    assertThat(view.expecting("rtb-1")).isFalse();
  }

  @Test
  void theWaitForAChangeThatNeverShowsIsBounded() {
    RouteTableView view = new RouteTableView();
    view.read(Set.of("rtb-1"), tables("eni-a", Set.of("rtb-1")), T0, T0);
    view.expect("rtb-1", T0.plusSeconds(1));
    view.read(Set.of("rtb-1"), tables("eni-a", Set.of("rtb-1")), T0.plusSeconds(1), T0.plusSeconds(1));

    Instant last = T0.plusSeconds(1).plus(RouteTableView.EXPECT_FOR);
    assertThat(view.due(last)).containsExactly("rtb-1");
    assertThat(view.due(last.plusMillis(1))).isEmpty();
    assertThat(view.expecting("rtb-1")).isFalse();
  }

  @Test
  void unwatchingTheLastPairOfATableEndsTheWaitForItsChange() {
    RouteTableView view = new RouteTableView();
    view.watch("ns/a", Set.of("rtb-1", "rtb-2"));
    view.watch("ns/b", Set.of("rtb-2"));
    view.expect("rtb-1", T0);
    view.expect("rtb-2", T0);

    view.unwatch("ns/a");

    assertThat(view.due(T0)).containsExactly("rtb-2");
  }

  static Map<String, RouteTable> tables(String target, Set<String> ids) {
    return ids.stream().collect(java.util.stream.Collectors.toMap(id -> id, id -> table(id, target)));
  }

  static RouteTable table(String id, String target) {
    return new RouteTable(id, "vpc-1", List.of(new Route("10.0.0.0/16", Optional.empty(), "local", false),
        new Route(OVERLAY, Optional.of(target), target, false)), Map.of());
  }
}
