package io.enifailover.reconcile;

import io.enifailover.api.ActiveRole;
import io.enifailover.api.EniFailoverPairStatus;
import io.enifailover.api.FailoverRecord;
import io.enifailover.api.PhaseDurations;
import io.enifailover.api.Side;
import io.enifailover.api.Trigger;
import io.enifailover.model.Attachment;
import io.enifailover.model.AttachmentStatus;
import io.enifailover.model.NetworkInterface;
import io.enifailover.model.Observation;
import io.enifailover.model.PairIntent;
import io.enifailover.model.Reason;
import io.enifailover.model.Step;
import io.enifailover.plan.Fencing;
import io.enifailover.plan.TransitionProgress;
import io.enifailover.plan.RefusedAttach;
import io.enifailover.plan.ObservedState;
import io.enifailover.status.Conditions;
import io.enifailover.status.FailoverUpdate;
import io.enifailover.status.Outcome;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.HashMap;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Remembers, per pair, what EC2 does not: when a detach started, whether it was forced, and the phase
 * timings of the failover in flight. Lost on restart by design; status keeps the failover's start, so
 * a failover resumed after a restart still reports its whole duration.
 */
final class FailoverTracker {
  private static final Duration FORGET_AFTER = Duration.ofHours(1);

  private final Map<String, PairMemory> byUid = new ConcurrentHashMap<>();

  /** Per-pair memory; JOSDK never reconciles one resource on two threads at once. */
  static final class PairMemory {
    private Instant lastSeen;
    private Instant detachingSince;
    private Instant attachingSince;
    private boolean forceSent;
    private String detachRequestedFor;
    private int inFlightPasses;
    private int failedPasses;
    private Flight flight;
    private Side lastInSync;
    private final Map<String, RefusedAttach> refusedAttaches = new HashMap<>();
    private final Map<String, Instant> refusedAt = new HashMap<>();
    private long refusedForGeneration;
    private Instant claimWrittenAt;
    private Instant lastChangeAt;
    /** Automatic failover decided to move: how long detection took; the next move started is that one. */
    private Duration healthDetection;

    int inFlightPasses() {
      return inFlightPasses;
    }

    int failedPasses() {
      return failedPasses;
    }
  }

  private static final class Flight {
    ActiveRole from;
    Side to;
    Trigger trigger;
    Long detectionMillis;
    Instant startedAt;
    Instant fenceStart;
    boolean fenceForced;
    Instant detachStart;
    Instant detachEnd;
    Instant attachStart;
    Instant attachEnd;
    Instant associateStart;
    Instant associateEnd;
  }

  PairMemory memory(String uid, Instant now) {
    if (byUid.size() > 64) {
      byUid.values().removeIf(m -> m.lastSeen.plus(FORGET_AFTER).isBefore(now));
    }
    PairMemory memory = byUid.computeIfAbsent(uid, k -> new PairMemory());
    memory.lastSeen = now;
    return memory;
  }

  /**
   * The attaches EC2 refused after a detach, by instance id: forgotten when the spec changes, and after
   * {@code forgetAfter}, when the move is tried again (its dry run first, so a permission still missing
   * keeps the service where it is).
   */
  Map<String, RefusedAttach> refusedAttaches(PairMemory memory, long generation, Instant now, Duration forgetAfter) {
    if (memory.refusedForGeneration != generation) {
      memory.refusedAttaches.clear();
      memory.refusedAt.clear();
      memory.refusedForGeneration = generation;
    }
    memory.refusedAt.entrySet().removeIf(e -> {
      boolean stale = !e.getValue().plus(forgetAfter).isAfter(now);
      if (stale) {
        memory.refusedAttaches.remove(e.getKey());
      }
      return stale;
    });
    return Map.copyOf(memory.refusedAttaches);
  }

  void rememberRefusedAttach(PairMemory memory, RefusedAttach refused, Instant now) {
    memory.refusedAttaches.put(refused.instanceId(), refused);
    memory.refusedAt.put(refused.instanceId(), now);
  }

  void claimWritten(PairMemory memory, Instant at) {
    memory.claimWrittenAt = at;
    memory.lastChangeAt = at;
  }

  /** True when {@code readAt} is not after the pair's last change to EC2: such a view shows EC2 from before it. */
  boolean predatesLastChange(PairMemory memory, Instant readAt) {
    return memory.lastChangeAt != null && !readAt.isAfter(memory.lastChangeAt);
  }

  /**
   * True while the pair's claim, written at {@code claimWrittenAt}, is too recent to act on: another install
   * that observed the interface unclaimed just before may still overwrite it, and this pair must see its
   * own claim on a read at least {@link Pacing#CLAIM_SETTLE} after writing it before it moves anything.
   */
  boolean claimSettling(PairMemory memory, Instant observedAt) {
    return memory.claimWrittenAt != null && observedAt.isBefore(memory.claimWrittenAt.plus(Pacing.CLAIM_SETTLE));
  }

