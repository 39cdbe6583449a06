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

  private QueryFilters(Map<String, List<Pattern>> patternsByName) {
    this.patternsByName = patternsByName;
  }

  static QueryFilters from(QueryParams params) {
    Map<String, List<Pattern>> patterns = new LinkedHashMap<>();
    for (int n = 1; params.get("Filter." + n + ".Name").isPresent(); n++) {
      String name = params.get("Filter." + n + ".Name").orElseThrow();
      List<Pattern> values = params.list("Filter." + n + ".Value").stream()
          .map(QueryFilters::wildcardPattern)
          .collect(Collectors.toList());
      patterns.put(name, values);
    }
    return new QueryFilters(patterns);
  }

  static QueryFilters none() {
    return new QueryFilters(Map.of());
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
