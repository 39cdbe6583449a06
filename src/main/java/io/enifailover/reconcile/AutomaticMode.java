package io.enifailover.reconcile;

import io.enifailover.api.AutomaticFailoverStatus;
import io.enifailover.api.EniFailoverPair;
import io.enifailover.api.EniFailoverPairStatus;
import io.enifailover.api.FailbackMode;
import io.enifailover.api.FailoverMode;
import io.enifailover.api.FailoverSpec;
import io.enifailover.api.HealthCheckSpec;
import io.enifailover.api.Side;
import io.enifailover.api.SideHealthStatus;
import io.enifailover.health.HealthMonitor;
import io.enifailover.health.ProbeSpec;
import io.enifailover.health.Prober;
import io.enifailover.health.SideHealth;
import io.enifailover.health.TargetKey;
import io.enifailover.metrics.OperatorMetrics;
import io.enifailover.model.Instance;
import io.enifailover.model.AttachmentStatus;
import io.enifailover.model.InstanceCheck;
import io.enifailover.model.InstanceState;
import io.enifailover.model.Observation;
import io.enifailover.model.PairIntent;
import io.enifailover.plan.AutomaticFailover;
import io.enifailover.plan.AutomaticFailover.Decision;
import io.enifailover.plan.AutomaticFailover.Kind;
import io.enifailover.plan.AutomaticFailover.SideState;
import io.enifailover.plan.AutomaticFailover.Verdict;
import io.enifailover.region.RegionObserver;
import io.enifailover.status.AutomaticReport;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Automatic failover's I/O: the leader probes both instances of each pair in automatic mode, adds what
 * EC2 says of them, and asks {@link AutomaticFailover} which side serves. A health change wakes the pair.
 * Counts live in this replica only: a new leader starts them from zero.
 */
