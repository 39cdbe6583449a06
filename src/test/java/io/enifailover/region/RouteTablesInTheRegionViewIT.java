package io.enifailover.region;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.enifailover.ec2.Ec2Gateway;
import io.enifailover.ec2.Ec2Gateways;
import io.enifailover.ec2.Ec2Settings;
import io.enifailover.model.RouteTable;
import io.enifailover.region.RegionObserver.Seen;
import io.enifailover.sim.Ec2Simulator;
import io.enifailover.sim.SimRequest;
import io.enifailover.sim.SimulatorConfig;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Route tables in the region's view, read through the gateway and the real SDK client from the simulator: a
 * table watched by many pairs is read once per resync, in one DescribeRouteTables per 100 tables; a change made
 * out of band is seen by the first read after it and wakes exactly the pairs watching the table; the operator's
 * own change is read back at once.
 */
class RouteTablesInTheRegionViewIT {
  static final String VPC = "vpc-0a1b2c3d4e5f60719";
  static final String VPC_CIDR = "10.0.0.0/16";
  static final String OVERLAY = "192.168.100.10/32";
  static final Duration RESYNC = Duration.ofMillis(300);
  static final Duration NO_RESYNC_IN_THIS_TEST = Duration.ofMinutes(5);
  static Ec2Simulator sim;
  static Ec2Gateways gateways;
  static Ec2Gateway gateway;
  static int counter;

  final List<String> woken = new CopyOnWriteArrayList<>();
  RegionObserver observer;
  String eniA;
  String eniB;
  int test;

  @BeforeAll
  static void start() {
    sim = Ec2Simulator.start(SimulatorConfig.defaults());
    gateways = new Ec2Gateways(new Ec2Settings("us-east-1", Optional.of(sim.endpoint()), true));
    gateway = gateways.forRegion(null);
  }

  @AfterAll
  static void stop() {
    gateways.close();
    sim.close();
  }

  /** Two interfaces a route can point at. */
  @BeforeEach
  void world() {
    test = ++counter;
    eniA = String.format("eni-0a%02x00000000001", test);
    eniB = String.format("eni-0b%02x00000000001", test);
    sim.addNetworkInterface(eniA, "us-east-1a", VPC, "subnet-a", "10.0.1." + (test + 10));
    sim.addNetworkInterface(eniB, "us-east-1b", VPC, "subnet-b", "10.0.2." + (test + 10));
  }

  @AfterEach
  void closeObserver() {
    if (observer != null) {
      observer.close();
    }
  }

  @Test
  void manyPairsWatchingOverlappingTablesCostOneCallPerHundredTablesPerResync() {
    List<String> tables = tables(151);
    observer = observer(RESYNC);
    for (int pair = 0; pair < 75; pair++) {
      observer.watchRouteTables("ns/pair-" + pair, Set.of(tables.get(2 * pair), tables.get(2 * pair + 1), tables.get(2 * pair + 2)));
    }
    sim.resetCounters();
    Set<String> firstHundred = new HashSet<>(tables.subList(0, 100));
    Set<String> rest = new HashSet<>(tables.subList(100, 151));

    AtomicReference<Quiet> quiet = new AtomicReference<>();
    await().atMost(Duration.ofSeconds(10)).until(() -> {
      quiet.set(Quiet.now());
      List<Set<String>> reads = quiet.get().routeTableReads();
      return reads.size() >= 6 && reads.get(reads.size() - 1).equals(rest);
    });

    int sweeps = quiet.get().routeTableReads().size() / 2;
    List<Set<String>> expected = new ArrayList<>();
    IntStream.range(0, sweeps).forEach(i -> {
      expected.add(firstHundred);
      expected.add(rest);
    });
    assertThat(quiet.get().routeTableReads()).as("75 pairs, 151 distinct tables: 2 calls per resync").isEqualTo(expected);
    assertThat(quiet.get().counts()).isEqualTo(Map.of("DescribeRouteTables", 2 * sweeps));
    assertThat(woken).as("nothing changed").isEmpty();
  }

