package io.enifailover.reconcile;

import io.enifailover.api.AutomaticFailoverStatus;
import io.enifailover.api.EniFailoverPair;
import io.enifailover.api.EniFailoverPairStatus;
import io.enifailover.api.FailbackMode;
import io.enifailover.api.FailoverSpec;
import io.enifailover.api.FencingMode;
import io.enifailover.api.HealthCheckSpec;
import io.enifailover.health.HealthAssessment;
import io.enifailover.health.HealthMonitor;
import io.enifailover.health.HealthVerdicts;
import io.enifailover.health.ProbeSpec;
import io.enifailover.health.Prober;
import io.enifailover.health.SideHealth;
import io.enifailover.health.TargetKey;
import io.enifailover.metrics.OperatorMetrics;
import io.enifailover.model.Instance;
import io.enifailover.model.Observation;
import io.enifailover.model.PairAnnotations;
import io.enifailover.model.PairIntent;
import io.enifailover.model.Side;
import io.enifailover.plan.AutomaticFailover;
import io.enifailover.plan.AutomaticFailover.Decision;
import io.enifailover.plan.AutomaticFailover.Kind;
import io.enifailover.plan.ObservedState;
import io.enifailover.region.RegionObserver;
import io.enifailover.status.AutomaticReport;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Automatic failover's probing: the leader probes both instances of each pair in automatic mode, adds what
 * EC2 says of them, and asks {@link AutomaticFailover} which side serves. A health change wakes the pair.
 * Counts live in this replica only: a new leader starts them from zero. The verdicts are
 * {@link HealthVerdicts}'; this class holds the probes' lifecycle.
 */
