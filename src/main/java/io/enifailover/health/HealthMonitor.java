package io.enifailover.health;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Probes every watched target on its own interval and tells a listener what each probe found. Probes
 * are asynchronous, so one thread schedules them all and applies their results; a target has at most one
 * probe in flight (a tick that finds one still running is skipped). A result that comes back after its
 * target was unwatched, re-watched or forgotten is dropped: it speaks of a watch that no longer exists.
 *
 * @param <K> what identifies a target, for example a {@link TargetKey}
 */
public final class HealthMonitor<K> implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(HealthMonitor.class);

  /**
   * Told of every probe, on the monitor's one thread (be quick: every target waits), and of every change
   * made by {@link #markGone}, on the caller's thread.
   */
  @FunctionalInterface
  public interface Listener<K> {
    /** {@code after.changedFrom(before)} says whether the status changed. */
    void onResult(K key, SideHealth before, SideHealth after, ProbeResult result);
  }

  private final Prober prober;
  private final Clock clock;
  private final Listener<K> listener;
  private final ScheduledExecutorService scheduler;
  private final Map<K, Target> targets = new ConcurrentHashMap<>();

  public HealthMonitor(Prober prober, Clock clock, Listener<K> listener) {
    this.prober = prober;
    this.clock = clock;
    this.listener = listener;
    this.scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread thread = new Thread(r, "health-probes");
      thread.setDaemon(true);
      return thread;
    });
  }

  /**
   * Probes {@code ip} every {@code spec.interval()} from now on. Watching again with the same ip and spec
   * changes nothing; another ip or spec starts over from UNKNOWN, since the counts spoke of another target.
   */
  public synchronized void watch(K key, String ip, ProbeSpec spec) {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(spec, "spec");
    Target existing = targets.get(key);
    if (existing != null && Objects.equals(existing.ip, ip) && existing.spec.equals(spec)) {
      return;
    }
    if (existing != null) {
      existing.cancel();
    }
    Target target = new Target(key, ip, spec);
    // Scheduled before it is listed: a closed monitor refuses the watch and lists nothing half-made.
    target.schedule = scheduler.scheduleAtFixedRate(() -> tick(target), firstDelay(key, spec.interval()).toNanos(),
        spec.interval().toNanos(), TimeUnit.NANOSECONDS);
    targets.put(key, target);
  }

  public synchronized void unwatch(K key) {
    Target target = targets.remove(key);
    if (target != null) {
      target.cancel();
    }
  }

  /** The target's health; UNKNOWN when it is not watched. */
  public SideHealth current(K key) {
    Target target = targets.get(key);
    return target == null ? SideHealth.unknown() : target.health;
  }

  /**
   * EC2 says the target's instance is gone (stopping, stopped, terminated, impaired): unhealthy at once.
   * The listener hears of it if the status changed. Probing goes on, so an instance started again comes
   * back after a run of successes; a target whose IP may now belong to another instance is unwatched by
   * the caller.
   */
  public void markGone(K key, String why) {
    SideHealth before;
    SideHealth after;
    synchronized (this) {
      Target target = targets.get(key);
      if (target == null) {
        return;
      }
      before = target.health;
      after = before.goneInEc2(why, clock.instant());
      target.health = after;
    }
    if (after.changedFrom(before)) {
      tell(key, before, after, after.last());
    }
  }

  /** Forgets every target and its counts (leadership lost); what is watched later starts from UNKNOWN. */
  public synchronized void stopAll() {
    List<Target> all = List.copyOf(targets.values());
    targets.clear();
    all.forEach(Target::cancel);
  }

  @Override
  public void close() {
    stopAll();
    scheduler.shutdownNow();
  }

  /**
   * Where in its first interval a target is first probed: a fixed point per key, spread over the
   * interval, so that thousands of targets watched at once do not all fire in the same millisecond.
   */
  static Duration firstDelay(Object key, Duration interval) {
    long spread = key.hashCode() * 0x9E3779B97F4A7C15L;
    return Duration.ofNanos(Math.floorMod(spread, interval.toNanos()));
  }

  private void tick(Target target) {
    if (!target.inFlight.compareAndSet(false, true)) {
      return;
    }
    CompletableFuture<ProbeResult> probe;
    try {
      probe = prober.probe(target.ip, target.spec);
    } catch (RuntimeException e) {
      // An exception out of a periodic task would end the target's schedule for good.
      probe = CompletableFuture.failedFuture(e);
    }
    probe.whenCompleteAsync((result, failure) -> {
      try {
        // The prober completes normally; a failure here is a broken promise, still a failed probe.
        applied(target, result != null ? result : ProbeResult.failed(
            "probe failed: " + failure, clock.instant(), Duration.ZERO));
      } finally {
        target.inFlight.set(false);
      }
    }, scheduler);
  }

  private void applied(Target target, ProbeResult result) {
    SideHealth before;
    SideHealth after;
    synchronized (this) {
      if (targets.get(target.key) != target) {
        return;
      }
      before = target.health;
      after = before.record(result, target.spec);
      target.health = after;
    }
    tell(target.key, before, after, result);
  }

  private void tell(K key, SideHealth before, SideHealth after, ProbeResult result) {
    try {
      listener.onResult(key, before, after, result);
    } catch (RuntimeException e) {
      log.atWarn().addKeyValue("target", key).addKeyValue("status", after.status())
          .log("the health listener failed, probing goes on: {}", e.toString());
    }
  }

  private final class Target {
    final K key;
    final String ip;
    final ProbeSpec spec;
    final AtomicBoolean inFlight = new AtomicBoolean();
    volatile SideHealth health = SideHealth.unknown();
    ScheduledFuture<?> schedule;

    Target(K key, String ip, ProbeSpec spec) {
      this.key = key;
      this.ip = ip;
      this.spec = spec;
    }

    void cancel() {
      schedule.cancel(false);
    }
  }
}
