package io.enifailover.status;

import io.enifailover.api.EniFailoverPairStatus;
import io.enifailover.api.FailoverRecord;
import io.enifailover.api.PhaseDurations;
import io.enifailover.api.Trigger;
import io.enifailover.model.ActiveRole;
import io.enifailover.model.Side;
import io.enifailover.model.Step.Phase;
import io.enifailover.plan.Fencing;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A pair's failover in flight and what its next one is called: from which side to which, why (the
 * trigger), and when each phase started and ended. A value: each pass returns the next. A failover resumed
 * after a restart is read back from status, which keeps its start, so it still reports its whole duration.
 *
 * @param lastInSync the side the pair was last in sync on, which tells a spec change from a drift repair
 * @param healthDetection automatic failover decided to move, this long after the failing side's first
 *     failed probe: the move it starts next has the HealthCheck trigger
 */
public record FailoverTimeline(Optional<Flight> flight, Optional<Side> lastInSync, Optional<Duration> healthDetection) {
  public static final FailoverTimeline NONE = new FailoverTimeline(Optional.empty(), Optional.empty(), Optional.empty());

  /** One failover: its ends and trigger, when it started, and each phase's start and end. */
  public record Flight(
      ActiveRole from, Side to, Trigger trigger, Optional<Long> detectionMillis, Instant startedAt,
      Map<Phase, Instant> started, Map<Phase, Instant> ended, boolean fenceForced) {
    public Flight {
      started = Map.copyOf(started);
      ended = Map.copyOf(ended);
    }

    Flight with(Map<Phase, Instant> starts, Map<Phase, Instant> ends, boolean forced) {
      return new Flight(from, to, trigger, detectionMillis, startedAt, starts, ends, forced);
    }
  }

  /** A change this pass made: when it was sent and when EC2 answered. */
  public record Sent(Phase phase, boolean forced, Instant requestedAt, Instant doneAt) {}

  /**
   * What one pass saw and did.
   *
   * @param observedFrom the side the service was on before the pass's changes
   * @param phasesOver the phases EC2 showed over at {@code observedAt}
   */
  public record Pass(
      Side desired, EniFailoverPairStatus previous, ActiveRole observedFrom, Set<Phase> phasesOver, Instant observedAt,
      List<Sent> sent, boolean inSync) {}

  /** Automatic failover decided to move after {@code detection}, or no such decision stands (empty). */
  public FailoverTimeline automaticMove(Optional<Duration> detection) {
    return new FailoverTimeline(flight, lastInSync, detection);
  }

  /** How far the fencing of the failover in flight has got: since when its stop was sent, and whether a force-stop was. */
  public Fencing.Progress fencing(Instant now) {
    return flight.filter(f -> f.started().containsKey(Phase.FENCE) && !f.started().containsKey(Phase.DETACH))
        .map(f -> new Fencing.Progress(Optional.of(Duration.between(f.started().get(Phase.FENCE), now)), f.fenceForced()))
        .orElse(Fencing.Progress.NONE);
  }

  /** The timeline after {@code pass}, and the failover record to show. */
  public Result after(Pass pass) {
    Optional<Flight> current = flight.filter(f -> f.to() == pass.desired()).map(f -> phasesEnded(f, pass));
    boolean moves = pass.sent().stream().anyMatch(s -> s.phase().startsFailover());
    Optional<Duration> detection = healthDetection;
    if (current.isEmpty() && moves) {
      current = resumedAfterRestart(pass.desired(), pass.previous());
      if (current.isEmpty()) {
        current = Optional.of(start(pass));
        detection = Optional.empty();
      }
    }
    for (Sent sent : pass.sent()) {
      current = current.map(f -> phaseStarted(f, sent));
    }
    Optional<Side> inSyncSide = pass.inSync() ? Optional.of(pass.desired()) : lastInSync;
    detection = pass.inSync() ? Optional.empty() : detection;
    if (current.isEmpty() && pass.inSync()) {
      current = resumedAfterRestart(pass.desired(), pass.previous());
    }
    if (current.isEmpty()) {
      return new Result(new FailoverTimeline(Optional.empty(), inSyncSide, detection), FailoverUpdate.NONE);
    }
    if (pass.inSync()) {
      return new Result(new FailoverTimeline(Optional.empty(), inSyncSide, detection),
          new FailoverUpdate(Optional.of(record(current.get(), pass.observedAt())), true));
    }
    return new Result(new FailoverTimeline(current, inSyncSide, detection), new FailoverUpdate(Optional.of(record(current.get(), null)), false));
  }

  public record Result(FailoverTimeline next, FailoverUpdate update) {}