final class AutomaticMode implements AutoCloseable {
  private final Clock clock;
  private final HealthMonitor<TargetKey> monitor;
  /** Sides EC2 reports gone: their probes wake nobody. */
  private final Set<TargetKey> goneInEc2 = ConcurrentHashMap.newKeySet();
  /** UIDs of deleted pairs, the latest first out: a pass still running when its pair was deleted must not watch it again. */
  private final Set<String> deletedUids = Collections.newSetFromMap(new LinkedHashMap<>() {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
      return size() > 1000;
    }
  });

  AutomaticMode(Clock clock, OperatorMetrics metrics, PairWaker waker) {
    this.clock = clock;
    this.monitor = new HealthMonitor<>(new Prober(clock), clock, (key, before, after, result) -> {
      metrics.probe(key.side(), result.success());
      // While EC2 reports the instance gone, its probes decide nothing: a reused address answering would
      // otherwise wake the pair at every run of successes.
      if (after.changedFrom(before) && !goneInEc2.contains(key)) {
        waker.wake(key.namespace(), key.pairName());
      }
    });
  }

  /** Wakes one pair by namespace and name. */
  interface PairWaker {
    void wake(String namespace, String name);
  }

  /** The pair is not (or no longer) in automatic mode, or is gone: nothing of it is probed or swept. */
  void forget(EniFailoverPair pair, Optional<RegionObserver> observer) {
    String namespace = pair.getMetadata().getNamespace();
    String name = pair.getMetadata().getName();
    for (Side side : Side.values()) {
      TargetKey key = key(namespace, name, side);
      monitor.unwatch(key);
      goneInEc2.remove(key);
    }
    observer.ifPresent(o -> o.unwatchHealth(namespace + "/" + name));
  }

  /** The pair was deleted: forgotten, and not watched again by a pass that was already running. */
  void deleted(EniFailoverPair pair, Optional<RegionObserver> observer) {
    synchronized (deletedUids) {
      deletedUids.add(pair.getMetadata().getUid());
      forget(pair, observer);
    }
  }

  /** Leadership is lost: probing stops and every count is forgotten. */
  void stopAll() {
    monitor.stopAll();
    goneInEc2.clear();
  }

  HealthAssessment assess(EniFailoverPair pair, PairIntent intent, Observation observation, ObservedState where, RegionObserver observer) {
    Instant now = clock.instant();
    FailoverSpec failover = pair.getSpec().getFailover();
    ProbeSpec probe = probeOf(failover.getHealthCheck());
    Optional<String> primaryGone = gone(intent.primaryInstanceId(), observation, observer);
    Optional<String> standbyGone = gone(intent.standbyInstanceId(), observation, observer);
    SideHealth[] sides = sides(pair, intent, observation, observer, probe, primaryGone, standbyGone);
    SideHealth primary = sides[0];
    SideHealth standby = sides[1];
    AutomaticFailoverStatus before = Optional.ofNullable(pair.getStatus()).map(EniFailoverPairStatus::getAutomatic).orElse(null);
    Side declared = intent.desired();
    boolean newDeclaration = before == null || before.getDeclared() != declared;
    Optional<Side> inPlace = where.sideInPlace(intent);
    Side current = newDeclaration ? declared : inPlace.orElse(Optional.ofNullable(before.getTarget()).orElse(declared));
    Optional<String> request = PairAnnotations.value(pair.getMetadata().getAnnotations(), PairAnnotations.FAIL_BACK);
    boolean requested = request.isPresent() && !request.get().equals(before == null ? null : before.getFailbackRequest());
    var primaryState = HealthVerdicts.state(primary, primaryGone.isPresent(), probe, now);
    var standbyState = HealthVerdicts.state(standby, standbyGone.isPresent(), probe, now);
    Decision decision = AutomaticFailover.decide(new AutomaticFailover.Input(
        declared, current, newDeclaration, Optional.ofNullable(before).map(AutomaticFailoverStatus::getTarget).orElse(declared),
        inPlace.filter(side -> side == current).isPresent(), primaryState, standbyState, now,
        Optional.ofNullable(before).map(AutomaticFailoverStatus::getLastMoveTime).map(Instant::parse),
        failover.cooldown(), failover.getFailback() == FailbackMode.Automatic, failover.failbackAfter(), requested));
    SideHealth failing = current == Side.Primary ? primary : standby;
    Optional<Duration> detection = decision.moves(current) && failing.isUnhealthy()
        ? Optional.of(HealthVerdicts.detection(failing, now))
        : Optional.empty();
    boolean healthMove = decision.kind() == Kind.FAIL_OVER
        || (before != null && AutomaticReport.FAILED_OVER.equals(before.getState()) && decision.target() != declared);
    return new HealthAssessment(declared, current, primary, standby, primaryState, standbyState, decision, detection,
        failover.getFencing() == FencingMode.StopInstance, intent.primaryInstanceId(), inPlace, healthMove, probe.interval());
  }

  /** Both sides' health, primary first; their probes watched unless the pair was deleted meanwhile. */
  private SideHealth[] sides(EniFailoverPair pair, PairIntent intent, Observation observation, RegionObserver observer, ProbeSpec probe,
      Optional<String> primaryGone, Optional<String> standbyGone) {
    // Against deleted(): a pass still running when its pair is deleted must not watch it again.
    synchronized (deletedUids) {
      boolean watch = !deletedUids.contains(pair.getMetadata().getUid());
      if (watch) {
        observer.watchHealth(PairClaims.key(pair), Set.of(intent.primaryInstanceId(), intent.standbyInstanceId()));
      } else {
        forget(pair, Optional.of(observer));
      }
      return new SideHealth[] {
          health(key(pair, Side.Primary), intent.primaryInstanceId(), primaryGone, observation, probe, watch),
          health(key(pair, Side.Standby), intent.standbyInstanceId(), standbyGone, observation, probe, watch)};
    }
  }

  /**
   * The side's health: what EC2 says when it reports the instance gone (no threshold: an instance EC2 shows
   * stopping, stopped, terminated, unknown or impaired is unhealthy at once), else what the probes found.
   */
  private SideHealth health(TargetKey key, String instanceId, Optional<String> gone, Observation observation, ProbeSpec probe, boolean watch) {
    Optional<Instance> instance = observation.instance(instanceId);
    if (watch && instance.isPresent() && !instance.get().privateIp().isEmpty()) {
      monitor.watch(key, instance.get().privateIp(), probe);
    }
    if (gone.isEmpty()) {
      goneInEc2.remove(key);
      return monitor.current(key);
    }
    goneInEc2.add(key);
    monitor.markGone(key, gone.get());
    SideHealth current = monitor.current(key);
    // Probes that still answer (an address reused, say) do not outvote EC2.
    return current.isUnhealthy() ? current : SideHealth.unknown().goneInEc2(gone.get(), clock.instant());
  }

  private static Optional<String> gone(String instanceId, Observation observation, RegionObserver observer) {
    var checked = observer.check(instanceId);
    return HealthVerdicts.goneInEc2(instanceId, observation.instance(instanceId),
        checked.filter(c -> c.value().isEmpty()).isPresent(), checked.flatMap(RegionObserver.Seen::value));
  }

  static ProbeSpec probeOf(HealthCheckSpec check) {
    ProbeSpec spec = check.getTcp() != null
        ? ProbeSpec.tcp(check.getTcp().getPort())
        : ProbeSpec.http(check.getHttp().getPort(), check.getHttp().getPath());
    return spec.withInterval(check.interval()).withTimeout(check.timeout())
        .withFailureThreshold(check.failures()).withSuccessThreshold(check.successes());
  }

  private static TargetKey key(EniFailoverPair pair, Side side) {
    return key(pair.getMetadata().getNamespace(), pair.getMetadata().getName(), side);
  }

  private static TargetKey key(String namespace, String name, Side side) {
    return new TargetKey(namespace, name, side.name());
  }

  @Override
  public void close() {
    monitor.close();
  }
}
