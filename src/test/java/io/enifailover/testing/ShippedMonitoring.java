package io.enifailover.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The alert rules and the Grafana dashboard under deploy/monitoring/, as a user installs them, read for tests. */
public final class ShippedMonitoring {
  public static final Path ALERTS = Path.of("deploy", "monitoring", "alerts.yaml");
  public static final Path DASHBOARD = Path.of("deploy", "monitoring", "grafana-dashboard.json");
  public static final Path ALERTS_TEST = Path.of("src", "test", "promtool", "alerts-test.yaml");
  public static final Path CHART_FILES = Path.of("helm", "eni-failover-operator", "files", "monitoring");

  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern LABEL_VALUES = Pattern.compile("^label_values\\((.*),\\s*\\w+\\)$");
  private static final Pattern VARIABLE = Pattern.compile("\\$\\{?(\\w+)}?");

  private ShippedMonitoring() {}

  /** One alerting rule. */
  public record Alert(String name, String expr, Map<String, String> labels, Map<String, String> annotations) {}

  public static List<Alert> alerts() {
    List<Alert> alerts = new ArrayList<>();
    for (JsonNode group : read(YAML, ALERTS).path("groups")) {
      for (JsonNode rule : group.path("rules")) {
        alerts.add(new Alert(rule.path("alert").asText(), rule.path("expr").asText(),
            strings(rule.path("labels")), strings(rule.path("annotations"))));
      }
    }
    return alerts;
  }

  public static JsonNode dashboard() {
    return read(JSON, DASHBOARD);
  }

  public static JsonNode alertsTest() {
    return read(YAML, ALERTS_TEST);
  }

  /**
   * Every PromQL expression of the dashboard, keyed by where it is (panel title and refId, or variable): each
   * panel target's {@code expr}, and the series selector of each {@code label_values(selector, label)} variable.
   */
  public static Map<String, String> dashboardQueries() {
    Map<String, String> queries = new LinkedHashMap<>();
    for (JsonNode panel : dashboard().path("panels")) {
      for (JsonNode target : panel.path("targets")) {
        queries.put("panel '" + panel.path("title").asText() + "' " + target.path("refId").asText(), target.path("expr").asText());
      }
    }
    for (JsonNode variable : dashboard().path("templating").path("list")) {
      if ("query".equals(variable.path("type").asText())) {
        String query = variable.path("query").path("query").asText();
        Matcher m = LABEL_VALUES.matcher(query);
        queries.put("variable $" + variable.path("name").asText(), m.matches() ? m.group(1) : query);
      }
    }
    return queries;
  }

  /**
   * A dashboard query as Prometheus receives it once Grafana has put in its variables: the intervals
   * ({@code $__rate_interval}, {@code $__interval}, {@code $__range}) as a duration, every other variable (the
   * data source's job and region choices, used in regular-expression matchers) as a regular expression.
   */
  public static String asPromQL(String query) {
    return VARIABLE.matcher(query).replaceAll(m -> m.group(1).startsWith("__") ? "5m" : ".+");
  }

  private static Map<String, String> strings(JsonNode node) {
    Map<String, String> map = new LinkedHashMap<>();
    node.fields().forEachRemaining(e -> map.put(e.getKey(), e.getValue().asText()));
    return map;
  }

  private static JsonNode read(ObjectMapper mapper, Path file) {
    try {
      return mapper.readTree(file.toFile());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
