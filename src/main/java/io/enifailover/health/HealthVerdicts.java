package io.enifailover.health;

import io.enifailover.model.Instance;
import io.enifailover.model.InstanceCheck;
import io.enifailover.model.InstanceState;
import io.enifailover.plan.AutomaticFailover.SideState;
import io.enifailover.plan.AutomaticFailover.Verdict;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

/** From probes and EC2's word to the verdicts automatic failover decides by. Pure: the clock comes in. */
public final class HealthVerdicts {
  private HealthVerdicts() {}

  /**
   * Why EC2 says the instance cannot serve, if it does: unknown to EC2, not running, or failing its status
   * checks.
   *
   * @param described the instance as the pair's view describes it (empty: EC2 does not know it)
   * @param checkMissing the region's sweep of instance status found no such instance
   * @param check the sweep's state and checks, at most a few seconds old; preferred over the description,
   *     which may be as old as the view (a restarted instance would stay "stopped" until the next read of it)
   */
  public static Optional<String> goneInEc2(String instanceId, Optional<Instance> described, boolean checkMissing, Optional<InstanceCheck> check) {
    if (described.isEmpty() || checkMissing) {
      return Optional.of("EC2 does not know instance " + instanceId);
    }
    InstanceState state = check.map(InstanceCheck::state).orElse(described.get().state());
    if (state != InstanceState.RUNNING) {
      return Optional.of("EC2 reports instance " + instanceId + " " + state.name().toLowerCase(Locale.ROOT).replace('_', '-'));
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
  public static SideState state(SideHealth health, boolean gone, ProbeSpec probe, Instant now) {
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
  public static Duration detection(SideHealth failing, Instant now) {
    if (failing.failingSince() == null) {
      return Duration.ZERO;
    }
    Duration detection = Duration.between(failing.failingSince(), now);
    return detection.isNegative() ? Duration.ZERO : detection;
  }
}
