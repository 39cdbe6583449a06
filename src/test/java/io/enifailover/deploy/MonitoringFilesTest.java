package io.enifailover.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.enifailover.testing.ShippedMonitoring;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * deploy/monitoring/ is the one source of the alerts and the dashboard; the chart carries copies byte for byte
 * (Helm reads no file outside the chart), and the dashboard asks for its data source instead of naming one.
 */
class MonitoringFilesTest {

  @Test
  void theChartCarriesTheAlertsAndTheDashboardOfDeployMonitoring() throws IOException {
    for (Path source : List.of(ShippedMonitoring.ALERTS, ShippedMonitoring.DASHBOARD)) {
      Path copy = ShippedMonitoring.CHART_FILES.resolve(source.getFileName());
      assertThat(copy).as("%s is missing; create it with: cp %s %s", copy, source, copy).isRegularFile();
      assertThat(Files.readString(copy))
          .as("%s differs from %s; update it with: cp %s %s", copy, source, source, copy)
          .isEqualTo(Files.readString(source));
    }
    try (Stream<Path> files = Files.list(ShippedMonitoring.CHART_FILES)) {
      assertThat(files.map(p -> p.getFileName().toString()))
          .containsExactlyInAnyOrder("alerts.yaml", "grafana-dashboard.json");
    }
  }

  @Test
  void everyPanelQueriesTheDataSourceTheUserPicks() {
    JsonNode dashboard = ShippedMonitoring.dashboard();
    JsonNode variables = dashboard.path("templating").path("list");
    assertThat(variables).anySatisfy(v -> {
      assertThat(v.path("name").asText()).isEqualTo("datasource");
      assertThat(v.path("type").asText()).isEqualTo("datasource");
      assertThat(v.path("query").asText()).isEqualTo("prometheus");
    });
    List<String> problems = new ArrayList<>();
    Set<Integer> ids = new HashSet<>();
    for (JsonNode panel : dashboard.path("panels")) {
      String title = panel.path("title").asText();
      if (!ids.add(panel.path("id").asInt())) {
        problems.add(title + ": duplicate panel id " + panel.path("id").asInt());
      }
      if ("row".equals(panel.path("type").asText())) {
        continue;
      }
      if (!panel.path("datasource").path("uid").asText().equals("${datasource}")) {
        problems.add(title + ": panel data source is not ${datasource}");
      }
      if (panel.path("targets").isEmpty()) {
        problems.add(title + ": no query");
      }
      for (JsonNode target : panel.path("targets")) {
        if (!target.path("datasource").path("uid").asText().equals("${datasource}") || target.path("expr").asText().isBlank()) {
          problems.add(title + " " + target.path("refId").asText() + ": no expr, or not on ${datasource}");
        }
      }
    }
    assertThat(problems).isEmpty();
    assertThat(dashboard.path("uid").asText()).isEqualTo("eni-failover-operator");
  }
}
