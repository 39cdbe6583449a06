package io.enifailover.region;

import io.enifailover.ec2.Ec2Failure;
import io.enifailover.ec2.Ec2Gateway;
import io.enifailover.model.Address;
import io.enifailover.model.Instance;
import io.enifailover.model.InstanceCheck;
import io.enifailover.model.InstanceState;
import io.enifailover.model.NetworkInterface;
import io.enifailover.model.Reason;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One region's view of EC2 for every pair, read in as few calls as EC2 allows. One thread reads: every
 * read request that arrives while a read is in progress joins the next one, so a hundred pairs asking at
 * once cost one call per hundred ids. It refreshes every watched interface once per resync, ticks every
 * {@link #TICK} reading only the interfaces in transition (each at its {@link TransitionPacing pace}) or just
 * changed by the operator while there are any, and reports each interface whose description changed, so that exactly its pairs are woken.
 * Describes are paced by token buckets that mirror the share of EC2's describe buckets (one per action) the
 * operator may use.
 */
public final class RegionObserver implements AutoCloseable {
  /** How often the observer looks for interfaces due a read: finer than any pace, so none is read late. */
  static final Duration TICK = Duration.ofMillis(10);
  /** How often the instances of pairs in automatic mode are read, for EC2's view of their health. */
  public static final Duration HEALTH_SWEEP = Duration.ofSeconds(2);
  /** How long an interface the operator just changed is read at every tick, if nothing shows the change. */
  private static final Duration EXPECT_FOR = Duration.ofSeconds(10);
  private static final Duration READ_TIMEOUT = Duration.ofSeconds(30);
  private static final String DESCRIBE_INTERFACES = "DescribeNetworkInterfaces";
  private static final String DESCRIBE_INSTANCES = "DescribeInstances";
  private static final String DESCRIBE_ADDRESSES = "DescribeAddresses";
  private static final String DESCRIBE_INSTANCE_STATUS = "DescribeInstanceStatus";
  private static final Logger log = LoggerFactory.getLogger(RegionObserver.class);

  /**
   * A value and when EC2 was read for it: the read was sent at {@code readAt} (how fresh the value is at least) and
   * answered at {@code answeredAt} (by when EC2 had shown it at the latest). An empty value: EC2 says it does not exist.
   */
  public record Seen<T>(Optional<T> value, Instant readAt, Instant answeredAt) {
    public Seen(Optional<T> value, Instant readAt) {
      this(value, readAt, readAt);
    }
  }

  private final String region;
  private final Ec2Gateway ec2;
  private final Clock clock;
  private final Consumer<String> interfaceChanged;
  private final Consumer<String> instanceChanged;
  /** The instances of each pair in automatic mode, by pair. */
  private final Map<String, Set<String>> healthWatched = new ConcurrentHashMap<>();
  private final Function<Instant, TokenBucket> newDescribeShare;
  /** One bucket per describe action, as EC2 throttles each action on its own. */
  private final Map<String, TokenBucket> describes = new ConcurrentHashMap<>();
  private final ScheduledExecutorService reader;
  private final Map<String, Seen<NetworkInterface>> interfaces = new ConcurrentHashMap<>();
  private final Map<String, Seen<Instance>> instances = new ConcurrentHashMap<>();
  private final Map<String, Seen<Address>> addresses = new ConcurrentHashMap<>();
  private final Map<String, Seen<InstanceCheck>> checks = new ConcurrentHashMap<>();
  private volatile Reason checkFailure;
  private final Set<String> watched = ConcurrentHashMap.newKeySet();
  private final Map<String, Instant> expected = new ConcurrentHashMap<>();
  private final TransitionPacing pacing;
  private final Object lock = new Object();
  private Read next = new Read();
  private boolean readQueued;

  /** The ids of one batched read, and the requests waiting for it. */
  private static final class Read {
    final Set<String> interfaces = new HashSet<>();
    final Set<String> instances = new HashSet<>();
    final Set<String> addresses = new HashSet<>();
    final CompletableFuture<Void> done = new CompletableFuture<>();

    boolean isEmpty() {
      return interfaces.isEmpty() && instances.isEmpty() && addresses.isEmpty();
    }
  }

  /**
   * @param usualTransition how long EC2 usually takes to attach or detach: a transition longer than that
   *     (stuck) is read every {@code slowTick} instead of at every tick
   * @param describeShare makes the bucket the operator may use for one describe action: a share of EC2's
   *     (100 tokens, 20/s)
   * @param interfaceChanged called with the id of each interface whose description changed
   * @param instanceChanged called with the id of each instance whose description changed
   */
  public RegionObserver(
      String region,
      Ec2Gateway ec2,
      Clock clock,
      Duration resync,
      Duration usualTransition,
      Duration slowTick,
      Function<Instant, TokenBucket> describeShare,
      Consumer<String> interfaceChanged,
      Consumer<String> instanceChanged) {
    this.region = region;
    this.pacing = new TransitionPacing(usualTransition, slowTick);
    this.ec2 = ec2;
    this.clock = clock;
    this.newDescribeShare = describeShare;
    this.interfaceChanged = interfaceChanged;
    this.instanceChanged = instanceChanged;
    this.reader = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread thread = new Thread(r, "ec2-observer-" + region);
      thread.setDaemon(true);
      return thread;
    });
    reader.scheduleWithFixedDelay(this::sweep, resync.toMillis(), resync.toMillis(), TimeUnit.MILLISECONDS);
    reader.scheduleWithFixedDelay(this::tick, TICK.toMillis(), TICK.toMillis(), TimeUnit.MILLISECONDS);
    reader.schedule(this::healthSweep, HEALTH_SWEEP.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** The pair is in automatic mode: read its instances every {@link #HEALTH_SWEEP}, in one batch with all others. */
  public void watchHealth(String pairKey, Set<String> instanceIds) {
    healthWatched.put(pairKey, Set.copyOf(instanceIds));
  }

  public void unwatchHealth(String pairKey) {
    healthWatched.remove(pairKey);
  }

  /** This replica no longer leads: no automatic pair's instances are swept until a new term watches them. */
  public void unwatchAllHealth() {
    healthWatched.clear();
  }

  /** The interface is a pair's: refresh it at every resync. */
  public void watch(String interfaceId) {
    watched.add(interfaceId);
  }

  public void unwatch(String interfaceId) {
    watched.remove(interfaceId);
    expected.remove(interfaceId);
    pacing.forget(interfaceId);
  }

  /**
   * Watches the interfaces and reads them and the instances in one batched read now, without waiting: at
   * start, so that a thousand pairs' first passes find their resources in the view instead of each asking.
   */
  public void prefetch(Set<String> interfaceIds, Set<String> instanceIds) {
    watched.addAll(interfaceIds);
    request(interfaceIds, instanceIds, Set.of());
  }

  /** The operator has just changed the interface: read it at every tick until the change shows. */
  public void expectChange(String interfaceId) {
    expected.put(interfaceId, clock.instant());
  }

  /** The interface as last read, read again first when that is older than {@code maxAge}. */
  public Seen<NetworkInterface> networkInterface(String id, Duration maxAge) {
    if (stale(interfaces.get(id), maxAge)) {
      await(request(Set.of(id), Set.of(), Set.of()));
    }
    return interfaces.get(id);
  }

  /** The instances and address as last read, reading first those older than {@code maxAge}, in one batch. */
  public Map<String, Seen<Instance>> instances(Set<String> ids, Duration maxAge) {
    Set<String> old = new HashSet<>();
    ids.stream().filter(id -> stale(instances.get(id), maxAge)).forEach(old::add);
    if (!old.isEmpty()) {
      await(request(Set.of(), old, Set.of()));
    }
    Map<String, Seen<Instance>> seen = new HashMap<>();
    ids.forEach(id -> seen.put(id, instances.get(id)));
    return seen;
  }

  public Seen<Address> address(String allocationId, Duration maxAge) {
    if (stale(addresses.get(allocationId), maxAge)) {
      await(request(Set.of(), Set.of(), Set.of(allocationId)));
    }
    return addresses.get(allocationId);
  }

  private boolean stale(Seen<?> seen, Duration maxAge) {
    return seen == null || seen.readAt().plus(maxAge).isBefore(clock.instant());
  }

  private CompletableFuture<Void> request(Set<String> interfaceIds, Set<String> instanceIds, Set<String> allocationIds) {
    synchronized (lock) {
      next.interfaces.addAll(interfaceIds);
      next.instances.addAll(instanceIds);
      next.addresses.addAll(allocationIds);
      CompletableFuture<Void> done = next.done;
      if (!readQueued) {
        readQueued = true;
        reader.execute(this::read);
      }
      return done;
    }
  }

  private static void await(CompletableFuture<Void> read) {
    try {
      read.get(READ_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof Ec2Failure failure) {
        throw failure;
      }
      throw new IllegalStateException(e.getCause());
    } catch (TimeoutException e) {
      throw new Ec2Failure(Reason.Ec2Unavailable, "no answer from EC2 within " + READ_TIMEOUT.toSeconds() + " s", "");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new Ec2Failure(Reason.Ec2Unavailable, "interrupted while reading EC2", "");
    }
  }

  /** Reads everything asked for since the last read, in one call per kind and 100 ids. Runs on the reader thread only. */
  private void read() {
    Read read;
    synchronized (lock) {
      read = next;
      next = new Read();
      readQueued = false;
    }
    if (read.isEmpty()) {
      read.done.complete(null);
      return;
    }
    try {
      if (!read.interfaces.isEmpty()) {
        Instant at = paced(DESCRIBE_INTERFACES, read.interfaces);
        Map<String, NetworkInterface> found = ec2.describeNetworkInterfaces(read.interfaces);
        Instant answered = clock.instant();
        for (String id : read.interfaces) {
          Seen<NetworkInterface> before = interfaces.put(id, new Seen<>(Optional.ofNullable(found.get(id)), at, answered));
          pacing.read(id, Optional.ofNullable(found.get(id)), at);
          if (before != null && !before.value().equals(Optional.ofNullable(found.get(id)))) {
            expected.remove(id);
            interfaceChanged.accept(id);
          }
        }
      }
      if (!read.instances.isEmpty()) {
        Instant at = paced(DESCRIBE_INSTANCES, read.instances);
        Map<String, Instance> found = ec2.describeInstances(read.instances);
        for (String id : read.instances) {
          Seen<Instance> before = instances.put(id, new Seen<>(Optional.ofNullable(found.get(id)), at));
          if (before != null && !before.value().equals(Optional.ofNullable(found.get(id)))) {
            instanceChanged.accept(id);
          }
        }
      }
      if (!read.addresses.isEmpty()) {
        Instant at = paced(DESCRIBE_ADDRESSES, read.addresses);
        Map<String, Address> found = ec2.describeAddresses(read.addresses);
        read.addresses.forEach(id -> addresses.put(id, new Seen<>(Optional.ofNullable(found.get(id)), at)));
      }
      read.done.complete(null);
    } catch (Ec2Failure failure) {
      read.done.completeExceptionally(failure);
    } catch (RuntimeException e) {
      log.atWarn().addKeyValue("region", region).setCause(e).log("EC2 read failed");
      read.done.completeExceptionally(e);
    }
  }

  private static int pages(Set<String> ids) {
    return (ids.size() + 99) / 100;
  }

  /**
   * Waits on the reader thread (never a reconcile thread) until the action's describe share has a token
   * for each page of {@code ids}; answers when the read starts.
   */
  private Instant paced(String action, Set<String> ids) {
    TokenBucket bucket = describes(action);
    for (int i = 0; i < pages(ids); i++) {
      Duration wait;
      synchronized (bucket) {
        wait = bucket.untilAvailable(clock.instant(), 0);
        if (wait.isZero()) {
          bucket.tryTake(clock.instant());
          continue;
        }
      }
      try {
        Thread.sleep(Math.max(1, wait.toMillis()));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
      i--;
    }
    return clock.instant();
  }

  private TokenBucket describes(String action) {
    return describes.computeIfAbsent(action, a -> newDescribeShare.apply(clock.instant()));
  }

  /**
   * Reads EC2's state and status checks of every instance of the pairs in automatic mode, in one
   * DescribeInstanceStatus per 100 instances, and wakes the pairs of each instance whose answer changed.
   * Runs every {@link #HEALTH_SWEEP}, or less often when that would take more than a quarter of the
   * action's describe share, and is skipped while the share runs low.
   */
  private void healthSweep() {
    long delayMillis = HEALTH_SWEEP.toMillis();
    try {
      Set<String> ids = new HashSet<>();
      healthWatched.values().forEach(ids::addAll);
      checks.keySet().retainAll(ids);
      if (!ids.isEmpty()) {
        TokenBucket bucket = describes(DESCRIBE_INSTANCE_STATUS);
        delayMillis = Math.max(delayMillis, (long) (4000.0 * pages(ids) / bucket.refillPerSecond()));
        boolean low;
        synchronized (bucket) {
          low = bucket.tokens(clock.instant()) < Math.max(2, bucket.capacity() / 5);
        }
        if (!low) {
          readChecks(ids);
        }
      }
    } finally {
      if (!reader.isShutdown()) {
        reader.schedule(this::healthSweep, delayMillis, TimeUnit.MILLISECONDS);
      }
    }
  }

  private void readChecks(Set<String> ids) {
    try {
      Instant at = paced(DESCRIBE_INSTANCE_STATUS, ids);
      Map<String, InstanceCheck> found = ec2.describeInstanceStatus(ids);
      for (String id : ids) {
        Optional<InstanceCheck> check = Optional.ofNullable(found.get(id));
        Seen<InstanceCheck> before = checks.put(id, new Seen<>(check, at));
        boolean changed = before == null ? check.map(c -> c.state() != InstanceState.RUNNING || c.impaired()).orElse(true)
            : !before.value().equals(check);
        if (changed) {
          instanceChanged.accept(id);
        }
      }
      checkFailure = null;
    } catch (Ec2Failure failure) {
      // What is not known now is not kept: an old "impaired" must not outlive the reads that could clear it.
      checks.keySet().removeAll(ids);
      if (failure.reason() != checkFailure) {
        log.atWarn().addKeyValue("region", region).addKeyValue("reason", failure.reason())
            .log("EC2's status checks of automatic pairs' instances could not be read; their probes alone decide: {}", failure.getMessage());
      }
      checkFailure = failure.reason();
    }
  }

  /**
   * EC2's state and status checks of an instance of a pair in automatic mode, as last swept: empty when not
   * swept yet; a Seen with no value when EC2 does not know the instance.
   */
  public Optional<Seen<InstanceCheck>> check(String instanceId) {
    return Optional.ofNullable(checks.get(instanceId));
  }

  private void sweep() {
    if (!watched.isEmpty()) {
      request(Set.copyOf(watched), Set.of(), Set.of());
    }
  }

  /**
   * Reads the interfaces in transition, and those the operator changed whose change has not shown yet. A
   * tick is skipped while the describe share runs low, so that a pass about to change EC2 (its fresh read)
   * never waits for tokens the ticks spent.
   */
  private void tick() {
    Instant now = clock.instant();
    TokenBucket bucket = describes(DESCRIBE_INTERFACES);
    synchronized (bucket) {
      if (bucket.tokens(now) < Math.max(2, bucket.capacity() / 5)) {
        return;
      }
    }
    expected.values().removeIf(since -> since.plus(EXPECT_FOR).isBefore(now));
    Set<String> due = new HashSet<>();
    expected.keySet().forEach(id -> {
      Seen<NetworkInterface> seen = interfaces.get(id);
      if (seen == null || !seen.readAt().plus(TransitionPacing.FAST).isAfter(now)) {
        due.add(id);
      }
    });
    pacing.moving().forEach(id -> {
      Seen<NetworkInterface> seen = interfaces.get(id);
      if (watched.contains(id) && seen != null && pacing.due(id, seen.readAt(), now)) {
        due.add(id);
      }
    });
    if (!due.isEmpty()) {
      request(due, Set.of(), Set.of());
    }
  }

  @Override
  public void close() {
    reader.shutdownNow();
  }
}