  @Test
  void aRouteChangedOutOfBandIsSeenByTheFirstReadAfterItAndWakesExactlyThePairsWatchingItsTable() {
    List<String> tables = tables(3);
    routeAll(tables, eniA);
    observer = observer(RESYNC);
    observer.watchRouteTables("ns/one", Set.of(tables.get(0)));
    observer.watchRouteTables("ns/two", Set.of(tables.get(0), tables.get(1)));
    observer.watchRouteTables("ns/three", Set.of(tables.get(1), tables.get(2)));
    observer.watchRouteTables("ns/four", Set.of(tables.get(2)));
    observer.routeTables(Set.copyOf(tables), Duration.ZERO);
    String changed = tables.get(0);

    Instant outOfBand = Instant.now();
    sim.routeOutOfBand(changed, OVERLAY, eniB);
    await().atMost(RESYNC.multipliedBy(3)).until(() -> pointsAt(fromView(changed), eniB));

    Seen<RouteTable> seen = fromView(changed);
    assertThat(readsNaming(changed).stream().filter(r -> r.at().isAfter(outOfBand) && r.at().isBefore(seen.readAt())))
        .as("no read between the change and the one that showed it").isEmpty();
    await().atMost(Duration.ofSeconds(1)).until(() -> woken.size() >= 2);
    assertThat(woken).containsExactlyInAnyOrder("ns/one", "ns/two");
    await().atMost(RESYNC.multipliedBy(3)).until(() -> fromView(changed).readAt().isAfter(seen.answeredAt()));
    assertThat(woken).as("the next resync shows no change").containsExactlyInAnyOrder("ns/one", "ns/two");
  }

  @Test
  void aTableNoPairWatchesAnyMoreIsNoLongerRead() {
    List<String> tables = tables(2);
    observer = observer(RESYNC);
    observer.watchRouteTables("ns/one", Set.of(tables.get(0), tables.get(1)));
    observer.watchRouteTables("ns/two", Set.of(tables.get(1)));
    observer.routeTables(Set.copyOf(tables), Duration.ZERO);

    Instant unwatched = Instant.now();
    observer.unwatchRouteTables("ns/one");
    await().atMost(RESYNC.multipliedBy(3)).until(() -> fromView(tables.get(1)).readAt().isAfter(unwatched));
    sim.resetCounters();

    AtomicReference<Quiet> quiet = new AtomicReference<>();
    await().atMost(Duration.ofSeconds(5)).until(() -> {
      quiet.set(Quiet.now());
      return quiet.get().routeTableReads().size() >= 2;
    });
    int reads = quiet.get().routeTableReads().size();
    assertThat(quiet.get().routeTableReads()).as("only the table pair two still watches").containsOnly(Set.of(tables.get(1)));
    assertThat(quiet.get().counts()).isEqualTo(Map.of("DescribeRouteTables", reads));
  }

  @Test
  void theOperatorsOwnChangeIsReadBackAtOnceNotAtTheNextResync() {
    List<String> tables = tables(2);
    routeAll(tables, eniA);
    observer = observer(NO_RESYNC_IN_THIS_TEST);
    observer.watchRouteTables("ns/one", Set.copyOf(tables));
    observer.watchRouteTables("ns/two", Set.of(tables.get(1)));
    observer.routeTables(Set.copyOf(tables), Duration.ZERO);
    sim.resetCounters();

    gateway.replaceRoute(tables.get(0), OVERLAY, eniB, false);
    observer.expectRouteChange(tables.get(0));
    await().atMost(Duration.ofSeconds(2)).until(() -> pointsAt(fromView(tables.get(0)), eniB));

    assertThat(sim.callCounts()).as("one read of the changed table, which showed the change")
        .isEqualTo(Map.of("ReplaceRoute", 1, "DescribeRouteTables", 1));
    assertThat(readsNaming(tables.get(0))).singleElement().satisfies(r -> assertThat(filterValues(r)).containsExactly(tables.get(0)));
    await().atMost(Duration.ofSeconds(1)).until(() -> !woken.isEmpty());
    assertThat(woken).containsExactly("ns/one");
  }

