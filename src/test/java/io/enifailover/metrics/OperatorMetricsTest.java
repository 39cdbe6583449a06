package io.enifailover.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.enifailover.api.AutomaticFailoverStatus;
import io.enifailover.api.EniFailoverPair;
import io.enifailover.api.EniFailoverPairStatus;
import io.enifailover.sim.MutableClock;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What the alerts read from a scrape: each pair's conditions and their age, the automatic state, the leader. */
class OperatorMetricsTest {
  static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");

  final MutableClock clock = new MutableClock(T0);
  final OperatorMetrics metrics = new OperatorMetrics(new PrometheusMeterRegistry(PrometheusConfig.DEFAULT), clock);
  final List<EniFailoverPair> pairs = new ArrayList<>();

  OperatorMetricsTest() {
    metrics.pairsFrom(() -> pairs);
  }

  @Test
  void eachConditionOfEachPairIsASeriesWithItsReasonAndItsAgeFromLastTransitionTime() {
    pairs.add(pair("payments", "db",
        condition("Ready", "False", "AccessDenied", T0.minusSeconds(600)),
        condition("Stalled", "True", "AccessDenied", T0.minusSeconds(600)),
        condition("Reconciling", "False", "AccessDenied", T0.minusSeconds(3600))));

    String scrape = metrics.scrape();

    assertThat(sample(scrape, "enifailover_pair_condition_seconds",
        "condition=\"Stalled\"", "pair_name=\"db\"", "pair_namespace=\"payments\"", "reason=\"AccessDenied\"", "status=\"True\""))
        .contains(600.0);
    assertThat(sample(scrape, "enifailover_pair_condition_seconds", "condition=\"Reconciling\"", "status=\"False\"")).contains(3600.0);
    clock.advance(Duration.ofSeconds(90));
    assertThat(sample(metrics.scrape(), "enifailover_pair_condition_seconds", "condition=\"Stalled\"")).contains(690.0);
  }

  @Test
  void aPairsSeriesFollowItsStatusAndGoWithIt() {
    pairs.add(pair("payments", "db", condition("Reconciling", "True", "Detaching", T0)));
    assertThat(sample(metrics.scrape(), "enifailover_pair_condition_seconds", "reason=\"Detaching\"")).contains(0.0);

    pairs.set(0, pair("payments", "db", condition("Reconciling", "True", "Attaching", T0)));
    String scrape = metrics.scrape();
    assertThat(sample(scrape, "enifailover_pair_condition_seconds", "reason=\"Attaching\"")).isPresent();
    assertThat(sample(scrape, "enifailover_pair_condition_seconds", "reason=\"Detaching\"")).isEmpty();

    pairs.clear();
    assertThat(metrics.scrape()).doesNotContain("enifailover_pair_condition_seconds{");
  }

  @Test
  void aPairInAutomaticModeShowsWhatAutomaticFailoverDecided() {
    EniFailoverPair pair = pair("payments", "db", condition("Ready", "True", "InSync", T0));
    AutomaticFailoverStatus automatic = new AutomaticFailoverStatus();
    automatic.setState("NoHealthySide");
    pair.getStatus().setAutomatic(automatic);
    pairs.add(pair);
    pairs.add(pair("payments", "manual", condition("Ready", "True", "InSync", T0)));

    String scrape = metrics.scrape();

    assertThat(sample(scrape, "enifailover_pair_automatic_state", "pair_name=\"db\"", "state=\"NoHealthySide\"")).contains(1.0);
    assertThat(sample(scrape, "enifailover_pair_automatic_state", "pair_name=\"manual\"")).isEmpty();
  }

  @Test
  void theLeaderGaugeFollowsLeadership() {
    assertThat(sample(metrics.scrape(), "enifailover_leader")).contains(0.0);
    metrics.leading(true);
    assertThat(sample(metrics.scrape(), "enifailover_leader")).contains(1.0);
    metrics.leading(false);
    assertThat(sample(metrics.scrape(), "enifailover_leader")).contains(0.0);
  }

  @Test
  void automaticDecisionsAreCountedFromZeroSoThatTheFirstMoveIsAnIncrease() {
    String before = metrics.scrape();
    for (String decision : List.of("FailedOver", "FailedBack", "NoHealthySide", "FlapPrevented")) {
      assertThat(sample(before, "enifailover_automatic_decisions_total", "decision=\"" + decision + "\"")).as(decision).contains(0.0);
    }
    metrics.automaticDecision("FailedOver");
    assertThat(sample(metrics.scrape(), "enifailover_automatic_decisions_total", "decision=\"FailedOver\"")).contains(1.0);
  }

  static EniFailoverPair pair(String namespace, String name, Condition... conditions) {
    EniFailoverPair pair = new EniFailoverPair();
    pair.setMetadata(new ObjectMetaBuilder().withNamespace(namespace).withName(name).build());
    EniFailoverPairStatus status = new EniFailoverPairStatus();
    status.setConditions(new ArrayList<>(List.of(conditions)));
    pair.setStatus(status);
    return pair;
  }

  static Condition condition(String type, String status, String reason, Instant since) {
    return new ConditionBuilder().withType(type).withStatus(status).withReason(reason).withLastTransitionTime(since.toString()).build();
  }

  /** The value of the one sample of {@code name} whose labels contain all of {@code labels}, if there is one. */
  static Optional<Double> sample(String scrape, String name, String... labels) {
    List<Double> values = scrape.lines()
        .filter(l -> l.startsWith(name + "{") || l.startsWith(name + " "))
        .filter(l -> List.of(labels).stream().allMatch(l::contains))
        .map(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
        .toList();
    assertThat(values).as("samples of %s with %s", name, List.of(labels)).hasSizeLessThan(2);
    return values.stream().findFirst();
  }
}
