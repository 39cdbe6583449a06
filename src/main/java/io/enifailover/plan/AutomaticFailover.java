package io.enifailover.plan;

import io.enifailover.model.PairAnnotations;
import io.enifailover.model.Side;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Which side automatic failover keeps the interface on: spec.active's, unless that side is unhealthy and
 * the other is healthy by its own probe. Pure: the probes' verdicts and the clock come in, a target and
 * its reason go out; the planner then moves the interface there under all of manual failover's rules.
 */
public final class AutomaticFailover {
  private AutomaticFailover() {}

  public enum Verdict { HEALTHY, UNHEALTHY, UNKNOWN }

  /**
   * One side's health: the verdict, since when, and what the last probe (or EC2) said; {@code goneInEc2}
   * when EC2 itself reports the instance stopped, terminated, unknown or impaired (no flap: no cooldown).
   */
  public record SideState(Verdict verdict, Instant since, String detail, boolean goneInEc2) {
    public SideState(Verdict verdict, Instant since, String detail) {
      this(verdict, since, detail, false);
    }
  }

  public enum Kind {
    /** The target side is healthy, or not known to be unhealthy: nothing to decide. */
    STAY,
    /** The target side is unhealthy and the other healthy: move. */
    FAIL_OVER,
    /** Back to spec.active's side: it is healthy again and failback allows it. */
    FAIL_BACK,
    /** The target side is unhealthy, and the other is not known healthy: moving could only make it worse. */
    NO_HEALTHY_SIDE,
    /** A move would be due, but the last one was less than the cooldown ago: a flap prevented. */
    COOLDOWN,
    /** Failed over; spec.active's side is healthy, and a person decides when to return (failback Manual). */
    AWAITING_FAILBACK,
    /** Failed over; spec.active's side is healthy, and the interface returns once it has been for the failback delay. */
    FAILBACK_PENDING
  }

  /** What was decided: the side to keep the interface on, and why. */
  public record Decision(Side target, Kind kind, String reason) {
    public boolean moves(Side from) {
      return target != from;
    }
  }

  /**
   * @param declared spec.active
   * @param target the side the interface is on, or is being moved to by a move already under way in EC2
   *     (spec.active's, when spec.active has just changed)
   * @param newDeclaration spec.active changed since the last decision: a person's edit, which no cooldown holds back
   * @param chosen the side the last decision chose: a move already decided goes on under the cooldown it started
   * @param settled the interface is attached (or attaching) on {@code target}: a cooldown only ever keeps it
   *     where it is, never picks the side an interface attached nowhere goes to
   * @param lastMove when the operator last moved the interface by itself
   * @param failbackRequested a person asked to return to spec.active's side (the annotation, not yet spent)
   */
  public record Input(
      Side declared,
      Side target,
      boolean newDeclaration,
      Side chosen,
      boolean settled,
      SideState primary,
      SideState standby,
      Instant now,
      Optional<Instant> lastMove,
      Duration cooldown,
      boolean automaticFailback,
      Duration failbackAfter,
      boolean failbackRequested) {

    SideState of(Side side) {
      return side == Side.Primary ? primary : standby;
    }
  }

  public static Decision decide(Input in) {
    Side current = in.target();
    if (in.of(current).verdict() == Verdict.UNHEALTHY) {
      return awayFromUnhealthy(in);
    }
    return onHealthySide(in);
  }

  /** The side the service is on is unhealthy: move, unless no side is known healthy or the cooldown holds it. */
  private static Decision awayFromUnhealthy(Input in) {
    Side current = in.target();
    Side other = current.other();
    SideState here = in.of(current);
    SideState there = in.of(other);
    if (there.verdict() != Verdict.HEALTHY) {
      return new Decision(current, Kind.NO_HEALTHY_SIDE, String.format(
          "%s is unhealthy (%s) and %s is %s (%s): nothing moves, since the likelier failure is the network between the operator and both",
          current, here.detail(), other, there.verdict().name().toLowerCase(), there.detail()));
    }
    Optional<Instant> coolsAt = in.lastMove().map(t -> t.plus(in.cooldown())).filter(in.now()::isBefore);
    if (coolsAt.isPresent() && !in.newDeclaration() && in.chosen() != other && in.settled() && !here.goneInEc2()) {
      return new Decision(current, Kind.COOLDOWN, String.format(
          "%s is unhealthy (%s) but the last automatic move was less than %ds ago: no move before %s",
          current, here.detail(), in.cooldown().toSeconds(), coolsAt.get()));
    }
    return new Decision(other, other == in.declared() ? Kind.FAIL_BACK : Kind.FAIL_OVER, String.format(
        "%s is unhealthy (%s) and %s is healthy (%s)", current, here.detail(), other, there.detail()));
  }

  /** The side the service is on is not known unhealthy: stay, or return to spec.active's side when failback allows. */
  private static Decision onHealthySide(Input in) {
    Side current = in.target();
    SideState here = in.of(current);
    if (in.chosen() == in.declared() && current != in.declared() && in.of(in.declared()).verdict() != Verdict.UNHEALTHY) {
      // Already decided for spec.active's side (a person's edit, a failback, a drift to repair): it goes on.
      return new Decision(in.declared(), Kind.STAY, in.declared() + " is spec.active's side, where the interface goes ("
          + in.of(in.declared()).verdict().name().toLowerCase() + ", " + in.of(in.declared()).detail() + ")");
    }
    if (current == in.declared()) {
      return new Decision(current, Kind.STAY, current + " is " + here.verdict().name().toLowerCase() + " (" + here.detail() + ")");
    }
    SideState declared = in.of(in.declared());
    if (declared.verdict() != Verdict.HEALTHY) {
      return new Decision(current, Kind.AWAITING_FAILBACK, String.format(
          "failed over from %s, which is %s (%s)%s", in.declared(), declared.verdict().name().toLowerCase(), declared.detail(),
          in.failbackRequested() ? "; the failback asked for is refused: ask again once it is healthy" : ""));
    }
    if (in.failbackRequested()) {
      return new Decision(in.declared(), Kind.FAIL_BACK, in.declared() + " is healthy and a person asked to fail back");
    }
    if (!in.automaticFailback()) {
      return new Decision(current, Kind.AWAITING_FAILBACK, String.format(
          "failed over from %s, which is healthy again since %s; failback is Manual: annotate the pair %s=<any new value> to return",
          in.declared(), declared.since(), PairAnnotations.FAIL_BACK));
    }
    Instant due = declared.since().plus(in.failbackAfter());
    if (in.now().isBefore(due)) {
      return new Decision(current, Kind.FAILBACK_PENDING, String.format(
          "failed over from %s, which is healthy again since %s: back to it at %s if it stays healthy", in.declared(), declared.since(), due));
    }
    Optional<Instant> coolsAt = in.lastMove().map(t -> t.plus(in.cooldown())).filter(in.now()::isBefore);
    if (coolsAt.isPresent() && in.chosen() != in.declared()) {
      return new Decision(current, Kind.COOLDOWN, String.format(
          "%s is healthy again, but the last automatic move was less than %ds ago: no failback before %s",
          in.declared(), in.cooldown().toSeconds(), coolsAt.get()));
    }
    return new Decision(in.declared(), Kind.FAIL_BACK, String.format(
        "%s has been healthy for %ds (failback Automatic)", in.declared(), in.failbackAfter().toSeconds()));
  }
}
