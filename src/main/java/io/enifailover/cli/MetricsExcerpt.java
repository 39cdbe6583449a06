package io.enifailover.cli;

import java.util.Arrays;
import java.util.List;

/** The lines of a Prometheus scrape that belong to the named metrics. */
final class MetricsExcerpt {
  private MetricsExcerpt() {}

  static List<String> of(String scrape, String... names) {
    return scrape.lines()
        .filter(line -> !line.startsWith("#"))
        .filter(line -> Arrays.stream(names).anyMatch(n -> line.startsWith(n + "{") || line.startsWith(n + " ")))
        .toList();
  }
}