final class AutomaticMode implements AutoCloseable {
  private final Clock clock;
  private final HealthMonitor<TargetKey> monitor;
  /** Sides EC2 reports gone: their probes wake nobody. */
  private final Set<TargetKey> goneInEc2 = ConcurrentHashMap.newKeySet();
  /** UIDs of deleted pairs, the latest first out: a pass still running when its pair was deleted must not watch it again. */
  private final Set<String> deletedUids = java.util.Collections.newSetFromMap(new java.util.LinkedHashMap<>() {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
      return size() > 1000;
    }
  });

  /** One pass's view of a pair's health and what was decided from it. */
  record Assessment(
      Side declared,
      Side current,
      SideHealth primary,
      SideHealth standby,
      SideState primaryState,
      SideState standbyState,
      Decision decision,
      Optional<Duration> detection,
      boolean fencing,
      String primaryInstanceId,
      Optional<Side> attachedSide,
      boolean healthMove,
      Duration recheck) {

    /**
     * True for an instance fencing must stop before the interface leaves it: its side failed, or (a move
     * made for health, a new leader without a verdict yet) is not known to serve. A planned move (a
     * person's edit, a failback) never stops the instance it leaves.
     */
    boolean unverified(String instanceId) {
      SideState state = instanceId.equals(primaryInstanceId) ? primaryState : standbyState;
      return state.verdict() == Verdict.UNHEALTHY || (healthMove && state.verdict() == Verdict.UNKNOWN);
    }

    /** Waiting for something only time or a probe ends (a cooldown, a failback delay, a side's health): look again soon. */
    boolean waiting() {
      return decision.kind() == Kind.COOLDOWN || decision.kind() == Kind.FAILBACK_PENDING || decision.kind() == Kind.NO_HEALTHY_SIDE;
    }
  }

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

  static boolean isAutomatic(EniFailoverPair pair) {
    FailoverSpec failover = pair.getSpec() == null ? null : pair.getSpec().getFailover();
    return failover != null && failover.getMode() == FailoverMode.Automatic && failover.getHealthCheck() != null;
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

  Assessment assess(EniFailoverPair pair, PairIntent intent, Observation observation, RegionObserver observer) {
    Instant now = clock.instant();
    String namespace = pair.getMetadata().getNamespace();
    String name = pair.getMetadata().getName();
    FailoverSpec failover = pair.getSpec().getFailover();
    ProbeSpec probe = probeOf(failover.getHealthCheck());
    Optional<String> primaryGone = goneInEc2(intent.primaryInstanceId(), observation, observer);
    Optional<String> standbyGone = goneInEc2(intent.standbyInstanceId(), observation, observer);
    SideHealth primary;
    SideHealth standby;
    // Against deleted(): a pass still running when its pair is deleted must not watch it again.
    synchronized (deletedUids) {
      boolean deleted = deletedUids.contains(pair.getMetadata().getUid());
      if (deleted) {
        forget(pair, Optional.of(observer));
      } else {
        observer.watchHealth(namespace + "/" + name, Set.of(intent.primaryInstanceId(), intent.standbyInstanceId()));
      }
      primary = health(key(namespace, name, Side.Primary), intent.primaryInstanceId(), primaryGone, observation, probe, !deleted);
      standby = health(key(namespace, name, Side.Standby), intent.standbyInstanceId(), standbyGone, observation, probe, !deleted);
    }

    AutomaticFailoverStatus before = Optional.ofNullable(pair.getStatus()).map(EniFailoverPairStatus::getAutomatic).orElse(null);
    Side declared = intent.desired();
    boolean newDeclaration = before == null || before.getDeclared() != declared;
    Optional<Side> attached = currentSide(intent, observation);
    Side current = newDeclaration ? declared : attached.orElse(Optional.ofNullable(before.getTarget()).orElse(declared));
    Optional<String> request = failbackRequest(pair);
    boolean requested = request.isPresent() && !request.get().equals(before == null ? null : before.getFailbackRequest());
    Optional<Instant> lastMove = Optional.ofNullable(before).map(AutomaticFailoverStatus::getLastMoveTime).map(Instant::parse);
    SideState primaryState = state(primary, primaryGone.isPresent(), probe, now);
    SideState standbyState = state(standby, standbyGone.isPresent(), probe, now);
    Decision decision = AutomaticFailover.decide(new AutomaticFailover.Input(
        declared, current, newDeclaration, Optional.ofNullable(before).map(AutomaticFailoverStatus::getTarget).orElse(declared),
        attached.filter(side -> side == current).isPresent(), primaryState, standbyState, now, lastMove,
        Duration.ofSeconds(orDefault(failover.getCooldownSeconds(), 60)),
        failover.getFailback() == FailbackMode.Automatic,
        Duration.ofSeconds(orDefault(failover.getFailbackAfterSeconds(), 300)),
        requested));
    SideHealth failing = current == Side.Primary ? primary : standby;
    Optional<Duration> detection = decision.moves(current) && failing.isUnhealthy()
        ? Optional.of(detection(failing, now))
        : Optional.empty();
    boolean healthMove = decision.kind() == Kind.FAIL_OVER
        || (before != null && AutomaticReport.FAILED_OVER.equals(before.getState()) && decision.target() != declared);
    return new Assessment(declared, current, primary, standby, primaryState, standbyState, decision, detection,
        failover.getFencing() == io.enifailover.api.Fencing.StopInstance, intent.primaryInstanceId(), attached, healthMove,
        probe.interval());
  }

  /**
   * The side the interface is on, attached or attaching; empty while a move is under way in EC2 (the
   * interface detaching, or attached nowhere), when the side chosen before stands.
   */
  private static Optional<Side> currentSide(PairIntent intent, Observation observation) {
    return observation.networkInterface()
        .flatMap(eni -> eni.liveAttachment())
        .filter(a -> a.status() == AttachmentStatus.ATTACHED || a.status() == AttachmentStatus.ATTACHING)
        .flatMap(a -> intent.sideOf(a.instanceId()));
  }

  /** The status part of the assessment, and the metrics of what changed since {@code previous}. */
  AutomaticReport report(Assessment a, EniFailoverPairStatus previous, PairIntent intent, Observation observation, OperatorMetrics metrics, EniFailoverPair pair) {
    Instant now = clock.instant();
    AutomaticFailoverStatus before = Optional.ofNullable(previous).map(EniFailoverPairStatus::getAutomatic).orElse(new AutomaticFailoverStatus());
    Decision decision = a.decision();
    // A move is counted when it is decided (the cooldown runs from there), not again while it waits its turn.
    boolean moved = (decision.kind() == Kind.FAIL_OVER || decision.kind() == Kind.FAIL_BACK)
        && decision.moves(a.current()) && decision.target() != before.getTarget();
    AutomaticFailoverStatus after = new AutomaticFailoverStatus();
    after.setTarget(decision.target());
    after.setDeclared(a.declared());
    after.setState(stateOf(decision));
    after.setReason(decision.reason());
    after.setLastMoveTime(moved ? now.toString() : before.getLastMoveTime());
    after.setLastMoveReason(moved ? decision.reason() : before.getLastMoveReason());
    after.setMoves(orZero(before.getMoves()) + (moved ? 1 : 0));
    boolean flapPrevented = AutomaticReport.FLAP_PREVENTED.equals(after.getState()) && !after.getState().equals(before.getState());
    after.setPreventedFlaps(orZero(before.getPreventedFlaps()) + (flapPrevented ? 1 : 0));
    // A failback request is spent once the interface is on spec.active's side, or when it is refused (that side
    // is not healthy, with an Event); until then every pass goes on with it, as the move takes several.
    boolean refused = decision.kind() == Kind.AWAITING_FAILBACK || decision.kind() == Kind.NO_HEALTHY_SIDE || decision.kind() == Kind.COOLDOWN;
    boolean done = a.attachedSide().filter(side -> side == a.declared()).isPresent();
    after.setFailbackRequest(refused || done ? failbackRequest(pair).orElse(before.getFailbackRequest()) : before.getFailbackRequest());
    if (!Objects.equals(after.getState(), before.getState()) && !AutomaticReport.AS_DECLARED.equals(after.getState())) {
      metrics.automaticDecision(after.getState());
    }
    return new AutomaticReport(
        sideStatus(a.primary(), intent.primaryInstanceId(), observation),
        sideStatus(a.standby(), intent.standbyInstanceId(), observation),
        after, a.declared(), side -> side == Side.Primary ? intent.primaryInstanceId() : intent.standbyInstanceId());
  }

  private static String stateOf(Decision decision) {
    return switch (decision.kind()) {
      case STAY -> AutomaticReport.AS_DECLARED;
      case FAIL_OVER, AWAITING_FAILBACK, FAILBACK_PENDING -> AutomaticReport.FAILED_OVER;
      case FAIL_BACK -> AutomaticReport.FAILED_BACK;
      case NO_HEALTHY_SIDE -> AutomaticReport.NO_HEALTHY_SIDE;
      case COOLDOWN -> AutomaticReport.FLAP_PREVENTED;
    };
  }

  private static SideHealthStatus sideStatus(SideHealth health, String instanceId, Observation observation) {
    SideHealthStatus status = new SideHealthStatus();
    status.setState(switch (health.status()) {
      case HEALTHY -> "Healthy";
      case UNHEALTHY -> "Unhealthy";
      case UNKNOWN -> "Unknown";
    });
    String ip = Optional.ofNullable(observation.instances().get(instanceId)).map(Instance::privateIp).filter(i -> !i.isEmpty()).orElse(null);
    status.setTarget(ip == null ? instanceId : instanceId + " (" + ip + ")");
    if (health.last() != null) {
      status.setLastProbe(health.last().detail());
      status.setLastProbeTime(health.last().at().toString());
    }
    status.setConsecutiveFailures(health.consecutiveFailures());
    status.setConsecutiveSuccesses(health.consecutiveSuccesses());
    status.setSince(health.since() == null ? null : health.since().toString());
    return status;
  }

  private static long orZero(Long value) {
    return value == null ? 0 : value;
  }

  static Optional<String> failbackRequest(EniFailoverPair pair) {
    Map<String, String> annotations = pair.getMetadata().getAnnotations();
    return Optional.ofNullable(annotations).map(a -> a.get(AutomaticFailover.FAILBACK_ANNOTATION))
        .map(String::trim).filter(v -> !v.isEmpty());
  }

  /**
   * The side's health: what EC2 says when it reports the instance gone (no threshold: an instance EC2 shows
   * stopping, stopped, terminated, unknown or impaired is unhealthy at once), else what the probes found.
   */
  private SideHealth health(
      TargetKey key, String instanceId, Optional<String> gone, Observation observation, ProbeSpec probe, boolean watch) {
    Optional<Instance> instance = Optional.ofNullable(observation.instances().get(instanceId));
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

  private static Optional<String> goneInEc2(String instanceId, Observation observation, RegionObserver observer) {
    return goneInEc2(instanceId, Optional.ofNullable(observation.instances().get(instanceId)), observer.check(instanceId));
  }

  private static Optional<String> goneInEc2(String instanceId, Optional<Instance> described, Optional<RegionObserver.Seen<InstanceCheck>> checked) {
    if (described.isEmpty() || checked.filter(c -> c.value().isEmpty()).isPresent()) {
      return Optional.of("EC2 does not know instance " + instanceId);
    }
    // The sweep's state is at most a few seconds old; the description may be as old as the view (a restarted
    // instance would stay "stopped" until the next read of it).
    Optional<InstanceCheck> check = checked.flatMap(RegionObserver.Seen::value);
    InstanceState state = check.map(InstanceCheck::state).orElse(described.get().state());
    if (state != InstanceState.RUNNING) {
      return Optional.of("EC2 reports instance " + instanceId + " " + state.name().toLowerCase().replace('_', '-'));
    }
    if (check.filter(InstanceCheck::impaired).isPresent()) {
      return Optional.of("EC2's status checks of instance " + instanceId + " fail (impaired)");
    }
    return Optional.empty();
  }

  /**
   * The verdict the decision may rely on. A side still healthy by its threshold but whose last probe failed,
   * or whose last probe is old, is not known healthy: when the operator's own network fails, both sides'
   * probes fail, and the one that reaches its threshold first must not be failed over to the other.
   */
  private static SideState state(SideHealth health, boolean gone, ProbeSpec probe, Instant now) {
    String detail = health.last() == null ? "no probe yet" : health.last().detail();
    Instant since = health.since() == null ? now : health.since();
    Duration stale = probe.interval().plus(probe.timeout()).multipliedBy(2);
    return switch (health.status()) {
      case HEALTHY -> health.consecutiveFailures() > 0
          ? new SideState(Verdict.UNKNOWN, since, "healthy until its last " + health.consecutiveFailures() + " probe(s) failed (" + detail + ")")
          : health.last() != null && health.last().at().plus(stale).isBefore(now)
              ? new SideState(Verdict.UNKNOWN, since, "no probe answered since " + health.last().at())
              : new SideState(Verdict.HEALTHY, since, detail);
      case UNHEALTHY -> new SideState(Verdict.UNHEALTHY, since, detail, gone);
      case UNKNOWN -> new SideState(Verdict.UNKNOWN, since, detail);
    };
  }

  /** From the first failed probe of the failing side's run (or EC2's first report of it gone) to now. */
  private static Duration detection(SideHealth failing, Instant now) {
    if (failing.failingSince() == null) {
      return Duration.ZERO;
    }
    Duration detection = Duration.between(failing.failingSince(), now);
    return detection.isNegative() ? Duration.ZERO : detection;
  }

  static ProbeSpec probeOf(HealthCheckSpec check) {
    ProbeSpec spec = check.getTcp() != null
        ? ProbeSpec.tcp(check.getTcp().getPort())
        : ProbeSpec.http(check.getHttp().getPort(), check.getHttp().getPath());
    return spec.withInterval(Duration.ofSeconds(orDefault(check.getIntervalSeconds(), 1)))
        .withTimeout(Duration.ofSeconds(orDefault(check.getTimeoutSeconds(), 1)))
        .withFailureThreshold(orDefault(check.getFailureThreshold(), 3))
        .withSuccessThreshold(orDefault(check.getSuccessThreshold(), 2));
  }

  private static int orDefault(Integer value, int otherwise) {
    return value == null ? otherwise : value;
  }

  private static TargetKey key(String namespace, String name, Side side) {
    return new TargetKey(namespace, name, side.name());
  }

  @Override
  public void close() {
    monitor.close();
  }
}
