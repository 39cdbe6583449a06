package io.enifailover.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.enifailover.model.RouteState;
import io.enifailover.model.TargetSide;

/** Strategy RouteTable: where one (route table, destination) points now, as EC2 last showed it. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class RouteStatus {
  @JsonPropertyDescription("The route table (rtb-...)")
  private String routeTableId;
  @JsonPropertyDescription("The destination CIDR block of the route")
  private String destination;
  @JsonPropertyDescription("The interface the route points at (eni-...); empty when the table has no such route")
  private String networkInterfaceId;
  @JsonPropertyDescription("The instance that interface is attached to, as EC2 shows it")
  private String instanceId;
  @JsonPropertyDescription("The side of the pair the route delivers to: Primary, Standby or None (missing, a"
      + " blackhole, or an interface outside the pair)")
  private TargetSide side;
  @JsonPropertyDescription("InSync (delivers to the active side), Drifted (points elsewhere), Blackhole (its target"
      + " is gone) or Missing (the table has no route for the destination)")
  private RouteState state;

  public String getRouteTableId() {
    return routeTableId;
  }

  public void setRouteTableId(String routeTableId) {
    this.routeTableId = routeTableId;
  }

  public String getDestination() {
    return destination;
  }

  public void setDestination(String destination) {
    this.destination = destination;
  }

  public String getNetworkInterfaceId() {
    return networkInterfaceId;
  }

  public void setNetworkInterfaceId(String networkInterfaceId) {
    this.networkInterfaceId = networkInterfaceId;
  }

  public String getInstanceId() {
    return instanceId;
  }

  public void setInstanceId(String instanceId) {
    this.instanceId = instanceId;
  }

  public TargetSide getSide() {
    return side;
  }

  public void setSide(TargetSide side) {
    this.side = side;
  }

  public RouteState getState() {
    return state;
  }

  public void setState(RouteState state) {
    this.state = state;
  }
}
