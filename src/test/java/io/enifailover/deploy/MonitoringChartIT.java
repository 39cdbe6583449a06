package io.enifailover.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.enifailover.testing.ShippedMonitoring;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The chart's PrometheusRule and Grafana dashboard ConfigMap, rendered by the real helm: off by default, and
 * when on, exactly the rules and dashboard of deploy/monitoring/, with the operator's job label put in.
 */
class MonitoringChartIT {
  static final String CHART = "helm/eni-failover-operator";
  static final String NAMESPACE = "ops";
  static final ObjectMapper JSON = new ObjectMapper();
  static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  static Path helm;

  @BeforeAll
  static void tools() {
    helm = Tools.helm();
  }

  static Manifests template(String release, String... extraArgs) {
    List<String> args = new ArrayList<>(List.of("template", release, CHART, "--namespace", NAMESPACE));
    args.addAll(List.of(extraArgs));
    return Manifests.parse(Tools.run(helm, args.toArray(String[]::new)).assertSuccess().stdout());
  }

  /** The plain rules file's groups, with the operator's job as the chart should put it in. */
  static JsonNode shippedGroupsWithJob(String job) throws IOException {
    String rules = Files.readString(ShippedMonitoring.ALERTS).replace("job=\"eni-failover-operator\"", "job=\"" + job + "\"");
    return YAML.readTree(rules).path("groups");
  }

  @Test
  void neitherIsRenderedByDefault() {
    Manifests rendered = template("eni-failover-operator");
    assertThat(rendered.ofKind("PrometheusRule")).isEmpty();
    assertThat(rendered.all(ConfigMap.class)).isEmpty();
  }

  @Test
  void thePrometheusRuleCarriesTheShippedRulesWatchingTheServiceAsItsJob() throws IOException {
    Manifests rendered = template("edge", "--set", "monitoring.prometheusRule.enabled=true",
        "--set", "monitoring.prometheusRule.labels.release=prometheus");

    GenericKubernetesResource rule = (GenericKubernetesResource) rendered.ofKind("PrometheusRule").get(0);
    assertThat(rule.getApiVersion()).isEqualTo("monitoring.coreos.com/v1");
    assertThat(rule.getMetadata().getNamespace()).isEqualTo(NAMESPACE);
    assertThat(rule.getMetadata().getLabels()).containsEntry("release", "prometheus");
    // A ServiceMonitor's targets get the Service's name as their job; the Service is named after the release.
    String service = rendered.only(io.fabric8.kubernetes.api.model.Service.class).getMetadata().getName();
    assertThat(service).isEqualTo("edge-eni-failover-operator");
    JsonNode groups = JSON.valueToTree(rule.getAdditionalProperties()).path("spec").path("groups");
    assertThat(groups).isEqualTo(shippedGroupsWithJob(service));
    assertThat(groups.toString()).doesNotContain("job=\\\"eni-failover-operator\\\"");
  }

  @Test
  void aJobOfYourOwnReplacesTheDefault() throws IOException {
    Manifests rendered = template("eni-failover-operator", "--set", "monitoring.prometheusRule.enabled=true",
        "--set", "monitoring.prometheusRule.operatorJob=kubernetes-pods");

    GenericKubernetesResource rule = (GenericKubernetesResource) rendered.ofKind("PrometheusRule").get(0);
    assertThat(JSON.valueToTree(rule.getAdditionalProperties()).path("spec").path("groups"))
        .isEqualTo(shippedGroupsWithJob("kubernetes-pods"));
  }

  @Test
  void theDashboardConfigMapCarriesTheShippedDashboardWithTheSidecarsLabel() throws IOException {
    Manifests byDefault = template("eni-failover-operator", "--set", "monitoring.grafanaDashboard.enabled=true");
    ConfigMap map = byDefault.only(ConfigMap.class);
    assertThat(map.getMetadata().getNamespace()).isEqualTo(NAMESPACE);
    assertThat(map.getMetadata().getLabels()).containsEntry("grafana_dashboard", "1");
    assertThat(map.getData()).containsOnlyKeys("eni-failover-operator.json");
    assertThat(JSON.readTree(map.getData().get("eni-failover-operator.json"))).isEqualTo(ShippedMonitoring.dashboard());

    Manifests custom = template("eni-failover-operator", "--set", "monitoring.grafanaDashboard.enabled=true",
        "--set", "monitoring.grafanaDashboard.namespace=grafana",
        "--set", "monitoring.grafanaDashboard.labelKey=dashboards",
        "--set-string", "monitoring.grafanaDashboard.labelValue=eni",
        "--set", "monitoring.grafanaDashboard.annotations.grafana_folder=Operators");
    ConfigMap placed = custom.only(ConfigMap.class);
    assertThat(placed.getMetadata().getNamespace()).isEqualTo("grafana");
    assertThat(placed.getMetadata().getLabels()).containsEntry("dashboards", "eni").doesNotContainKey("grafana_dashboard");
    assertThat(placed.getMetadata().getAnnotations()).containsEntry("grafana_folder", "Operators");
  }

  @Test
  void lintPassesStrictlyWithBothOnAndTheSchemaRejectsTypos() {
    Tools.run(helm, "lint", "--strict", CHART, "--set", "monitoring.prometheusRule.enabled=true",
        "--set", "monitoring.grafanaDashboard.enabled=true", "--set", "serviceMonitor.enabled=true").assertSuccess();

    Tools.Result typo = Tools.run(helm, "template", "x", CHART, "--set", "monitoring.prometheusRule.enable=true");
    assertThat(typo.exitCode()).isNotZero();
    assertThat(typo.stderr()).contains("additional properties 'enable' not allowed");
  }
}
