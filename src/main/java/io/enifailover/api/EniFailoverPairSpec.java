package io.enifailover.api;

import com.fasterxml.jackson.annotation.JsonIgnore;

import io.enifailover.model.Side;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.ValidationRule;

/** What the user declares: the interface, the two instances and which one should carry it. */
@ValidationRule(
    value = "self.primary.instanceId != self.standby.instanceId",
    message = "primary and standby must be different instances")
public class EniFailoverPairSpec {
  /** A network card holds at most 24 interfaces, device indexes 0-23 (m8i.96xlarge, c8i.96xlarge). */
  public static final int MAX_DEVICE_INDEX = 23;
  static final int DEFAULT_DEVICE_INDEX = 1;

  /** {@link #getActive()}, defaulted as the schema defaults it. */
  @JsonIgnore
  public Side active() {
    return active == null ? Side.Primary : active;
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

  @Required
  @Pattern(AwsIds.NETWORK_INTERFACE)
  @ValidationRule(
      value = "self == oldSelf",
      message = "networkInterfaceId is immutable: create another EniFailoverPair for another interface")
  @JsonPropertyDescription("The secondary network interface that moves between the instances")
  private String networkInterfaceId;

  @JsonPropertyDescription("The instance that carries the interface when active is Primary")
  @Required private InstanceRef primary;

  @JsonPropertyDescription("The instance that carries the interface when active is Standby; must differ from primary")
  @Required private InstanceRef standby;

  @Default("Primary")
  @JsonPropertyDescription("The side that should carry the interface: Primary or Standby")
  private Side active = Side.Primary;

  @Default("1")
  @Min(1)
  @Max(MAX_DEVICE_INDEX)
  @JsonPropertyDescription("Device index to attach the interface at, 1 to 23 (0 is the instance's own interface)")
  private Integer deviceIndex = DEFAULT_DEVICE_INDEX;

  @JsonPropertyDescription("Optional Elastic IP that must stay associated with the interface")
  private ElasticIpSpec elasticIp;

  @Pattern("^[a-z]{2}(-[a-z]+)+-[0-9]+$")
  @JsonPropertyDescription("AWS region of the pair; default: the operator's region")
  private String region;

  @Default("false")
  @JsonPropertyDescription("true: observe and report only, never change EC2")
  private Boolean paused = false;

  @JsonPropertyDescription("Automatic failover: health checks of both instances, failback, cooldown and fencing; default: Manual")
  private FailoverSpec failover;

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
