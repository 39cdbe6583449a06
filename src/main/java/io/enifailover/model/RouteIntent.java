package io.enifailover.model;

import java.util.List;
import java.util.Optional;

/**
 * What a RouteTable pair declares beyond the common part: every listed table sends every destination to the
 * interface of the side that should serve.
 *
 * @param primaryInterfaceId the primary side's interface; empty: the instance's own (device index 0)
 * @param standbyInterfaceId the standby side's interface; empty: the instance's own
 * @param createMissing a route missing from a table is created rather than refused
 */
public record RouteIntent(
    List<String> destinations,
    List<String> routeTableIds,
    boolean createMissing,
    Optional<String> primaryInterfaceId,
    Optional<String> standbyInterfaceId) {

  public RouteIntent {
    destinations = List.copyOf(destinations);
    routeTableIds = List.copyOf(routeTableIds);
  }

  public Optional<String> interfaceIdOf(Side side) {
    return side == Side.Primary ? primaryInterfaceId : standbyInterfaceId;
  }
}
