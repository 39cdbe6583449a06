package io.enifailover.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.enifailover.model.Side;
import io.enifailover.runtime.OperatorHttpServer;
import io.enifailover.testing.FastEc2;
import io.enifailover.testing.PrometheusTools;
import io.enifailover.testing.ShippedMonitoring;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The shipped alerts and dashboard query what the operator really exports: every PromQL expression in them
 * parses with Prometheus' own parser (promql-names), and every metric name it selects is a series on the
 * operator's /metrics after a run that made a manual failover, probed a pair in automatic mode and stalled one.
 */
class MonitoringQueriesIT {
  @RegisterExtension static final OperatorHarness h = new OperatorHarness(FastEc2.withHealthEndpoints());
  static final Duration WAIT = Duration.ofSeconds(20);
  static final ObjectMapper JSON = new ObjectMapper();
  static final HttpClient web = HttpClient.newHttpClient();

  /**
   * Names no scrape of the operator shows, each with why a query may use it. Histograms need no entry: the
   * names compared are those of the samples, so a query must use a histogram's _bucket, _count or _sum, and a
   * counter's _total, exactly as Prometheus stores them.
   */
  static final Map<String, String> NOT_FROM_THE_OPERATOR = Map.of(
      "up", "Prometheus' own series for each scrape target (1 when it answered), which EniFailoverOperatorDown watches");

  @Test
  void everyQueryParsesAndSelectsOnlySeriesTheOperatorExports() throws Exception {
    Path promqlNames = PrometheusTools.promqlNames();
    try (OperatorHttpServer http = h.stack.operator().serveHttp(0, h.stack.metrics)) {
      URI metrics = URI.create(http.uri() + "/metrics");
      runWithAFailoverAnAutomaticPairAndAStalledOne(metrics);

      Set<String> exported = seriesNames(scrape(metrics));
      assertThat(exported).as("a histogram is stored as its _bucket, _count and _sum series, never under its own name")
          .contains("enifailover_failover_duration_seconds_bucket", "enifailover_failover_phase_duration_seconds_count")
          .doesNotContain("enifailover_failover_duration_seconds");

      Map<String, String> queries = new LinkedHashMap<>();
      ShippedMonitoring.alerts().forEach(a -> queries.put("alert " + a.name(), a.expr()));
      ShippedMonitoring.dashboardQueries().forEach((where, q) -> queries.put("dashboard " + where, ShippedMonitoring.asPromQL(q)));
      PrometheusTools.Result parsed = PrometheusTools.run(promqlNames, JSON.writeValueAsString(new ArrayList<>(queries.values())))
          .assertSuccess();
      Map<String, List<String>> names = JSON.readValue(parsed.stdout(), new TypeReference<>() {});

      List<String> problems = new ArrayList<>();
      Set<String> checked = new TreeSet<>();
      queries.forEach((where, expr) -> {
        List<String> used = names.get(expr);
        if (used == null || used.isEmpty()) {
          problems.add(where + " selects no metric: " + expr);
          return;
        }
        for (String name : used) {
          checked.add(name);
          if (!exported.contains(name) && !NOT_FROM_THE_OPERATOR.containsKey(name)) {
            problems.add(where + " uses " + name + ", which the operator does not export");
          }
        }
      });
      assertThat(problems).as("queries of deploy/monitoring/ against the operator's /metrics").isEmpty();
      assertThat(checked).as("metric names the shipped queries use").contains("up", "enifailover_leader", "enifailover_pair_condition_seconds");
    }
  }

  /** What the metrics look like on a cluster that has seen some life. */
  private static void runWithAFailoverAnAutomaticPairAndAStalledOne(URI metrics) throws Exception {
    h.readyOnPrimary("manual", spec -> {});
    h.setActive("manual", Side.Standby);
    await().atMost(WAIT).until(() -> h.isReady("manual", 2));

    h.readyOnPrimary("automatic", AutomaticFailoverIT.automatic(f -> {}));

    h.create("stalled", TestWorld.create(h.sim), spec -> spec.setNetworkInterfaceId("eni-" + TestWorld.hex()));
    h.awaitReason("stalled", "NetworkInterfaceNotFound");

    await().atMost(WAIT).until(() -> {
      String scrape = scrape(metrics);
      return sample(scrape, "enifailover_failovers_total", "trigger=\"SpecChange\"", "outcome=\"completed\"").orElse(0.0) >= 1
          && sample(scrape, "enifailover_pair_automatic_state", "pair_name=\"automatic\"", "state=\"AsDeclared\"").isPresent()
          && sample(scrape, "enifailover_health_probes_total", "side=\"Standby\"", "result=\"success\"").orElse(0.0) >= 1;
    });
    // The stalled pair is re-checked every half second here; its Stalled age, which the alert reads, goes on growing.
    await().atMost(WAIT).until(() -> sample(scrape(metrics), "enifailover_pair_condition_seconds",
        "pair_name=\"stalled\"", "condition=\"Stalled\"", "status=\"True\"", "reason=\"NetworkInterfaceNotFound\"").orElse(0.0) >= 3);
    assertThat(sample(scrape(metrics), "enifailover_leader")).contains(1.0);
  }

  static String scrape(URI metrics) throws Exception {
    HttpResponse<String> response = web.send(HttpRequest.newBuilder(metrics).GET().build(), HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(200);
    return response.body();
  }

  /** The names of the samples in a Prometheus text exposition, as Prometheus stores them. */
  static Set<String> seriesNames(String scrape) {
    return scrape.lines()
        .filter(l -> !l.isBlank() && !l.startsWith("#"))
        .map(l -> l.split("[{ ]", 2)[0])
        .collect(Collectors.toCollection(TreeSet::new));
  }

  /** The value of the first sample of {@code name} whose labels contain all of {@code labels}. */
  static Optional<Double> sample(String scrape, String name, String... labels) {
    return scrape.lines()
        .filter(l -> l.startsWith(name + "{") || l.startsWith(name + " "))
        .filter(l -> List.of(labels).stream().allMatch(l::contains))
        .map(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
        .findFirst();
  }
}
