package io.enifailover.sim;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** The parameters of one EC2 Query request, with EC2's list encoding ({@code Name.1}, {@code Name.2}, ...). */
final class QueryParams {

  private final Map<String, String> values;

  private QueryParams(Map<String, String> values) {
    this.values = Collections.unmodifiableMap(values);
  }

  /** Parses {@code application/x-www-form-urlencoded} text; the URL query and the body may both hold parameters. */
  static QueryParams parse(String... encodedParts) {
    Map<String, String> values = new LinkedHashMap<>();
    for (String encoded : encodedParts) {
      if (encoded == null || encoded.isEmpty()) {
        continue;
      }
      for (String pair : encoded.split("&")) {
        if (pair.isEmpty()) {
          continue;
        }
        int eq = pair.indexOf('=');
        String key = eq < 0 ? pair : pair.substring(0, eq);
        String value = eq < 0 ? "" : pair.substring(eq + 1);
        values.put(decode(key), decode(value));
      }
    }
    return new QueryParams(values);
  }

  Map<String, String> asMap() {
    return values;
  }

  Optional<String> get(String name) {
    return Optional.ofNullable(values.get(name)).filter(value -> !value.isEmpty());
  }

  String required(String name) {
    return get(name).orElseThrow(() -> Ec2Error.missingParameter(name));
  }

  int requiredInt(String name) {
    String value = required(name);
    try {
      return Integer.parseInt(value);
    } catch (NumberFormatException e) {
      throw Ec2Error.invalidParameterValue(
          "Value (" + value + ") for parameter " + name + " is invalid. Expected an integer.");
    }
  }

  boolean flag(String name) {
    return get(name).map(Boolean::parseBoolean).orElse(false);
  }

  /** The values of {@code prefix.1}, {@code prefix.2}, ... in index order. */
  List<String> list(String prefix) {
    Map<Integer, String> byIndex = new TreeMap<>();
    String dotted = prefix + ".";
    values.forEach((key, value) -> {
      if (key.startsWith(dotted)) {
        String index = key.substring(dotted.length());
        if (!index.isEmpty() && index.chars().allMatch(Character::isDigit)) {
          byIndex.put(Integer.parseInt(index), value);
        }
      }
    });
    return new ArrayList<>(byIndex.values());
  }

  private static String decode(String text) {
    return URLDecoder.decode(text, StandardCharsets.UTF_8);
  }
}
