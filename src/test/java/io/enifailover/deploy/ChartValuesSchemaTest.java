package io.enifailover.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** values.schema.json is draft-07, closed at the top level, and declares every key values.yaml has. */
class ChartValuesSchemaTest {
  static final Path CHART = Path.of("helm", "eni-failover-operator");

  @Test
  void schemaIsClosedDraft07() throws IOException {
    JsonNode schema = new ObjectMapper().readTree(CHART.resolve("values.schema.json").toFile());
    assertThat(schema.path("$schema").asText()).isEqualTo("http://json-schema.org/draft-07/schema#");
    assertThat(schema.path("additionalProperties").isBoolean()).isTrue();
    assertThat(schema.path("additionalProperties").asBoolean()).isFalse();
  }

  @Test
  void everyDefaultValueIsDeclared() throws IOException {
    JsonNode schema = new ObjectMapper().readTree(CHART.resolve("values.schema.json").toFile());
    JsonNode values = new ObjectMapper(new YAMLFactory()).readTree(CHART.resolve("values.yaml").toFile());
    List<String> undeclared = new ArrayList<>();
    collectUndeclared("", values, schema, schema, undeclared);
    assertThat(undeclared).as("keys in values.yaml missing from values.schema.json").isEmpty();
  }

  private static void collectUndeclared(String path, JsonNode value, JsonNode schema, JsonNode root, List<String> out) {
    JsonNode resolved = resolve(schema, root);
    if (!value.isObject() || !resolved.has("properties")) {
      return;
    }
    value.fieldNames().forEachRemaining(key -> {
      JsonNode property = resolved.path("properties").path(key);
      if (property.isMissingNode()) {
        if (!resolved.path("additionalProperties").isObject()) {
          out.add(path + key);
        }
      } else {
        collectUndeclared(path + key + ".", value.get(key), property, root, out);
      }
    });
  }

  private static JsonNode resolve(JsonNode schema, JsonNode root) {
    String ref = schema.path("$ref").asText("");
    if (ref.startsWith("#/definitions/")) {
      return root.path("definitions").path(ref.substring("#/definitions/".length()));
    }
    return schema;
  }
}
