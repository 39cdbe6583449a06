package io.enifailover.api;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/** The schema's per-field checks, as {@link SpecValidator} repeats them: each problem names the field and the value. */
final class FieldChecks {
  private FieldChecks() {}

  /** A required string of the given shape. */
  static void required(List<String> problems, String field, String value, Pattern pattern) {
    if (value == null) {
      problems.add(field + " is required");
    } else {
      shape(problems, field, value, pattern);
    }
  }

  /** An optional string: checked only when present. */
  static void optional(List<String> problems, String field, String value, Pattern pattern) {
    if (value != null) {
      shape(problems, field, value, pattern);
    }
  }

  /** A required set of strings of the given shape, with min to max items, none twice (x-kubernetes-list-type: set). */
  static void set(List<String> problems, String field, List<String> values, int min, int max, Pattern pattern) {
    if (values == null) {
      problems.add(field + " is required");
      return;
    }
    if (values.size() < min || values.size() > max) {
      problems.add(field + " has " + values.size() + " items: it takes " + min + " to " + max);
    }
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < values.size(); i++) {
      String value = values.get(i);
      required(problems, field + "[" + i + "]", value, pattern);
      if (value != null && !seen.add(value)) {
        problems.add(field + " lists '" + value + "' more than once");
      }
    }
  }

  private static void shape(List<String> problems, String field, String value, Pattern pattern) {
    if (!pattern.matcher(value).matches()) {
      problems.add(field + " '" + value + "' does not match " + pattern.pattern());
    }
  }
}
