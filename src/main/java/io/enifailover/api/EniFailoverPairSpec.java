package io.enifailover.api;

import com.fasterxml.jackson.annotation.JsonIgnore;

import io.enifailover.model.Side;
import io.enifailover.model.Strategy;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.ValidationRule;

/**
 * What the user declares: the two instances, which one should be active, and how the service address moves
 * between them ({@link #getStrategy()}). The rules below make each strategy's fields required with it and refuse
 * them with the others; {@link SpecValidator} checks them again in the operator.
 */
@ValidationRule(
    value = "self.primary.instanceId != self.standby.instanceId",
    message = "primary and standby must be different instances")
@ValidationRule(
    value = "!" + EniFailoverPairSpec.INTERFACE_MOVE + " || has(self.networkInterfaceId)",
    message = "networkInterfaceId is required with strategy InterfaceMove: the secondary interface that moves"
        + " between the instances")
@ValidationRule(
    value = EniFailoverPairSpec.INTERFACE_MOVE + " || !has(self.networkInterfaceId)",
    message = "networkInterfaceId is only for strategy InterfaceMove: with RouteTable and SecondaryIp no interface"
        + " moves; name each side's own in primary.networkInterfaceId and standby.networkInterfaceId")
@ValidationRule(
    value = "!" + EniFailoverPairSpec.INTERFACE_MOVE
        + " || !(has(self.primary) && has(self.primary.networkInterfaceId)"
        + " || has(self.standby) && has(self.standby.networkInterfaceId))",
    message = "primary.networkInterfaceId and standby.networkInterfaceId are only for strategies RouteTable and"
        + " SecondaryIp: with InterfaceMove the interface that moves is networkInterfaceId")
@ValidationRule(
    value = "!" + EniFailoverPairSpec.ROUTE_TABLE + " || has(self.routeTable)",
    message = "strategy RouteTable needs routeTable: the destinations to route and the route tables that carry them")
@ValidationRule(
    value = EniFailoverPairSpec.ROUTE_TABLE + " || !has(self.routeTable)",
    message = "routeTable is only for strategy RouteTable")
@ValidationRule(
    value = "!" + EniFailoverPairSpec.SECONDARY_IP + " || has(self.secondaryIp)",
    message = "strategy SecondaryIp needs secondaryIp: the private IPs that move to the active side")
@ValidationRule(
    value = EniFailoverPairSpec.SECONDARY_IP + " || !has(self.secondaryIp)",
    message = "secondaryIp is only for strategy SecondaryIp")
@ValidationRule(
    value = EniFailoverPairSpec.ROUTE_TABLE
        + " || !has(self.elasticIp) || !has(self.elasticIp.privateIpAddresses)",
    message = "elasticIp.privateIpAddresses is only for strategy RouteTable: where one address moves with the"
        + " service, name it in elasticIp.privateIpAddress")
public class EniFailoverPairSpec {
  // The schema defaults strategy, so a stored pair always has one; the rules still read an absent one as the
  // default, as this class does, rather than fail on it.
  static final String INTERFACE_MOVE = "(!has(self.strategy) || self.strategy == 'InterfaceMove')";
  static final String ROUTE_TABLE = "(has(self.strategy) && self.strategy == 'RouteTable')";
  static final String SECONDARY_IP = "(has(self.strategy) && self.strategy == 'SecondaryIp')";

  /** A network card holds at most 24 interfaces, device indexes 0-23 (m8i.96xlarge, c8i.96xlarge). */
  public static final int MAX_DEVICE_INDEX = 23;
  static final int DEFAULT_DEVICE_INDEX = 1;

  /** {@link #getActive()}, defaulted as the schema defaults it. */
  @JsonIgnore
  public Side active() {
    return active == null ? Side.Primary : active;
  }

  /** {@link #getStrategy()}, defaulted as the schema defaults it. */
  @JsonIgnore
  public Strategy strategy() {
    return strategy == null ? Strategy.InterfaceMove : strategy;
  }

  /** {@link #getDeviceIndex()}, defaulted as the schema defaults it. */
  @JsonIgnore
  public int deviceIndex() {
    return deviceIndex == null ? DEFAULT_DEVICE_INDEX : deviceIndex;
  }

  /** True in automatic mode ({@link FailoverSpec#isAutomatic()}). */
  @JsonIgnore
  public boolean isAutomatic() {
    return failover != null && failover.isAutomatic();
  }

