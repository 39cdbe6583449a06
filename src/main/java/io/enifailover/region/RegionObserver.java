package io.enifailover.region;

import io.enifailover.ec2.Ec2Gateway;
import io.enifailover.model.Address;
import io.enifailover.model.Instance;
import io.enifailover.model.InstanceCheck;
import io.enifailover.model.NetworkInterface;
import io.enifailover.model.RouteTable;
import io.enifailover.region.ReadBatcher.Kind;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * One region's view of EC2 for every pair, read in as few calls as EC2 allows. One thread reads, in
 * {@link ReadBatcher batches}, so a hundred pairs asking at once cost one call per hundred ids. It refreshes
 * every watched interface and route table once per resync, ticks every {@link #TICK} reading only the
 * interfaces in transition (each at its {@link TransitionPacing pace}) and the interfaces and tables just
 * changed by the operator, and reports each interface whose description changed and the pairs watching each
 * table that changed, so that exactly their pairs are woken. Describes are paced by the operator's
 * {@link DescribeShares share} of EC2's describe buckets (one per action).
 */
public final class RegionObserver implements AutoCloseable {
  /** How often the observer looks for interfaces due a read: finer than any pace, so none is read late. */
  static final Duration TICK = Duration.ofMillis(10);
  /** How often the instances of pairs in automatic mode are read, for EC2's view of their health. */
  public static final Duration HEALTH_SWEEP = Duration.ofSeconds(2);
  private static final String DESCRIBE_INTERFACES = "DescribeNetworkInterfaces";
  private static final String DESCRIBE_INSTANCES = "DescribeInstances";
  private static final String DESCRIBE_ADDRESSES = "DescribeAddresses";
  private static final String DESCRIBE_ROUTE_TABLES = "DescribeRouteTables";

  /**
   * A value and when EC2 was read for it: the read was sent at {@code readAt} (how fresh the value is at least) and
   * answered at {@code answeredAt} (by when EC2 had shown it at the latest). An empty value: EC2 says it does not exist.
   */
  public record Seen<T>(Optional<T> value, Instant readAt, Instant answeredAt) {
    public Seen(Optional<T> value, Instant readAt) {
      this(value, readAt, readAt);
    }
  }

  private final Ec2Gateway ec2;
  private final Clock clock;
  private final Consumer<String> interfaceChanged;
  private final Consumer<String> instanceChanged;
  private final Consumer<String> routeTableWatcherWoken;
  private final DescribeShares shares;
  private final ScheduledExecutorService reader;
  private final ReadBatcher batches;
  private final HealthSweep health;
  private final InterfaceView interfaces;
  private final RouteTableView routeTables = new RouteTableView();
  private final Map<String, Seen<Instance>> instances = new ConcurrentHashMap<>();
  private final Map<String, Seen<Address>> addresses = new ConcurrentHashMap<>();

  /** An observer whose route tables wake no pair: for callers that watch none. */
  public RegionObserver(String region, Ec2Gateway ec2, Clock clock, Duration resync, Duration usualTransition, Duration slowTick,
      Function<Instant, TokenBucket> describeShare, Consumer<String> interfaceChanged, Consumer<String> instanceChanged) {
    this(region, ec2, clock, resync, usualTransition, slowTick, describeShare, interfaceChanged, instanceChanged, pairKey -> { });
  }

  /**
   * @param usualTransition how long EC2 usually takes to attach or detach: a transition longer than that
   *     (stuck) is read every {@code slowTick} instead of at every tick
   * @param describeShare makes the bucket the operator may use for one describe action: a share of EC2's
   *     (100 tokens, 20/s)
   * @param interfaceChanged called with the id of each interface whose description changed
   * @param instanceChanged called with the id of each instance whose description changed
   * @param routeTableWatcherWoken called with the key of each pair watching a route table whose description changed
   */
  public RegionObserver(String region, Ec2Gateway ec2, Clock clock, Duration resync, Duration usualTransition, Duration slowTick,
      Function<Instant, TokenBucket> describeShare, Consumer<String> interfaceChanged, Consumer<String> instanceChanged,
      Consumer<String> routeTableWatcherWoken) {
    this.interfaces = new InterfaceView(new TransitionPacing(usualTransition, slowTick));
    this.ec2 = ec2;
    this.clock = clock;
    this.shares = new DescribeShares(describeShare, clock);
    this.interfaceChanged = interfaceChanged;
    this.instanceChanged = instanceChanged;
    this.routeTableWatcherWoken = routeTableWatcherWoken;
    this.reader = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread thread = new Thread(r, "ec2-observer-" + region);
      thread.setDaemon(true);
      return thread;
    });
    this.batches = new ReadBatcher(region, reader, Map.of(Kind.INTERFACES, this::readInterfaces, Kind.INSTANCES, this::readInstances,
        Kind.ADDRESSES, this::readAddresses, Kind.ROUTE_TABLES, this::readRouteTables));
    this.health = new HealthSweep(region, ec2, clock, shares, reader, instanceChanged);
    reader.scheduleWithFixedDelay(this::sweep, resync.toMillis(), resync.toMillis(), TimeUnit.MILLISECONDS);
    reader.scheduleWithFixedDelay(this::tick, TICK.toMillis(), TICK.toMillis(), TimeUnit.MILLISECONDS);
    health.start();
  }

  /** The pair is in automatic mode: read its instances every {@link #HEALTH_SWEEP}, in one batch with all others. */
  public void watchHealth(String pairKey, Set<String> instanceIds) {
    health.watch(pairKey, instanceIds);
  }

  public void unwatchHealth(String pairKey) {
    health.unwatch(pairKey);
  }

  /** This replica no longer leads: no automatic pair's instances are swept until a new term watches them. */
  public void unwatchAllHealth() {
    health.unwatchAll();
  }

  /**
   * EC2's state and status checks of an instance of a pair in automatic mode, as last swept: empty when not
   * swept yet; a Seen with no value when EC2 does not know the instance.
   */
  public Optional<Seen<InstanceCheck>> check(String instanceId) {
    return health.check(instanceId);
  }

  /** The interface is a pair's: refresh it at every resync. */
  public void watch(String interfaceId) {
    interfaces.watch(interfaceId);
  }

  public void unwatch(String interfaceId) {
    interfaces.unwatch(interfaceId);
  }

  /** The pair's route tables (replacing those it watched): refreshed at every resync, each once however many pairs watch it. */
  public void watchRouteTables(String pairKey, Set<String> tableIds) {
    routeTables.watch(pairKey, tableIds);
  }

  public void unwatchRouteTables(String pairKey) {
    routeTables.unwatch(pairKey);
  }

  /**
   * Watches the interfaces and reads them and the instances in one batched read now, without waiting: at
   * start, so that a thousand pairs' first passes find their resources in the view instead of each asking.
   */
  public void prefetch(Set<String> interfaceIds, Set<String> instanceIds) {
    prefetch(interfaceIds, instanceIds, Map.of());
  }

  /** As {@link #prefetch(Set, Set)}, and watches each pair's route tables and reads them in the same batch. */
  public void prefetch(Set<String> interfaceIds, Set<String> instanceIds, Map<String, Set<String>> routeTablesByPair) {
    interfaceIds.forEach(interfaces::watch);
    routeTablesByPair.forEach(routeTables::watch);
    Set<String> tables = new HashSet<>();
    routeTablesByPair.values().forEach(tables::addAll);
    batches.request(Map.of(Kind.INTERFACES, interfaceIds, Kind.INSTANCES, instanceIds, Kind.ROUTE_TABLES, tables));
  }

  /** The operator has just changed the interface: read it at every tick until the change shows. */
  public void expectChange(String interfaceId) {
    interfaces.expect(interfaceId, clock.instant());
  }

  /**
   * The operator has just changed a route of the table (ReplaceRoute, CreateRoute): read it at the next tick,
   * and at the fast pace until a read shows a change (for a bounded time), so that the pairs' next passes see
   * it without waiting for a resync.
   */
  public void expectRouteChange(String tableId) {
    routeTables.expect(tableId, clock.instant());
  }

  /** The interface as last read, read again first when that is older than {@code maxAge}. */
  public Seen<NetworkInterface> networkInterface(String id, Duration maxAge) {
    if (stale(interfaces.get(id), maxAge)) {
      ReadBatcher.await(batches.request(Kind.INTERFACES, Set.of(id)));
    }
    return interfaces.get(id);
  }

  /** The instances and address as last read, reading first those older than {@code maxAge}, in one batch. */
  public Map<String, Seen<Instance>> instances(Set<String> ids, Duration maxAge) {
    Set<String> old = new HashSet<>();
    ids.stream().filter(id -> stale(instances.get(id), maxAge)).forEach(old::add);
    if (!old.isEmpty()) {
      ReadBatcher.await(batches.request(Kind.INSTANCES, old));
    }
    Map<String, Seen<Instance>> seen = new HashMap<>();
    ids.forEach(id -> seen.put(id, instances.get(id)));
    return seen;
  }

  public Seen<Address> address(String allocationId, Duration maxAge) {
    if (stale(addresses.get(allocationId), maxAge)) {
      ReadBatcher.await(batches.request(Kind.ADDRESSES, Set.of(allocationId)));
    }
    return addresses.get(allocationId);
  }

  /**
   * The route tables as last read, reading first those older than {@code maxAge}, in one batch with every other
   * pair's pending reads. A table EC2 does not know is a Seen with no value.
   */
  public Map<String, Seen<RouteTable>> routeTables(Set<String> ids, Duration maxAge) {
    Set<String> old = routeTables.stale(ids, maxAge, clock.instant());
    if (!old.isEmpty()) {
      ReadBatcher.await(batches.request(Kind.ROUTE_TABLES, old));
    }
    return routeTables.seen(ids);
  }

  /** The route tables as last read, reading none: those never read are left out (for tests). */
  Map<String, Seen<RouteTable>> routeTablesInView(Set<String> ids) {
    return routeTables.seen(ids);
  }

  private boolean stale(Seen<?> seen, Duration maxAge) {
    return seen == null || seen.readAt().plus(maxAge).isBefore(clock.instant());
  }

  // The reads of each kind, on the reader thread only: one call per 100 ids, each paced by its action's share.

  private void readInterfaces(Set<String> ids) {
    Instant at = shares.paced(DESCRIBE_INTERFACES, ids);
    Map<String, NetworkInterface> found = ec2.describeNetworkInterfaces(ids);
    interfaces.read(ids, found, at, clock.instant()).forEach(interfaceChanged);
  }

  private void readInstances(Set<String> ids) {
    Instant at = shares.paced(DESCRIBE_INSTANCES, ids);
    Map<String, Instance> found = ec2.describeInstances(ids);
    for (String id : ids) {
      Seen<Instance> before = instances.put(id, new Seen<>(Optional.ofNullable(found.get(id)), at));
      if (before != null && !before.value().equals(Optional.ofNullable(found.get(id)))) {
        instanceChanged.accept(id);
      }
    }
  }

  private void readAddresses(Set<String> ids) {
    Instant at = shares.paced(DESCRIBE_ADDRESSES, ids);
    Map<String, Address> found = ec2.describeAddresses(ids);
    ids.forEach(id -> addresses.put(id, new Seen<>(Optional.ofNullable(found.get(id)), at)));
  }

  private void readRouteTables(Set<String> ids) {
    Instant at = shares.paced(DESCRIBE_ROUTE_TABLES, ids);
    Map<String, RouteTable> found = ec2.describeRouteTables(ids);
    routeTables.read(ids, found, at, clock.instant()).forEach(routeTableWatcherWoken);
  }

  private void sweep() {
    Set<String> interfaceIds = interfaces.watched();
    Set<String> tables = routeTables.watched();
    if (!interfaceIds.isEmpty() || !tables.isEmpty()) {
      batches.request(Map.of(Kind.INTERFACES, interfaceIds, Kind.ROUTE_TABLES, tables));
    }
  }

  /**
   * Reads the interfaces in transition, and the interfaces and tables the operator changed whose change has
   * not shown yet. Each kind is skipped while its describe share runs low, so that a pass about to change EC2
   * (its fresh read) never waits for tokens the ticks spent.
   */
  private void tick() {
    Instant now = clock.instant();
    Set<String> dueInterfaces = shares.low(DESCRIBE_INTERFACES) ? Set.of() : interfaces.due(now);
    Set<String> dueTables = shares.low(DESCRIBE_ROUTE_TABLES) ? Set.of() : routeTables.due(now);
    if (!dueInterfaces.isEmpty() || !dueTables.isEmpty()) {
      batches.request(Map.of(Kind.INTERFACES, dueInterfaces, Kind.ROUTE_TABLES, dueTables));
    }
  }

  @Override
  public void close() {
    reader.shutdownNow();
  }
}
