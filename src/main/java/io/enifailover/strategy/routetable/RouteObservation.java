package io.enifailover.strategy.routetable;

import io.enifailover.model.Instance;
import io.enifailover.model.NetworkInterface;
import io.enifailover.model.RouteTable;
import java.util.Map;

/** One look at EC2 for a RouteTable pair: its tables, both sides' instances and interfaces. Absent: not found. */
public record RouteObservation(Map<String, RouteTable> tables, Map<String, Instance> instances, Map<String, NetworkInterface> interfaces) {
  public RouteObservation {
    tables = Map.copyOf(tables);
    instances = Map.copyOf(instances);
    interfaces = Map.copyOf(interfaces);
  }
}