  @Default("InterfaceMove")
  @ValidationRule(
      value = "self == oldSelf",
      message = "strategy is immutable: create another EniFailoverPair for another strategy")
  @JsonPropertyDescription("How the service address moves to the active side. InterfaceMove (default):"
      + " networkInterfaceId moves between the instances, in one Availability Zone. RouteTable: the routes of"
      + " routeTable point at the active side's interface, across Availability Zones. SecondaryIp: the addresses"
      + " of secondaryIp are reassigned to the active side's interface, in one subnet. Immutable")
  private Strategy strategy = Strategy.InterfaceMove;

  // Not @Required: a rule on the class requires it with InterfaceMove and refuses it with the other strategies.
  @Pattern(AwsIds.NETWORK_INTERFACE)
  @ValidationRule(
      value = "self == oldSelf",
      message = "networkInterfaceId is immutable: create another EniFailoverPair for another interface")
  @JsonPropertyDescription("The secondary network interface that moves between the instances; required with"
      + " strategy InterfaceMove, not allowed with the others. Immutable")
  private String networkInterfaceId;

  @JsonPropertyDescription("The instance that carries the service address when active is Primary")
  @Required private InstanceRef primary;

  @JsonPropertyDescription("The instance that carries the service address when active is Standby; must differ from primary")
  @Required private InstanceRef standby;

  @Default("Primary")
  @JsonPropertyDescription("The side that should carry the interface: Primary or Standby")
  private Side active = Side.Primary;

  @Default("1")
  @Min(1)
  @Max(MAX_DEVICE_INDEX)
  @JsonPropertyDescription("Strategy InterfaceMove: device index to attach the interface at, 1 to 23 (0 is the instance's own interface)")
  private Integer deviceIndex = DEFAULT_DEVICE_INDEX;

  @JsonPropertyDescription("Strategy RouteTable: the overlay destinations and the route tables whose routes to"
      + " them follow the active side; required with RouteTable, not allowed with the others")
  private RouteTableSpec routeTable;

  @JsonPropertyDescription("Strategy SecondaryIp: the secondary private IPs that move to the active side's"
      + " interface; required with SecondaryIp, not allowed with the others")
  private SecondaryIpSpec secondaryIp;

  @JsonPropertyDescription("Optional Elastic IP that must stay associated with the active side's private IP")
  private ElasticIpSpec elasticIp;

  @Pattern("^[a-z]{2}(-[a-z]+)+-[0-9]+$")
  @JsonPropertyDescription("AWS region of the pair; default: the operator's region")
  private String region;

  @Default("false")
  @JsonPropertyDescription("true: observe and report only, never change EC2")
  private Boolean paused = false;

  @JsonPropertyDescription("Automatic failover: health checks of both instances, failback, cooldown and fencing; default: Manual")
  private FailoverSpec failover;

  public Strategy getStrategy() {
    return strategy;
  }

  public void setStrategy(Strategy strategy) {
    this.strategy = strategy;
  }

  public RouteTableSpec getRouteTable() {
    return routeTable;
  }

  public void setRouteTable(RouteTableSpec routeTable) {
    this.routeTable = routeTable;
  }

  public SecondaryIpSpec getSecondaryIp() {
    return secondaryIp;
  }

  public void setSecondaryIp(SecondaryIpSpec secondaryIp) {
    this.secondaryIp = secondaryIp;
  }

  public String getNetworkInterfaceId() {
    return networkInterfaceId;
  }

  public void setNetworkInterfaceId(String networkInterfaceId) {
    this.networkInterfaceId = networkInterfaceId;
  }

  public InstanceRef getPrimary() {
    return primary;
  }

  public void setPrimary(InstanceRef primary) {
    this.primary = primary;
  }

  public InstanceRef getStandby() {
    return standby;
  }

  public void setStandby(InstanceRef standby) {
    this.standby = standby;
  }

  public Side getActive() {
    return active;
  }

  public void setActive(Side active) {
    this.active = active;
  }

  public Integer getDeviceIndex() {
    return deviceIndex;
  }

  public void setDeviceIndex(Integer deviceIndex) {
    this.deviceIndex = deviceIndex;
  }

  public ElasticIpSpec getElasticIp() {
    return elasticIp;
  }

  public void setElasticIp(ElasticIpSpec elasticIp) {
    this.elasticIp = elasticIp;
  }

  public String getRegion() {
    return region;
  }

  public void setRegion(String region) {
    this.region = region;
  }

  public Boolean getPaused() {
    return paused;
  }

  public void setPaused(Boolean paused) {
    this.paused = paused;
  }

  public FailoverSpec getFailover() {
    return failover;
  }

  public void setFailover(FailoverSpec failover) {
    this.failover = failover;
  }
}