  private Flight start(Pass pass) {
    Instant at = pass.sent().stream().filter(s -> s.phase().startsFailover()).findFirst().orElseThrow().requestedAt();
    Trigger trigger = healthDetection.isPresent() ? Trigger.HealthCheck : triggerFor(lastInSync, pass.previous(), pass.desired());
    return new Flight(pass.observedFrom(), pass.desired(), trigger, healthDetection.map(Duration::toMillis), at, Map.of(), Map.of(), false);
  }

  private static Flight phasesEnded(Flight flight, Pass pass) {
    Map<Phase, Instant> ends = new EnumMap<>(Phase.class);
    ends.putAll(flight.ended());
    for (Phase phase : pass.phasesOver()) {
      if (flight.started().containsKey(phase) && !ends.containsKey(phase)) {
        ends.put(phase, pass.observedAt());
      }
    }
    return flight.with(flight.started(), ends, flight.fenceForced());
  }

  private static Flight phaseStarted(Flight flight, Sent sent) {
    Map<Phase, Instant> starts = new EnumMap<>(Phase.class);
    starts.putAll(flight.started());
    Map<Phase, Instant> ends = new EnumMap<>(Phase.class);
    ends.putAll(flight.ended());
    switch (sent.phase()) {
      // A retried attach restarts its phase; a fence and a detach count from their first request.
      case ATTACH -> starts.put(Phase.ATTACH, sent.requestedAt());
      case ASSOCIATE -> {
        // EC2 associates an address synchronously: the call's return is the end of the phase.
        starts.put(Phase.ASSOCIATE, sent.requestedAt());
        ends.put(Phase.ASSOCIATE, sent.doneAt());
      }
      default -> starts.putIfAbsent(sent.phase(), sent.requestedAt());
    }
    return flight.with(starts, ends, flight.fenceForced() || (sent.phase() == Phase.FENCE && sent.forced()));
  }

  /** The failover that status shows in flight towards the desired side, started before a restart. */
  private static Optional<Flight> resumedAfterRestart(Side desired, EniFailoverPairStatus previous) {
    FailoverRecord last = previous == null ? null : previous.getLastFailover();
    if (last == null || last.getCompletedAt() != null || last.getTo() != desired || last.getStartedAt() == null) {
      return Optional.empty();
    }
    return Optional.of(new Flight(last.getFrom(), last.getTo(), last.getTrigger(), Optional.empty(), Instant.parse(last.getStartedAt()),
        Map.of(), Map.of(), false));
  }

  /**
   * SpecChange when the user asked for another side than the one last in sync, Drift when EC2 was
   * moved away from the side in sync, Initial when the pair was never in sync. The side last in sync is
   * remembered; after a restart it is read back from status.
   */
  static Trigger triggerFor(Optional<Side> remembered, EniFailoverPairStatus previous, Side desired) {
    Optional<Side> lastInSync = remembered;
    if (lastInSync.isEmpty() && previous != null) {
      boolean ready = previous.isTrue(Conditions.READY);
      ActiveRole role = previous.getActiveRole();
      if (ready && (role == ActiveRole.Primary || role == ActiveRole.Standby)) {
        lastInSync = Optional.of(Side.valueOf(role.name()));
      } else if (previous.getLastFailover() != null && previous.getLastFailover().getCompletedAt() != null) {
        lastInSync = Optional.ofNullable(previous.getLastFailover().getTo());
      }
    }
    return lastInSync.map(side -> side == desired ? Trigger.Drift : Trigger.SpecChange).orElse(Trigger.Initial);
  }

  private static FailoverRecord record(Flight flight, Instant completedAt) {
    FailoverRecord r = new FailoverRecord();
    r.setFrom(flight.from());
    r.setTo(flight.to());
    r.setTrigger(flight.trigger());
    r.setStartedAt(flight.startedAt().toString());
    r.setPhases(new PhaseDurations(millis(flight, Phase.DETACH), millis(flight, Phase.ATTACH), millis(flight, Phase.ASSOCIATE)));
    r.getPhases().setDetectionMillis(flight.detectionMillis().orElse(null));
    Instant fence = flight.started().get(Phase.FENCE);
    Instant detach = flight.started().get(Phase.DETACH);
    if (fence != null && detach != null) {
      // The detach is sent once EC2 shows the fenced instance stopped.
      r.getPhases().setFencingMillis(Duration.between(fence, detach).toMillis());
    }
    if (completedAt != null) {
      r.setCompletedAt(completedAt.toString());
      r.setDurationMillis(Duration.between(flight.startedAt(), completedAt).toMillis());
    }
    return r;
  }

  private static long millis(Flight flight, Phase phase) {
    Instant start = flight.started().get(phase);
    Instant end = flight.ended().get(phase);
    return start == null || end == null ? 0 : Duration.between(start, end).toMillis();
  }
}
