package io.enifailover.status;

import io.enifailover.api.AutomaticFailoverStatus;
import io.enifailover.api.EniFailoverPairStatus;
import io.enifailover.api.HealthStatus;
import io.enifailover.api.Side;
import io.enifailover.api.SideHealthStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The automatic-failover part of a pair's status: the health of each side, what the operator chose, the
 * Degraded condition while it serves from the side spec.active does not name, and the Events of each health
 * transition and each move or refusal. Pure, like {@link StatusReporter}, whose report it completes.
 *
 * @param instanceOf the instance of each side, for messages
 */
public record AutomaticReport(
    SideHealthStatus primary, SideHealthStatus standby, AutomaticFailoverStatus automatic, Side declared,
    java.util.function.Function<Side, String> instanceOf) {

  public static final String DEGRADED = "Degraded";
  public static final String FAILED_OVER = "FailedOver";
  public static final String FAILED_BACK = "FailedBack";
  public static final String AS_DECLARED = "AsDeclared";
  public static final String NO_HEALTHY_SIDE = "NoHealthySide";
  public static final String FLAP_PREVENTED = "FlapPrevented";

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
    List<io.fabric8.kubernetes.api.model.Condition> conditions = new ArrayList<>(status.getConditions());
    conditions.removeIf(c -> DEGRADED.equals(c.getType()));
    conditions.add(Conditions.next(before.getConditions(), DEGRADED, failedOver || stuck,
        failedOver ? FAILED_OVER : stuck ? automatic.getState() : AS_DECLARED,
        failedOver ? String.format("kept on %s (%s) instead of spec.active's %s since %s, because %s; now: %s",
            automatic.getTarget(), instanceOf.apply(automatic.getTarget()), declared, automatic.getLastMoveTime(),
            automatic.getLastMoveReason(), automatic.getReason())
            : stuck ? automatic.getReason() : "",
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