  /**
   * How long the interface has been detaching or attaching, counting from the first pass that saw it
   * (or from our own detach request when we made it).
   */
  TransitionProgress progress(
      PairMemory memory, Observation observation, Instant observedAt, Optional<String> forcedBefore) {
    Optional<Attachment> live = observation.networkInterface().flatMap(NetworkInterface::liveAttachment);
    if (live.filter(a -> a.status() == AttachmentStatus.ATTACHING).isEmpty()) {
      memory.attachingSince = null;
    } else if (memory.attachingSince == null) {
      memory.attachingSince = observedAt;
    }
    Optional<String> detaching =
        live.filter(a -> a.status() == AttachmentStatus.DETACHING).map(Attachment::attachmentId);
    if (detaching.isEmpty()) {
      memory.detachingSince = null;
      memory.forceSent = false;
      return memory.attachingSince == null
          ? TransitionProgress.NONE
          : TransitionProgress.attaching(Duration.between(memory.attachingSince, observedAt));
    }
    if (memory.detachingSince == null) {
      memory.detachingSince = observedAt;
    }
    String attachmentId = detaching.get();
    return new TransitionProgress(
        Duration.between(memory.detachingSince, observedAt),
        memory.forceSent || forcedBefore.filter(attachmentId::equals).isPresent(),
        attachmentId.equals(memory.detachRequestedFor),
        Duration.ZERO);
  }

  /**
   * Advances the failover in flight with what this pass saw and did, and says what to report.
   *
   * @param requestedAt when the executed step (if any) was sent to EC2
   */
  FailoverUpdate afterPass(
      PairMemory memory,
      PairIntent intent,
      EniFailoverPairStatus previous,
      Observation observation,
      Instant observedAt,
      Outcome outcome,
      Instant requestedAt,
      Instant now) {
    Flight flight = memory.flight;
    if (flight != null && flight.to != intent.desired()) {
      flight = null;
    }
    if (flight != null) {
      markPhaseEnds(flight, intent, observation, observedAt);
    }
    Optional<Step> executed = outcome.executed();
    // Putting the Elastic IP back on an interface that stayed where it was is a repair, not a failover.
    boolean moves = executed.filter(step -> step instanceof Step.Fence || step instanceof Step.Detach || step instanceof Step.Attach).isPresent();
    if (flight == null && moves) {
      flight = start(memory, intent, previous, observation, requestedAt);
    }
    if (flight != null && executed.isPresent()) {
      markPhaseStart(memory, flight, executed.get(), requestedAt, now);
    } else {
      executed.filter(Step.Detach.class::isInstance).ifPresent(step -> markDetachRequested(memory, (Step.Detach) step, requestedAt));
    }
    if (outcome.reason() == Reason.InSync) {
      memory.lastInSync = intent.desired();
      memory.healthDetection = null;
    }
    if (flight == null && outcome.reason() == Reason.InSync) {
      flight = resumedAfterRestart(intent, previous);
    }
    memory.flight = flight;
    if (flight == null) {
      return FailoverUpdate.NONE;
    }
    if (outcome.reason() == Reason.InSync) {
      memory.flight = null;
      return new FailoverUpdate(Optional.of(record(flight, observedAt)), true);
    }
    return new FailoverUpdate(Optional.of(record(flight, null)), false);
  }

  /** Counts this pass towards the pacing: passes in the current transition, and failures in a row. */
  void countPass(PairMemory memory, Outcome outcome, Instant now) {
    Reason reason = outcome.reason();
    // Each EC2 change starts its own transition, so the fast polling starts over with it.
    if (outcome.executed().isPresent()) {
      memory.inFlightPasses = 1;
      memory.lastChangeAt = now;
    } else {
      memory.inFlightPasses = reason.category() == Reason.Category.IN_FLIGHT ? memory.inFlightPasses + 1 : 0;
    }
    boolean failed = reason == Reason.Throttled || reason == Reason.Ec2Unavailable || reason == Reason.Conflict;
    memory.failedPasses = failed ? memory.failedPasses + 1 : 0;
  }

  private static Flight start(
      PairMemory memory, PairIntent intent, EniFailoverPairStatus previous, Observation observation, Instant at) {
    Flight resumed = resumedAfterRestart(intent, previous);
    if (resumed != null) {
      return resumed;
    }
    Flight flight = new Flight();
    flight.from = ObservedState.of(intent, observation).activeRole();
    flight.to = intent.desired();
    flight.trigger = triggerFor(Optional.ofNullable(memory.lastInSync), previous, intent.desired());
    if (memory.healthDetection != null) {
      flight.trigger = Trigger.HealthCheck;
      flight.detectionMillis = memory.healthDetection.toMillis();
      memory.healthDetection = null;
    }
    flight.startedAt = at;
    return flight;
  }

