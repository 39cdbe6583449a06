package io.enifailover.plan;

import io.enifailover.model.Outcome;
import io.enifailover.model.Reason;
import io.enifailover.model.Step;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What a pair's passes remember that EC2 does not show: since when a transition is under way, whether the
 * operator started it or forced it, the targets EC2 refused lately, when the pair's claim was written and
 * when it last changed EC2, and how many passes the current transition and the current run of failures
 * took. A value: each pass starts from one and ends with the next. Lost on restart by design (status
 * keeps what must survive one).
 *
 * @param refused by instance id, for the spec's {@code refusedForGeneration}, with when each was refused
 */
public record PairMemory(
    Optional<Seen> transition,
    Optional<String> requestedFor,
    Optional<String> forcedFor,
    Map<String, Refusal> refused,
    long refusedForGeneration,
    Optional<Instant> claimWrittenAt,
    Optional<Instant> lastChangeAt,
    int inFlightPasses,
    int failedPasses) {

  /** How long a freshly written claim settles before the pair's first change. */
  public static final Duration CLAIM_SETTLE = Duration.ofSeconds(2);

  public static final PairMemory NEW =
      new PairMemory(Optional.empty(), Optional.empty(), Optional.empty(), Map.of(), 0, Optional.empty(), Optional.empty(), 0, 0);

  /** A transition and the first time it was seen (or requested by the operator). */
  public record Seen(Transition transition, Instant since) {}

  public record Refusal(RefusedTarget target, Instant at) {}

  public PairMemory {
    refused = Map.copyOf(refused);
  }

  /** EC2 shows {@code now} under way at {@code observedAt}; a transition that ended is forgotten. */
  public PairMemory seeing(Optional<Transition> now, Instant observedAt) {
    Optional<Seen> next = now.map(t -> transition.filter(s -> s.transition().equals(t)).orElse(new Seen(t, observedAt)));
    return new PairMemory(next, requestedFor, next.isEmpty() ? Optional.empty() : forcedFor, refused, refusedForGeneration,
        claimWrittenAt, lastChangeAt, inFlightPasses, failedPasses);
  }

  /**
   * How long the transition EC2 shows has been under way, counting from the first pass that saw it (or from
   * the operator's own request), and what the operator did about it.
   *
   * @param forcedBefore the subject a forced change was sent for, as status remembers it across restarts
   */
  public TransitionProgress progress(Instant observedAt, Optional<String> forcedBefore) {
    if (transition.isEmpty()) {
      return TransitionProgress.NONE;
    }
    Transition t = transition.get().transition();
    Duration under = Duration.between(transition.get().since(), observedAt);
    if (t.kind() == Transition.Kind.ARRIVING) {
      return TransitionProgress.attaching(under);
    }
    boolean forced = forcedFor.or(() -> forcedBefore).filter(t.subject()::equals).isPresent();
    return new TransitionProgress(under, forced, requestedFor.filter(t.subject()::equals).isPresent(), Duration.ZERO);
  }

  /** The operator sent {@code change} at {@code requestedAt}, and EC2 took it by {@code doneAt}. */
  public PairMemory changed(Step.Change change, Instant requestedAt, Instant doneAt) {
    Optional<String> subject = change.subject();
    Optional<Seen> leaving = subject.isEmpty() ? transition
        : transition.or(() -> Optional.of(new Seen(new Transition(Transition.Kind.LEAVING, subject.get()), requestedAt)));
    return new PairMemory(leaving, subject.or(() -> requestedFor), change.forced() ? subject.or(() -> forcedFor) : forcedFor,
        refused, refusedForGeneration, change instanceof Step.Claim ? Optional.of(doneAt) : claimWrittenAt,
        Optional.of(doneAt), inFlightPasses, failedPasses);
  }

  /** EC2 refused to put the service on {@code target.instanceId()} (for this spec, until the stalled re-check). */
  public PairMemory refusedOn(RefusedTarget target, Instant at) {
    Map<String, Refusal> all = new HashMap<>(refused);
    all.put(target.instanceId(), new Refusal(target, at));
    return new PairMemory(transition, requestedFor, forcedFor, all, refusedForGeneration, claimWrittenAt, lastChangeAt,
        inFlightPasses, failedPasses);
  }

  /** The refusals that still hold: forgotten when the spec changes, and after {@code forgetAfter}, when the move is tried again. */
  public PairMemory refusalsFor(long generation, Instant now, Duration forgetAfter) {
    Map<String, Refusal> kept = new HashMap<>();
    if (generation == refusedForGeneration) {
      refused.forEach((id, r) -> {
        if (r.at().plus(forgetAfter).isAfter(now)) {
          kept.put(id, r);
        }
      });
    }
    return new PairMemory(transition, requestedFor, forcedFor, kept, generation, claimWrittenAt, lastChangeAt,
        inFlightPasses, failedPasses);
  }

  public Map<String, RefusedTarget> refusedTargets() {
    Map<String, RefusedTarget> targets = new HashMap<>();
    refused.forEach((id, r) -> targets.put(id, r.target()));
    return Map.copyOf(targets);
  }

  /** Counts a pass that ended with {@code outcome}: passes in the current transition, and failures in a row. */
  public PairMemory counted(Outcome outcome, Instant now) {
    Reason reason = outcome.reason();
    // Each EC2 change starts its own transition, so the fast polling starts over with it.
    boolean changed = outcome.executed().isPresent();
    int inFlight = changed ? 1 : reason.category() == Reason.Category.IN_FLIGHT ? inFlightPasses + 1 : 0;
    boolean failed = reason == Reason.Throttled || reason == Reason.Ec2Unavailable || reason == Reason.Conflict;
    return new PairMemory(transition, requestedFor, forcedFor, refused, refusedForGeneration, claimWrittenAt,
        changed ? Optional.of(now) : lastChangeAt, inFlight, failed ? failedPasses + 1 : 0);
  }

  /** True when {@code readAt} is not after the pair's last change to EC2: such a view shows EC2 from before it. */
  public boolean predatesLastChange(Instant readAt) {
    return lastChangeAt.filter(at -> !readAt.isAfter(at)).isPresent();
  }

  /**
   * True while the pair's claim is too recent to act on at {@code at}: another install that saw the resources
   * unclaimed just before may still overwrite it, so the pair must see its own claim on a read at least
   * {@link #CLAIM_SETTLE} after writing it before it moves anything.
   */
  public boolean claimSettling(Instant at) {
    return claimWrittenAt.filter(written -> at.isBefore(written.plus(CLAIM_SETTLE))).isPresent();
  }
}
