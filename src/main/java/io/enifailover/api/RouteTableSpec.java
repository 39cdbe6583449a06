package io.enifailover.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.crdv2.generator.v1.SchemaCustomizer;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import java.util.List;

/**
 * Strategy RouteTable: the overlay addresses and the route tables whose routes to them follow the active side.
 * Both lists are sets ({@link SetListType}): a duplicate is refused at apply time, and server-side apply merges
 * the items of several managers.
 */
@SchemaCustomizer(value = SetListType.class, input = "destinations,routeTableIds")
public class RouteTableSpec {
  static final int MAX_DESTINATIONS = 50;
  static final int MAX_ROUTE_TABLES = 100;

  @Required
  @Size(min = 1, max = MAX_DESTINATIONS)
  @JsonPropertyDescription("The service addresses to route to the active side, as CIDR blocks: IPv4 (e.g."
      + " 192.168.100.10/32) or IPv6 in lower-case hex; outside every CIDR of the VPC. 1 to 50")
  private List<@Pattern(IpPatterns.CIDR) String> destinations;

  @Required
  @Size(min = 1, max = MAX_ROUTE_TABLES)
  @JsonPropertyDescription("Every route table (rtb-...) that must carry the routes, in the VPC of both sides'"
      + " interfaces. 1 to 100")
  private List<@Pattern(AwsIds.ROUTE_TABLE) String> routeTableIds;

  @Default("false")
  @JsonPropertyDescription("true: create a route that a table lacks. false (default): a missing route is refused"
      + " with RouteMissing, so that the operator only moves routes someone made")
  private Boolean createMissingRoutes = false;

  public RouteTableSpec() {}

  public RouteTableSpec(List<String> destinations, List<String> routeTableIds) {
    this.destinations = destinations;
    this.routeTableIds = routeTableIds;
  }

  public List<String> getDestinations() {
    return destinations;
  }

  public void setDestinations(List<String> destinations) {
    this.destinations = destinations;
  }

  public List<String> getRouteTableIds() {
    return routeTableIds;
  }

  public void setRouteTableIds(List<String> routeTableIds) {
    this.routeTableIds = routeTableIds;
  }

  public Boolean getCreateMissingRoutes() {
    return createMissingRoutes;
  }

  public void setCreateMissingRoutes(Boolean createMissingRoutes) {
    this.createMissingRoutes = createMissingRoutes;
  }
}
