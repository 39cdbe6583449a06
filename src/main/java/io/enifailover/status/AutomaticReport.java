package io.enifailover.status;

import io.enifailover.api.AutomaticFailoverStatus;
import io.enifailover.api.EniFailoverPairStatus;
import io.enifailover.api.HealthStatus;
import io.enifailover.health.HealthAssessment;
import io.enifailover.health.SideHealth;
import io.enifailover.model.Instance;
import io.enifailover.model.Observation;
import io.enifailover.model.PairIntent;
import io.enifailover.model.Side;
import io.enifailover.plan.AutomaticFailover.Decision;
import io.enifailover.plan.AutomaticFailover.Kind;
import io.fabric8.kubernetes.api.model.Condition;
import io.enifailover.api.SideHealthStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * The automatic-failover part of a pair's status: the health of each side, what the operator chose, the
 * Degraded condition while it serves from the side spec.active does not name, and the Events of each health
 * transition and each move or refusal. Pure, like {@link StatusReporter}, whose report it completes.
 *
 * @param instanceOf the instance of each side, for messages
 */
public record AutomaticReport(
    SideHealthStatus primary, SideHealthStatus standby, AutomaticFailoverStatus automatic, Side declared,
    Function<Side, String> instanceOf) {

  public static final String DEGRADED = "Degraded";
  public static final String FAILED_OVER = "FailedOver";
  public static final String FAILED_BACK = "FailedBack";
  public static final String AS_DECLARED = "AsDeclared";
  public static final String NO_HEALTHY_SIDE = "NoHealthySide";
  public static final String FLAP_PREVENTED = "FlapPrevented";

  /**
   * The automatic part of the status after {@code a}, from the one {@code previous} shows.
   *
   * @param failbackRequest the failback annotation's value, if the pair has one
   */
  public static AutomaticReport of(
      HealthAssessment a, EniFailoverPairStatus previous, PairIntent intent, Observation observation, Optional<String> failbackRequest, Instant now) {
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
    boolean flapPrevented = FLAP_PREVENTED.equals(after.getState()) && !after.getState().equals(before.getState());
    after.setPreventedFlaps(orZero(before.getPreventedFlaps()) + (flapPrevented ? 1 : 0));
    // A failback request is spent once the service is on spec.active's side, or when it is refused (that side
    // is not healthy, with an Event); until then every pass goes on with it, as the move takes several.
    boolean refused = decision.kind() == Kind.AWAITING_FAILBACK || decision.kind() == Kind.NO_HEALTHY_SIDE || decision.kind() == Kind.COOLDOWN;
    boolean done = a.inPlaceOn().filter(side -> side == a.declared()).isPresent();
    after.setFailbackRequest(refused || done ? failbackRequest.orElse(before.getFailbackRequest()) : before.getFailbackRequest());
    return new AutomaticReport(
        sideStatus(a.primary(), intent.primaryInstanceId(), observation),
        sideStatus(a.standby(), intent.standbyInstanceId(), observation),
        after, a.declared(), intent::instanceIdOf);
  }

  /** The decision's state, when it is news: it changed since {@code previous}, and it is not "as declared". */
  public Optional<String> newState(EniFailoverPairStatus previous) {
    String before = Optional.ofNullable(previous).map(EniFailoverPairStatus::getAutomatic).map(AutomaticFailoverStatus::getState).orElse(null);
    return Objects.equals(automatic.getState(), before) || AS_DECLARED.equals(automatic.getState())
        ? Optional.empty() : Optional.of(automatic.getState());
  }

  private static String stateOf(Decision decision) {
    return switch (decision.kind()) {
      case STAY -> AS_DECLARED;
      case FAIL_OVER, AWAITING_FAILBACK, FAILBACK_PENDING -> FAILED_OVER;
      case FAIL_BACK -> FAILED_BACK;
      case NO_HEALTHY_SIDE -> NO_HEALTHY_SIDE;
      case COOLDOWN -> FLAP_PREVENTED;
    };
  }

  private static SideHealthStatus sideStatus(SideHealth health, String instanceId, Observation observation) {
    SideHealthStatus status = new SideHealthStatus();
    status.setState(switch (health.status()) {
      case HEALTHY -> "Healthy";
      case UNHEALTHY -> "Unhealthy";
      case UNKNOWN -> "Unknown";
    });
    String ip = observation.instance(instanceId).map(Instance::privateIp).filter(i -> !i.isEmpty()).orElse(null);
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

  /** The report, with this part added to its status, conditions and events. */
  public StatusReporter.Report addTo(StatusReporter.Report report, EniFailoverPairStatus previous, long generation, Instant now) {
    EniFailoverPairStatus before = previous == null ? new EniFailoverPairStatus() : previous;
    EniFailoverPairStatus status = report.status();
    HealthStatus health = new HealthStatus();
    health.setPrimary(primary);
    health.setStandby(standby);
    status.setHealth(health);
    status.setAutomatic(automatic);
    boolean failedOver = automatic.getTarget() != declared;
    // Also degraded: the side kept is unhealthy and nothing may move (no healthy side, or the cooldown).
    boolean stuck = NO_HEALTHY_SIDE.equals(automatic.getState()) || FLAP_PREVENTED.equals(automatic.getState());
    List<Condition> conditions = new ArrayList<>(status.getConditions());
    conditions.removeIf(c -> DEGRADED.equals(c.getType()));
    conditions.add(Conditions.next(before.getConditions(), DEGRADED, failedOver || stuck,
        failedOver ? FAILED_OVER : stuck ? automatic.getState() : AS_DECLARED,
        failedOver ? String.format("kept on %s (%s) instead of spec.active's %s since %s, because %s; now: %s",
            automatic.getTarget(), instanceOf.apply(automatic.getTarget()), declared, automatic.getLastMoveTime(),
            automatic.getLastMoveReason(), automatic.getReason())
            : stuck ? Troubleshooting.withEntry(automatic.getReason(), automatic.getState()) : "",
        generation, now));
    status.setConditions(conditions);
    // What was decided comes before the steps taken on it.
    List<PairEvent> events = new ArrayList<>();
    Optional<HealthStatus> previousHealth = Optional.ofNullable(before.getHealth());
    healthEvent(Side.Primary, previousHealth.map(HealthStatus::getPrimary), primary).ifPresent(events::add);
    healthEvent(Side.Standby, previousHealth.map(HealthStatus::getStandby), standby).ifPresent(events::add);
    String previousState = Optional.ofNullable(before.getAutomatic()).map(AutomaticFailoverStatus::getState).orElse(AS_DECLARED);
    if (!previousState.equals(automatic.getState()) && !AS_DECLARED.equals(automatic.getState())) {
      PairEvent.Type type = FAILED_BACK.equals(automatic.getState()) ? PairEvent.Type.Normal : PairEvent.Type.Warning;
      events.add(new PairEvent(type, automatic.getState(), automatic.getReason()));
    }
    String previousRequest = Optional.ofNullable(before.getAutomatic()).map(AutomaticFailoverStatus::getFailbackRequest).orElse(null);
    if (!Objects.equals(previousRequest, automatic.getFailbackRequest()) && failedOver) {
      events.add(new PairEvent(PairEvent.Type.Warning, "FailbackRefused", automatic.getReason()));
    }
    events.addAll(report.events());
    return new StatusReporter.Report(status, events);
  }

  private Optional<PairEvent> healthEvent(Side side, Optional<SideHealthStatus> before, SideHealthStatus now) {
    String was = before.map(SideHealthStatus::getState).orElse("Unknown");
    // A verdict reached from none (a new pair, a new leader) is news only when it is bad.
    if (Objects.equals(was, now.getState()) || "Unknown".equals(now.getState()) || ("Unknown".equals(was) && "Healthy".equals(now.getState()))) {
      return Optional.empty();
    }
    boolean healthy = "Healthy".equals(now.getState());
    return Optional.of(new PairEvent(healthy ? PairEvent.Type.Normal : PairEvent.Type.Warning, side + now.getState(),
        String.format("%s %s is %s: %s", side, now.getTarget(), now.getState().toLowerCase(), now.getLastProbe())));
  }
}
