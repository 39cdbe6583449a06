package io.enifailover.cli;

import io.enifailover.sim.SimRequest;
import io.enifailover.sim.SimTransition;
import io.fabric8.kubernetes.api.model.Event;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/** The failover as it happened, merged from the operator's Events and what EC2 (the simulator) saw. */
final class Timeline {
  private static final Set<String> MUTATIONS =
      Set.of("AttachNetworkInterface", "DetachNetworkInterface", "AssociateAddress", "DisassociateAddress", "StopInstances");

  private record Entry(Instant at, String who, String what) {}

  private final Instant origin;
  private final List<Entry> entries = new ArrayList<>();

  Timeline(Instant origin) {
    this.origin = origin;
  }

  Timeline add(Instant at, String who, String what) {
    entries.add(new Entry(at, who, what));
    return this;
  }

  Timeline events(List<Event> events) {
    for (Event e : events) {
      Instant at = Instant.parse(e.getFirstTimestamp());
      if (!at.isBefore(origin)) {
        add(at, "operator", String.format("%-18s %s", e.getReason(), e.getMessage()));
      }
    }
    return this;
  }

  Timeline ec2(List<SimRequest> requests, List<SimTransition> transitions) {
    for (SimRequest r : requests) {
      if (!r.at().isBefore(origin) && MUTATIONS.contains(r.action())) {
        add(r.at(), "EC2", r.action() + (r.errorCode() == null ? " accepted" : " refused: " + r.errorCode()));
      }
    }
    for (SimTransition t : transitions) {
      if (t.completedAt() != null && !t.requestedAt().isBefore(origin)) {
        String done = t.kind() == SimTransition.Kind.DETACH ? "detached from " : "attached to ";
        add(t.completedAt(), "EC2", t.eniId() + " " + done + t.instanceId()
            + " (" + Duration.between(t.requestedAt(), t.completedAt()).toMillis() + " ms after the request)");
      }
    }
    return this;
  }

  String render() {
    StringBuilder out = new StringBuilder();
    entries.stream()
        .sorted(Comparator.comparing(Entry::at))
        .forEach(e -> out.append(String.format("  +%6d ms  %-9s %s%n", Duration.between(origin, e.at()).toMillis(), e.who(), e.what())));
    return out.toString();
  }
}
