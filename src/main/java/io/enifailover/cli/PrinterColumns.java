package io.enifailover.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.enifailover.api.CrdManifest;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceColumnDefinition;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Renders resources the way {@code kubectl get} does, from the CRD's own printer columns, so the demo
 * shows exactly what a user's terminal would.
 */
final class PrinterColumns {
  private static final Pattern FILTER = Pattern.compile("(.*)\\[\\?\\(@\\.(\\w+)==\"([^\"]*)\"\\)\\](.*)");

  private PrinterColumns() {}

  static String table(List<? extends HasMetadata> items, Instant now) {
    List<CustomResourceColumnDefinition> columns =
        CrdManifest.load().getSpec().getVersions().get(0).getAdditionalPrinterColumns();
    List<List<String>> rows = new ArrayList<>();
    List<String> header = new ArrayList<>(List.of("NAME"));
    columns.forEach(c -> header.add(c.getName()));
    rows.add(header);
    for (HasMetadata item : items) {
      JsonNode json = Serialization.jsonMapper().valueToTree(item);
      List<String> row = new ArrayList<>(List.of(item.getMetadata().getName()));
      for (CustomResourceColumnDefinition c : columns) {
        String value = evaluate(json, c.getJsonPath());
        row.add("date".equals(c.getType()) && !value.isEmpty() ? age(Instant.parse(value), now) : value);
      }
      rows.add(row);
    }
    return format(rows);
  }

  /** The subset of JSONPath that printer columns use: dotted fields and one equality filter. */
  static String evaluate(JsonNode root, String path) {
    Matcher filter = FILTER.matcher(path);
    if (filter.matches()) {
      JsonNode array = walk(root, filter.group(1));
      if (array != null && array.isArray()) {
        for (JsonNode element : array) {
          if (filter.group(3).equals(element.path(filter.group(2)).asText())) {
            JsonNode value = walk(element, filter.group(4));
            return value == null ? "" : value.asText();
          }
        }
      }
      return "";
    }
    JsonNode value = walk(root, path);
    return value == null || value.isNull() ? "<none>" : value.asText();
  }

  private static JsonNode walk(JsonNode node, String dotted) {
    JsonNode current = node;
    for (String field : dotted.split("\\.")) {
      if (field.isEmpty()) {
        continue;
      }
      current = current == null ? null : current.get(field);
    }
    return current;
  }

  static String age(Instant created, Instant now) {
    long s = Math.max(0, Duration.between(created, now).toSeconds());
    return s < 120 ? s + "s" : s < 7200 ? (s / 60) + "m" : (s / 3600) + "h";
  }

  private static String format(List<List<String>> rows) {
    int[] widths = new int[rows.get(0).size()];
    rows.forEach(r -> {
      for (int i = 0; i < r.size(); i++) {
        widths[i] = Math.max(widths[i], r.get(i).length());
      }
    });
    StringBuilder out = new StringBuilder();
    for (List<String> r : rows) {
      StringBuilder line = new StringBuilder();
      for (int i = 0; i < r.size(); i++) {
        line.append(String.format("%-" + (widths[i] + 3) + "s", r.get(i)));
      }
      out.append(line.toString().stripTrailing()).append('\n');
    }
    return out.toString();
  }
}
