package io.enifailover.metrics;

import io.enifailover.api.EniFailoverPair;
import io.enifailover.api.FailoverRecord;
import io.enifailover.api.PhaseDurations;
import io.enifailover.api.Trigger;
import io.enifailover.ec2.Ec2CallObserver;
import io.enifailover.model.Ec2Actions;
import io.enifailover.region.MutationBudget;
import io.enifailover.status.AutomaticReport;
import io.enifailover.status.Conditions;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * The operator's own metrics, beside JOSDK's: failovers by trigger and outcome, their duration and
 * phases, EC2 API calls by action and outcome, pairs by state, each pair's conditions, and whether this
 * replica leads. deploy/monitoring's alerts and dashboard are built on these names.
 */
public final class OperatorMetrics implements Ec2CallObserver {
  private static final List<String> PAIR_STATES = List.of("ready", "reconciling", "stalled", "other");
  private static final List<String> AUTOMATIC_DECISIONS = List.of(
      AutomaticReport.FAILED_OVER, AutomaticReport.FAILED_BACK, AutomaticReport.NO_HEALTHY_SIDE, AutomaticReport.FLAP_PREVENTED);

  private final MeterRegistry registry;
  private final Clock clock;
  private final AtomicReference<Supplier<Collection<EniFailoverPair>>> pairs = new AtomicReference<>(List::of);
  private final PairGauges pairGauges;
  private final AtomicInteger leader = new AtomicInteger();

  /** Metrics in a Prometheus registry, served at /metrics. */
  public static OperatorMetrics prometheus() {
    return new OperatorMetrics(new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
  }

  /** The Prometheus text exposition of every metric, JOSDK's included, with each pair's series as the pair is now. */
  public String scrape() {
    pairGauges.refresh(pairs.get().get(), clock.instant());
    return registry instanceof PrometheusMeterRegistry prometheus ? prometheus.scrape() : "";
  }

  public OperatorMetrics(MeterRegistry registry) {
    this(registry, Clock.systemUTC());
  }

  public OperatorMetrics(MeterRegistry registry, Clock clock) {
    this.registry = registry;
    this.clock = clock;
    this.pairGauges = new PairGauges(registry);
    Gauge.builder("enifailover.leader", leader, AtomicInteger::get)
        .description("1 on the replica that holds the leader Lease (or runs without leader election) and reconciles, 0 on a standby")
        .register(registry);
    // Present from the start at 0, so that the first automatic move is an increase an alert can see.
    AUTOMATIC_DECISIONS.forEach(this::decisions);
    for (String state : PAIR_STATES) {
      Gauge.builder("enifailover.pairs", () -> count(state))
          .description("EniFailoverPairs by state: ready, reconciling, stalled, other (paused or not yet observed)")
          .tag("state", state)
          .register(registry);
    }
  }

  /** The region's mutation budget: per action, tokens left and pairs waiting; and interfaces moving (services down). */
  public void regionBudget(String region, MutationBudget budget) {
    for (String action : Ec2Actions.MUTATING) {
      Gauge.builder("enifailover.ec2.budget.tokens", () -> budget.tokens(action))
          .description("tokens left in the operator's share of the region's EC2 bucket for the action")
          .tags("region", region, "action", action)
          .register(registry);
      Gauge.builder("enifailover.ec2.budget.queued", () -> budget.queued(action))
          .description("pairs waiting for a token of the region's EC2 bucket for the action")
          .tags("region", region, "action", action)
          .register(registry);
    }
    Gauge.builder("enifailover.moves.in.flight", budget::movesInFlight)
        .description("interfaces the operator detached and has not seen attached again")
        .tag("region", region)
        .register(registry);
  }

  /** One health probe of automatic failover, by side and result. */
  public void probe(String side, boolean success) {
    Counter.builder("enifailover.health.probes")
        .description("Health probes of automatic failover, by side (Primary, Standby) and result (success, failure)")
        .tags("side", side, "result", success ? "success" : "failure")
        .register(registry)
        .increment();
  }

  /** What automatic failover decided that is worth counting: moves (FailedOver, FailedBack) and moves prevented (NoHealthySide, FlapPrevented). */
  public void automaticDecision(String decision) {
    decisions(decision).increment();
  }

  /** This replica started or stopped leading (holding the leader Lease, or running without leader election). */
  public void leading(boolean leading) {
    leader.set(leading ? 1 : 0);
  }

  private Counter decisions(String decision) {
    return Counter.builder("enifailover.automatic.decisions")
        .description("Automatic failover's moves (FailedOver, FailedBack) and the moves it refused (NoHealthySide, FlapPrevented)")
        .tag("decision", decision)
        .register(registry);
  }

  public MeterRegistry registry() {
    return registry;
  }

  /** Where the pairs come from: the operator's informer cache, once it exists. */
  public void pairsFrom(Supplier<Collection<EniFailoverPair>> source) {
    pairs.set(source);
  }

  public void failoverCompleted(FailoverRecord record) {
    String trigger = record.getTrigger().name();
    counter(trigger, "completed").increment();
    timer("enifailover.failover.duration", "Time from the first EC2 change of a failover to the pair being Ready", "trigger", trigger)
        .record(Duration.ofMillis(record.getDurationMillis()));
    PhaseDurations phases = record.getPhases();
    phase("detach", phases.getDetachMillis());
    phase("attach", phases.getAttachMillis());
    phase("associate", phases.getAssociateMillis());
  }

  /** A failover in flight ran into a refusal: it waits for a human. */
  public void failoverStalled(Trigger trigger) {
    counter(trigger.name(), "stalled").increment();
  }

  @Override
  public void attempt(String action, String outcome) {
    Counter.builder("enifailover.ec2.api.calls")
        .description("EC2 API requests, each retry counted, by action and outcome")
        .tags("action", action, "outcome", outcome)
        .register(registry)
        .increment();
  }

  private void phase(String phase, Long millis) {
    if (millis != null && millis > 0) {
      timer("enifailover.failover.phase.duration", "Time EC2 took for each phase of a failover, as the operator observed it", "phase", phase)
          .record(Duration.ofMillis(millis));
    }
  }

  private Counter counter(String trigger, String outcome) {
    return Counter.builder("enifailover.failovers")
        .description("Failovers by trigger (SpecChange, Drift, Initial, HealthCheck) and outcome (completed, stalled)")
        .tags("trigger", trigger, "outcome", outcome)
        .register(registry);
  }

  private Timer timer(String name, String description, String tag, String value) {
    return Timer.builder(name)
        .description(description)
        .tag(tag, value)
        .publishPercentileHistogram()
        .minimumExpectedValue(Duration.ofMillis(100))
        .maximumExpectedValue(Duration.ofMinutes(5))
        .register(registry);
  }

  private double count(String state) {
    return pairs.get().get().stream().filter(p -> state.equals(stateOf(p))).count();
  }

  private static String stateOf(EniFailoverPair pair) {
    if (pair.getStatus() == null) {
      return "other";
    }
    for (String type : List.of(Conditions.READY, Conditions.STALLED, Conditions.RECONCILING)) {
      if (pair.getStatus().isTrue(type)) {
        return type.toLowerCase(java.util.Locale.ROOT);
      }
    }
    return "other";
  }
}
