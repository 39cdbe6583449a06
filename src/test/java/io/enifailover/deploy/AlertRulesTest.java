package io.enifailover.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.enifailover.testing.PrometheusTools;
import io.enifailover.testing.ShippedMonitoring;
import io.enifailover.testing.ShippedMonitoring.Alert;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * deploy/monitoring/alerts.yaml is valid for Prometheus ({@code promtool check rules}), does what its unit
 * tests say ({@code promtool test rules}), those tests show every alert both firing and not firing, and each
 * alert links the troubleshooting entry a paged person needs.
 */
class AlertRulesTest {
  static final String RUNBOOKS = "https://github.com/enifailover/eni-failover-operator/blob/main/docs/troubleshooting.md#";

  /** docs/troubleshooting.md's headings (GitHub anchors), one per alert; a Stalled pair's is its reason's. */
  static final Map<String, String> RUNBOOK_ANCHORS = Map.of(
      "EniFailoverPairStalled", "{{ $labels.reason | toLower }}",
      "EniFailoverInFlightTooLong", "failover-in-flight-too-long",
      "EniFailoverAutomaticFailover", "automatic-failover-happened",
      "EniFailoverNoHealthySide", "nohealthyside",
      "EniFailoverNoLeader", "no-leader",
      "EniFailoverEc2Throttling", "ec2-throttling",
      "EniFailoverBudgetQueueGrowing", "budget-queue-growing",
      "EniFailoverOperatorDown", "operator-down");

  @Test
  void promtoolAcceptsTheRules() {
    PrometheusTools.Result check = PrometheusTools.run(PrometheusTools.promtool(), "", "check", "rules", ShippedMonitoring.ALERTS.toString())
        .assertSuccess();
    assertThat(check.stdout()).contains("SUCCESS: " + ShippedMonitoring.alerts().size() + " rules found");
  }

  @Test
  void theRulesPassTheirUnitTests() {
    PrometheusTools.Result test = PrometheusTools.run(PrometheusTools.promtool(), "", "test", "rules", ShippedMonitoring.ALERTS_TEST.toString())
        .assertSuccess();
    assertThat(test.stdout()).contains("SUCCESS");
  }

  @Test
  void theUnitTestsShowEveryAlertFiringAndNotFiring() {
    JsonNode tests = ShippedMonitoring.alertsTest();
    assertThat(tests.path("rule_files").get(0).asText())
        .as("the unit tests must load the shipped rules")
        .satisfies(file -> assertThat(ShippedMonitoring.ALERTS_TEST.getParent().resolve(file).normalize())
            .isEqualTo(ShippedMonitoring.ALERTS.normalize()));
    Set<String> firing = new HashSet<>();
    Set<String> silent = new HashSet<>();
    for (JsonNode test : tests.path("tests")) {
      for (JsonNode check : test.path("alert_rule_test")) {
        String alert = check.path("alertname").asText();
        (check.path("exp_alerts").isEmpty() ? silent : firing).add(alert);
      }
    }
    Set<String> alerts = ShippedMonitoring.alerts().stream().map(Alert::name).collect(Collectors.toSet());
    assertThat(firing).as("alerts shown firing").isEqualTo(alerts);
    assertThat(silent).as("alerts shown not firing").isEqualTo(alerts);
  }

  @Test
  void everyAlertHasASeverityASummaryWhatToDoAndItsRunbook() {
    List<Alert> alerts = ShippedMonitoring.alerts();
    assertThat(alerts).extracting(Alert::name).containsExactlyInAnyOrderElementsOf(RUNBOOK_ANCHORS.keySet());
    for (Alert alert : alerts) {
      assertThat(alert.labels().get("severity")).as(alert.name()).isIn("critical", "warning", "info");
      assertThat(alert.annotations().keySet()).as(alert.name()).containsExactlyInAnyOrder("summary", "description", "runbook_url");
      assertThat(alert.annotations().get("runbook_url")).as(alert.name()).isEqualTo(RUNBOOKS + RUNBOOK_ANCHORS.get(alert.name()));
    }
  }

  @Test
  void onlyTheOperatorDownAlertNamesTheJobWhichTheChartReplaces() {
    // The chart puts its own job label in with a plain text replacement of exactly this matcher.
    assertThat(ShippedMonitoring.alerts())
        .filteredOn(a -> a.expr().contains("job="))
        .singleElement()
        .satisfies(a -> {
          assertThat(a.name()).isEqualTo("EniFailoverOperatorDown");
          assertThat(a.expr()).contains("up{job=\"eni-failover-operator\"}");
        });
    assertThat(Path.of("helm", "eni-failover-operator", "templates", "monitoring", "prometheusrule.yaml"))
        .content().contains("replace \"job=\\\"eni-failover-operator\\\"\"");
  }
}
