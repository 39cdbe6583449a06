package io.enifailover.sim;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The {@code Filter.N.Name} / {@code Filter.N.Value.M} parameters of a Describe request. As in EC2,
 * a resource matches when every filter has a value equal to one of its attribute values, values may
 * use the {@code *} and {@code ?} wildcards, and an unsupported filter name is rejected.
 */
final class QueryFilters {

  private final Map<String, List<Pattern>> patternsByName;
  private final Map<String, List<String>> valuesByName;

  private QueryFilters(Map<String, List<Pattern>> patternsByName, Map<String, List<String>> valuesByName) {
    this.patternsByName = patternsByName;
    this.valuesByName = valuesByName;
  }

  static QueryFilters from(QueryParams params) {
    Map<String, List<Pattern>> patterns = new LinkedHashMap<>();
    Map<String, List<String>> values = new LinkedHashMap<>();
    for (int n = 1; params.get("Filter." + n + ".Name").isPresent(); n++) {
      String name = params.get("Filter." + n + ".Name").orElseThrow();
      List<String> given = params.list("Filter." + n + ".Value");
      patterns.put(name, given.stream().map(QueryFilters::wildcardPattern).collect(Collectors.toList()));
      values.put(name, given);
    }
    return new QueryFilters(patterns, values);
  }

  static QueryFilters none() {
    return new QueryFilters(Map.of(), Map.of());
  }

  /**
   * The values of filter {@code name} when it names resources exactly (no wildcard): only those can match,
   * so a describe by id filter need not look at every resource of the world.
   */
  java.util.Optional<List<String>> exactValues(String name) {
    return java.util.Optional.ofNullable(valuesByName.get(name))
        .filter(values -> values.stream().noneMatch(v -> v.contains("*") || v.contains("?")));
  }

  /** Rejects filter names the resource type does not support; {@code tag:} filters are always accepted. */
  void requireSupported(Set<String> supportedNames) {
    for (String name : patternsByName.keySet()) {
      if (!name.startsWith("tag:") && !supportedNames.contains(name)) {
        throw Ec2Error.invalidParameterValue("The filter '" + name + "' is invalid");
      }
    }
  }

  boolean matches(Map<String, List<String>> attributes) {
    return patternsByName.entrySet().stream().allMatch(filter -> {
      List<String> actual = attributes.getOrDefault(filter.getKey(), List.of());
      return filter.getValue().stream()
          .anyMatch(pattern -> actual.stream().anyMatch(value -> pattern.matcher(value).matches()));
    });
  }

  private static Pattern wildcardPattern(String value) {
    StringBuilder regex = new StringBuilder();
    StringBuilder literal = new StringBuilder();
    for (char c : value.toCharArray()) {
      if (c == '*' || c == '?') {
        regex.append(Pattern.quote(literal.toString())).append(c == '*' ? ".*" : ".");
        literal.setLength(0);
      } else {
        literal.append(c);
      }
    }
    regex.append(Pattern.quote(literal.toString()));
    return Pattern.compile(regex.toString());
  }
}
