package io.enifailover.metrics;

import io.enifailover.api.AutomaticFailoverStatus;
import io.enifailover.api.EniFailoverPair;
import io.fabric8.kubernetes.api.model.Condition;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One series per pair and condition, and per pair in automatic mode, read from the pairs' status when
 * Prometheus scrapes: what an alert needs to name the pair, its reason and how long it has been so
 * ("Stalled for 10 minutes with AccessDenied"). The age comes from the condition's lastTransitionTime,
 * so it survives a restart of the operator or a new leader. The labels are {@code pair_namespace} and
 * {@code pair_name}: a scrape through a ServiceMonitor already carries {@code namespace} (the operator's).
 */
final class PairGauges {
  private final Family conditions;
  private final Family automaticStates;

  PairGauges(MeterRegistry registry) {
    conditions = new Family(registry, "enifailover.pair.condition", "seconds",
        "Seconds since each condition of each EniFailoverPair took its status (its lastTransitionTime), by condition, status and reason");
    automaticStates = new Family(registry, "enifailover.pair.automatic.state", null,
        "1 for each EniFailoverPair in automatic mode, labelled with what automatic failover decided: AsDeclared, FailedOver, FailedBack, NoHealthySide or FlapPrevented");
  }

  /** The series of exactly these pairs, as they are at {@code now}. */
  synchronized void refresh(Collection<EniFailoverPair> pairs, Instant now) {
    Map<Tags, Double> conditionValues = new HashMap<>();
    Map<Tags, Double> stateValues = new HashMap<>();
    for (EniFailoverPair pair : pairs) {
      if (pair.getStatus() == null || pair.getMetadata() == null) {
        continue;
      }
      Tags id = Tags.of("pair_namespace", orEmpty(pair.getMetadata().getNamespace()), "pair_name", orEmpty(pair.getMetadata().getName()));
      for (Condition c : Optional.ofNullable(pair.getStatus().getConditions()).orElse(List.of())) {
        since(c.getLastTransitionTime()).ifPresent(since -> conditionValues.put(
            id.and("condition", orEmpty(c.getType()), "status", orEmpty(c.getStatus()), "reason", orEmpty(c.getReason())),
            Math.max(0, Duration.between(since, now).toMillis()) / 1000.0));
      }
      Optional.ofNullable(pair.getStatus().getAutomatic()).map(AutomaticFailoverStatus::getState)
          .ifPresent(state -> stateValues.put(id.and("state", state), 1.0));
    }
    conditions.set(conditionValues);
    automaticStates.set(stateValues);
  }

  private static Optional<Instant> since(String lastTransitionTime) {
    try {
      return Optional.ofNullable(lastTransitionTime).map(Instant::parse);
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }

  private static String orEmpty(String value) {
    return value == null ? "" : value;
  }

  /** Gauges of one name whose label sets come and go with the pairs; each registered once, its value replaced. */
  private static final class Family {
    private final MeterRegistry registry;
    private final String name;
    private final String baseUnit;
    private final String description;
    private final Map<Tags, Row> rows = new HashMap<>();

    private record Row(Gauge gauge, AtomicReference<Double> value) {}

    Family(MeterRegistry registry, String name, String baseUnit, String description) {
      this.registry = registry;
      this.name = name;
      this.baseUnit = baseUnit;
      this.description = description;
    }

    void set(Map<Tags, Double> values) {
      rows.entrySet().removeIf(row -> {
        boolean gone = !values.containsKey(row.getKey());
        if (gone) {
          registry.remove(row.getValue().gauge());
        }
        return gone;
      });
      values.forEach((tags, value) -> rows.computeIfAbsent(tags, this::register).value().set(value));
    }

    private Row register(Tags tags) {
      AtomicReference<Double> value = new AtomicReference<>(0.0);
      Gauge gauge = Gauge.builder(name, value, AtomicReference::get)
          .description(description)
          .baseUnit(baseUnit)
          .tags(tags)
          .strongReference(true)
          .register(registry);
      return new Row(gauge, value);
    }
  }
}
