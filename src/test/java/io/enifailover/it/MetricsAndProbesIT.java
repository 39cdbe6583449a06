package io.enifailover.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.enifailover.model.Side;
import io.enifailover.runtime.OperatorHttpServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** What Prometheus and the kubelet see on the operator's HTTP port during a failover. */
class MetricsAndProbesIT {
  @RegisterExtension static final OperatorHarness h = new OperatorHarness();
  static OperatorHttpServer http;
  static final HttpClient web = HttpClient.newHttpClient();

  @BeforeAll
  static void serve() {
    http = h.stack.operator().serveHttp(0, h.stack.metrics);
  }

  @AfterAll
  static void stop() {
    http.close();
  }

  static HttpResponse<String> get(String path) throws Exception {
    return web.send(HttpRequest.newBuilder(URI.create(http.uri() + path)).GET().build(), HttpResponse.BodyHandlers.ofString());
  }

  static String scrape() throws Exception {
    HttpResponse<String> response = get("/metrics");
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/plain"));
    return response.body();
  }

  /** The value of the first sample of {@code name} whose labels contain every one of {@code labels}. */
  static double sample(String scrape, String name, String... labels) {
    return scrape.lines()
        .filter(l -> l.startsWith(name + "{") || l.startsWith(name + " "))
        .filter(l -> java.util.Arrays.stream(labels).allMatch(l::contains))
        .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
        .findFirst()
        .orElse(0);
  }

  @Test
  void probesAnswerOnceTheOperatorRuns() throws Exception {
    assertThat(get("/healthz").statusCode()).isEqualTo(200);
    assertThat(get("/readyz").statusCode()).isEqualTo(200);
  }

  @Test
  void aFailoverIsCountedAndTimedWithItsPhasesAndEc2Calls() throws Exception {
    TestWorld w = TestWorld.create(h.sim);
    h.create("scraped", w);
    h.awaitReady("scraped");
    double before = sample(scrape(), "enifailover_failovers_total", "trigger=\"SpecChange\"", "outcome=\"completed\"");

    h.setActive("scraped", Side.Standby);

    await().atMost(Duration.ofSeconds(10)).until(() ->
        sample(scrape(), "enifailover_failovers_total", "trigger=\"SpecChange\"", "outcome=\"completed\"") == before + 1);
    String scrape = scrape();
    assertThat(sample(scrape, "enifailover_failover_duration_seconds_count", "trigger=\"SpecChange\"")).isGreaterThanOrEqualTo(1);
    // The simulator detaches in 300 ms and attaches in 200 ms: the recorded failover cannot be shorter.
    assertThat(sample(scrape, "enifailover_failover_duration_seconds_sum", "trigger=\"SpecChange\"")).isGreaterThanOrEqualTo(0.5);
    assertThat(sample(scrape, "enifailover_failover_phase_duration_seconds_count", "phase=\"detach\"")).isGreaterThanOrEqualTo(1);
    assertThat(sample(scrape, "enifailover_failover_phase_duration_seconds_count", "phase=\"attach\"")).isGreaterThanOrEqualTo(1);
    assertThat(sample(scrape, "enifailover_failover_duration_seconds_bucket", "trigger=\"SpecChange\"", "le=\"+Inf\"")).isGreaterThanOrEqualTo(1);
    assertThat(sample(scrape, "enifailover_ec2_api_calls_total", "action=\"DetachNetworkInterface\"", "outcome=\"success\"")).isGreaterThanOrEqualTo(1);
    assertThat(sample(scrape, "enifailover_ec2_api_calls_total", "action=\"AttachNetworkInterface\"", "outcome=\"success\"")).isGreaterThanOrEqualTo(2);
    // JOSDK's own reconciliation metrics are on the same page.
    assertThat(scrape).contains("operator_sdk_reconciliations");
    // Pairs by state come from the informer cache, which sees the new status a moment after it is written.
    await().atMost(Duration.ofSeconds(5)).until(() -> sample(scrape(), "enifailover_pairs", "state=\"ready\"") >= 1);
    // The region's budget: all moves ended, tokens left in the operator's share (the default half of EC2's 50).
    assertThat(scrape).contains("enifailover_moves_in_flight{");
    assertThat(sample(scrape, "enifailover_moves_in_flight", "region=\"default\"")).isZero();
    assertThat(sample(scrape, "enifailover_ec2_budget_tokens", "region=\"default\"", "action=\"AttachNetworkInterface\"")).isBetween(1.0, 25.0);
  }

  @Test
  void throttledRequestsAreCountedEvenWhenTheSdkRetriesThemAway() throws Exception {
    TestWorld w = TestWorld.create(h.sim);
    h.sim.faults().throttleNext(1);
    h.create("throttle-count", w);
    h.awaitReady("throttle-count");

    assertThat(sample(scrape(), "enifailover_ec2_api_calls_total", "outcome=\"throttled\"")).isGreaterThanOrEqualTo(1);
  }

  @Test
  void stalledPairsAreCounted() throws Exception {
    TestWorld w = TestWorld.create(h.sim);
    h.create("stalled-count", w, spec -> spec.setNetworkInterfaceId("eni-" + TestWorld.hex()));
    h.awaitReason("stalled-count", "NetworkInterfaceNotFound");

    await().atMost(Duration.ofSeconds(5)).until(() -> sample(scrape(), "enifailover_pairs", "state=\"stalled\"") >= 1);
  }
}