  @Test
  void aMissingTableIsSeenWithNoValue() {
    List<String> tables = tables(1);
    String missing = String.format("rtb-0f%02x00000000001", test);
    observer = observer(NO_RESYNC_IN_THIS_TEST);
    sim.resetCounters();
    Instant before = Instant.now();

    Map<String, Seen<RouteTable>> seen = observer.routeTables(Set.of(tables.get(0), missing), Duration.ZERO);

    assertThat(seen.get(missing).value()).isEmpty();
    assertThat(seen.get(missing).readAt()).isAfterOrEqualTo(before);
    assertThat(seen.get(tables.get(0)).value()).map(RouteTable::id).contains(tables.get(0));
    assertThat(sim.callCounts()).isEqualTo(Map.of("DescribeRouteTables", 1));
  }

  @Test
  void prefetchReadsEveryPairsTablesInOneBatchedReadAndPassesThenReadFromTheView() {
    List<String> tables = tables(120);
    observer = observer(NO_RESYNC_IN_THIS_TEST);
    sim.resetCounters();
    Map<String, Set<String>> byPair = new HashMap<>();
    for (int pair = 0; pair < 60; pair++) {
      byPair.put("ns/pair-" + pair, Set.of(tables.get(2 * pair), tables.get((2 * pair + 1 + 60) % 120)));
    }

    observer.prefetch(Set.of(), Set.of(), byPair);
    await().atMost(Duration.ofSeconds(5)).until(() -> observer.routeTablesInView(Set.copyOf(tables)).size() == 120);

    Map<String, Seen<RouteTable>> seen = observer.routeTables(Set.copyOf(tables), Duration.ofSeconds(30));
    assertThat(seen).hasSize(120).allSatisfy((id, s) -> assertThat(s.value()).isPresent());
    assertThat(sim.callCounts()).as("120 tables: 2 calls, and none for a pass that finds them in the view")
        .isEqualTo(Map.of("DescribeRouteTables", 2));
  }

  /** The simulator's counts and request log, taken together. */
  record Quiet(Map<String, Integer> counts, List<SimRequest> log) {
    static Quiet now() {
      return new Quiet(sim.callCounts(), sim.requestLog());
    }

    /** The tables each DescribeRouteTables named, in order. */
    List<Set<String>> routeTableReads() {
      return log.stream().filter(r -> r.action().equals("DescribeRouteTables")).map(RouteTablesInTheRegionViewIT::filterValues).toList();
    }
  }

  RegionObserver observer(Duration resync) {
    return new RegionObserver("us-east-1", gateway, Clock.systemUTC(), resync, Duration.ofSeconds(10), Duration.ofSeconds(2),
        Ec2Budget.DEFAULT::describes, id -> { }, id -> { }, woken::add);
  }

  /** {@code n} new route tables of the VPC, sorted by id. */
  List<String> tables(int n) {
    List<String> ids = IntStream.range(0, n).mapToObj(i -> String.format("rtb-0c%02x%06x0001", test, i)).sorted().toList();
    ids.forEach(id -> sim.addRouteTable(id, VPC, VPC_CIDR));
    return ids;
  }

  void routeAll(List<String> tables, String eni) {
    tables.forEach(t -> sim.routeOutOfBand(t, OVERLAY, eni));
  }

  /** The table as last read; the tests read each table once before they look. */
  Seen<RouteTable> fromView(String table) {
    return observer.routeTablesInView(Set.of(table)).get(table);
  }

  static boolean pointsAt(Seen<RouteTable> seen, String eni) {
    return seen.value().flatMap(t -> t.route(OVERLAY)).filter(r -> r.deliversTo(eni)).isPresent();
  }

  static List<SimRequest> readsNaming(String table) {
    return sim.requestLog().stream().filter(r -> r.action().equals("DescribeRouteTables") && filterValues(r).contains(table)).toList();
  }

  /** The ids a describe filtered on (Filter.N.Value.M). */
  static Set<String> filterValues(SimRequest request) {
    return request.params().entrySet().stream().filter(e -> e.getKey().matches("Filter\\.\\d+\\.Value\\.\\d+"))
        .map(Map.Entry::getValue).collect(Collectors.toCollection(TreeSet::new));
  }
}
