package io.enifailover.health;

import io.enifailover.model.Side;
import io.enifailover.plan.AutomaticFailover.Decision;
import io.enifailover.plan.AutomaticFailover.Kind;
import io.enifailover.plan.AutomaticFailover.SideState;
import io.enifailover.plan.AutomaticFailover.Verdict;
import java.time.Duration;
import java.util.Optional;

/**
 * One pass's view of an automatic pair's health and the side chosen from it.
 *
 * @param current the side the service is on, or is being moved to by a move already under way
 * @param detection for a decision to move away from a failing side: from its first failed probe to now
 * @param inPlaceOn the side the service is on or arriving on, if any
 * @param healthMove the service is (being) moved for health, not by a person's edit
 * @param recheck how soon to look again while only time or a probe can end the wait
 */
public record HealthAssessment(
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
    Optional<Side> inPlaceOn,
    boolean healthMove,
    Duration recheck) {

  /**
   * True for an instance fencing must stop before the service leaves it: its side failed, or (a move made
   * for health, a new leader without a verdict yet) is not known to serve. A planned move (a person's edit,
   * a failback) never stops the instance it leaves.
   */
  public boolean unverified(String instanceId) {
    SideState state = instanceId.equals(primaryInstanceId) ? primaryState : standbyState;
    return state.verdict() == Verdict.UNHEALTHY || (healthMove && state.verdict() == Verdict.UNKNOWN);
  }

  /** Waiting for something only time or a probe ends (a cooldown, a failback delay, a side's health): look again soon. */
  public boolean waiting() {
    return decision.kind() == Kind.COOLDOWN || decision.kind() == Kind.FAILBACK_PENDING || decision.kind() == Kind.NO_HEALTHY_SIDE;
  }
}
