package io.enifailover.status;

import io.enifailover.api.EniFailoverPairStatus;
import io.enifailover.api.FailoverRecord;
import io.enifailover.api.PhaseDurations;
import io.enifailover.api.Trigger;
import io.enifailover.model.Outcome;
import io.enifailover.model.Reason;
import io.enifailover.model.Step;
import io.enifailover.plan.ObservedState;
import io.fabric8.kubernetes.api.model.Condition;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Builds the whole status and the events of one pass, in one place. Pure: the reconciler writes what
 * this returns.
 */
public final class StatusReporter {

  /** The status to write and the events to record. */
  public record Report(EniFailoverPairStatus status, List<PairEvent> events) {}

  public Report report(
      EniFailoverPairStatus previous,
      long generation,
      Optional<ObservedState> observed,
      Outcome outcome,
      FailoverUpdate failover,
      Instant now) {
    EniFailoverPairStatus before = previous == null ? new EniFailoverPairStatus() : previous;
    EniFailoverPairStatus status = new EniFailoverPairStatus();
    status.setObservedGeneration(generation);
    if (observed.isPresent()) {
      ObservedState o = observed.get();
      status.setActiveRole(o.activeRole());
      status.setActiveInstanceId(o.activeInstanceId().orElse(null));
      status.setAttachmentId(o.attachmentId().orElse(null));
      status.setPublicIp(o.publicIp().orElse(null));
    } else {
      // EC2 did not answer: keep what was last seen rather than claim it changed.
      status.setActiveRole(before.getActiveRole());
      status.setActiveInstanceId(before.getActiveInstanceId());
      status.setAttachmentId(before.getAttachmentId());
      status.setPublicIp(before.getPublicIp());
    }
    status.setLastFailover(failover.record().orElse(before.getLastFailover()));
    long count = before.getFailoverCount() == null ? 0 : before.getFailoverCount();
    boolean counted =
        failover.completedNow() && failover.record().map(r -> r.getTrigger() != Trigger.Initial).orElse(false);
    status.setFailoverCount(counted ? count + 1 : count);
    // A forced change's consent is spent once, and status remembers it across restarts.
    status.setForcedDetachAttachmentId(outcome.executed()
        .filter(step -> step instanceof Step.Change change && change.forced())
        .flatMap(step -> ((Step.Change) step).subject())
        .orElse(before.getForcedDetachAttachmentId()));
    status.setConditions(conditions(before, outcome, generation, now));
    // What automatic failover last reported stands until a pass of it reports again (one EC2 did not answer, say).
    status.setHealth(before.getHealth());
    status.setAutomatic(before.getAutomatic());
    before.condition(AutomaticReport.DEGRADED).ifPresent(degraded -> {
      List<Condition> conditions = new ArrayList<>(status.getConditions());
      conditions.add(degraded);
      status.setConditions(conditions);
    });
    return new Report(status, events(before, outcome, failover));
  }

  /** The report, without automatic failover's part: the pair is in Manual mode. */
  public static Report withoutAutomatic(Report report) {
    EniFailoverPairStatus status = report.status();
    status.setHealth(null);
    status.setAutomatic(null);
    status.setConditions(status.getConditions().stream().filter(c -> !AutomaticReport.DEGRADED.equals(c.getType())).toList());
    return report;
  }

  private static List<Condition> conditions(
      EniFailoverPairStatus before, Outcome outcome, long generation, Instant now) {
    Reason.Category category = outcome.reason().category();
    boolean reconciling = category == Reason.Category.IN_FLIGHT || category == Reason.Category.WAITING;
    boolean stalled = category == Reason.Category.STALLED;
    String reason = outcome.reason().name();
    // The condition that says what is wrong, or what is awaited, also says where to read what to do about it.
    String explained = reconciling || stalled ? Troubleshooting.withEntry(outcome.message(), reason) : "";
    var previous = before.getConditions();
    return List.of(
        Conditions.next(previous, Conditions.READY, category == Reason.Category.READY, reason, outcome.message(), generation, now),
        Conditions.next(previous, Conditions.RECONCILING, reconciling, reason, reconciling ? explained : "", generation, now),
        Conditions.next(previous, Conditions.STALLED, stalled, reason, stalled ? explained : "", generation, now));
  }

  private static List<PairEvent> events(EniFailoverPairStatus before, Outcome outcome, FailoverUpdate failover) {
    List<PairEvent> events = new ArrayList<>();
    if (outcome.executed().isPresent()) {
      events.add(new PairEvent(PairEvent.Type.Normal, outcome.reason().name(), outcome.message()));
    }
    if (failover.completedNow()) {
      failover.record().ifPresent(r -> events.add(new PairEvent(PairEvent.Type.Normal, "FailoverCompleted", completed(r))));
    }
    String previousReason = before.reasonOf(Conditions.READY);
    boolean changed = !previousReason.equals(outcome.reason().name());
    if (changed && outcome.executed().isEmpty() && isWorthAnEvent(outcome.reason())) {
      PairEvent.Type type = outcome.reason() == Reason.Paused ? PairEvent.Type.Normal : PairEvent.Type.Warning;
      events.add(new PairEvent(type, outcome.reason().name(), outcome.message()));
    }
    return events;
  }

  private static boolean isWorthAnEvent(Reason reason) {
    return switch (reason.category()) {
      case STALLED, PAUSED -> true;
      case WAITING -> reason != Reason.Conflict;
      case IN_FLIGHT -> reason == Reason.DetachStuck || reason == Reason.AttachStuck;
      case READY -> false;
    };
  }

  private static String completed(FailoverRecord r) {
    PhaseDurations p = r.getPhases();
    return String.format(
        "%s -> %s (%s) completed in %d ms: detach %d ms, attach %d ms, associate %d ms",
        r.getFrom(),
        r.getTo(),
        r.getTrigger(),
        r.getDurationMillis(),
        p.getDetachMillis(),
        p.getAttachMillis(),
        p.getAssociateMillis());
  }
}