  /** The failover that status shows in flight towards the desired side, started before a restart. */
  private static Flight resumedAfterRestart(PairIntent intent, EniFailoverPairStatus previous) {
    FailoverRecord last = previous == null ? null : previous.getLastFailover();
    if (last == null || last.getCompletedAt() != null || last.getTo() != intent.desired() || last.getStartedAt() == null) {
      return null;
    }
    Flight flight = new Flight();
    flight.from = last.getFrom();
    flight.to = last.getTo();
    flight.trigger = last.getTrigger();
    flight.startedAt = Instant.parse(last.getStartedAt());
    return flight;
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

  private static void markPhaseEnds(Flight flight, PairIntent intent, Observation observation, Instant at) {
    var attachment = observation.networkInterface().flatMap(NetworkInterface::liveAttachment);
    if (flight.detachStart != null && flight.detachEnd == null && attachment.isEmpty()) {
      flight.detachEnd = at;
    }
    boolean attached =
        attachment
            .filter(a -> a.instanceId().equals(intent.desiredInstanceId()) && a.status() == AttachmentStatus.ATTACHED)
            .isPresent();
    if (flight.attachStart != null && flight.attachEnd == null && attached) {
      flight.attachEnd = at;
    }
  }

  private static void markDetachRequested(PairMemory memory, Step.Detach detach, Instant requestedAt) {
    if (memory.detachingSince == null) {
      memory.detachingSince = requestedAt;
    }
    memory.forceSent |= detach.force();
    memory.detachRequestedFor = detach.attachmentId();
  }

  private static void markPhaseStart(PairMemory memory, Flight flight, Step step, Instant requestedAt, Instant now) {
    if (step instanceof Step.Fence fence) {
      flight.fenceForced |= fence.force();
      if (flight.fenceStart == null) {
        flight.fenceStart = requestedAt;
      }
    } else if (step instanceof Step.Detach detach) {
      if (flight.detachStart == null) {
        flight.detachStart = requestedAt;
      }
      markDetachRequested(memory, detach, requestedAt);
    } else if (step instanceof Step.Attach) {
      flight.attachStart = requestedAt;
    } else if (step instanceof Step.Associate) {
      // EC2 associates an address synchronously: the call's return is the end of the phase.
      flight.associateStart = requestedAt;
      flight.associateEnd = now;
    }
  }

  /**
   * Automatic failover decided to move the interface ({@code detection} after the failing side's first
   * failed probe): the move it starts is recorded with the HealthCheck trigger. Empty: no such decision stands
   * (the side recovered before the move started, say), so a later move is not taken for one.
   */
  void automaticMove(PairMemory memory, Optional<Duration> detection) {
    memory.healthDetection = detection.orElse(null);
  }

  /** How far the fencing of the move in flight has got: since when its stop was sent, and whether a force-stop was. */
  Fencing.Progress fencing(PairMemory memory, Instant now) {
    Flight flight = memory.flight;
    if (flight == null || flight.fenceStart == null || flight.detachStart != null) {
      return Fencing.Progress.NONE;
    }
    return new Fencing.Progress(Optional.of(Duration.between(flight.fenceStart, now)), flight.fenceForced);
  }

  private static FailoverRecord record(Flight flight, Instant completedAt) {
    FailoverRecord r = new FailoverRecord();
    r.setFrom(flight.from);
    r.setTo(flight.to);
    r.setTrigger(flight.trigger);
    r.setStartedAt(flight.startedAt.toString());
    r.setPhases(
        new PhaseDurations(
            millis(flight.detachStart, flight.detachEnd),
            millis(flight.attachStart, flight.attachEnd),
            millis(flight.associateStart, flight.associateEnd)));
    r.getPhases().setDetectionMillis(flight.detectionMillis);
    if (flight.fenceStart != null && flight.detachStart != null) {
      // The detach is sent once EC2 shows the fenced instance stopped.
      r.getPhases().setFencingMillis(Duration.between(flight.fenceStart, flight.detachStart).toMillis());
    }
    if (completedAt != null) {
      r.setCompletedAt(completedAt.toString());
      r.setDurationMillis(Duration.between(flight.startedAt, completedAt).toMillis());
    }
    return r;
  }

  private static long millis(Instant start, Instant end) {
    return start == null || end == null ? 0 : Duration.between(start, end).toMillis();
  }
}
