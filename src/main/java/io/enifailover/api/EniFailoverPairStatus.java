package io.enifailover.api;

import io.enifailover.model.ActiveRole;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.crd.generator.annotation.SchemaFrom;
import io.fabric8.kubernetes.api.model.Condition;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** What the operator observed in EC2 and did about it; written once per pass by the StatusReporter. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class EniFailoverPairStatus {
  @JsonPropertyDescription("The generation of the spec this status describes")
  private Long observedGeneration;
  @JsonPropertyDescription("The side EC2 shows the interface on: Primary, Standby, None (attached nowhere) or Unknown (not found, or on a foreign instance)")
  private ActiveRole activeRole;
  @JsonPropertyDescription("The instance the interface is attached to, as EC2 shows it")
  private String activeInstanceId;
  @JsonPropertyDescription("The interface's current attachment (eni-attach-...)")
  private String attachmentId;
  @JsonPropertyDescription("The Elastic IP's public address on the interface")
  private String publicIp;
  @JsonPropertyDescription("The last move of the interface: sides, trigger, timestamps and per-phase durations; completedAt is empty while it is in flight")
  private FailoverRecord lastFailover;
  @JsonPropertyDescription("Completed moves, not counting a new pair's first attach")
  private Long failoverCount;
  @JsonPropertyDescription("The attachment a forced detach was sent for: the force-detach annotation's consent is spent on it")
  private String forcedDetachAttachmentId;
  @JsonPropertyDescription("With failover.mode Automatic: the health of each instance")
  private HealthStatus health;
  @JsonPropertyDescription("With failover.mode Automatic: the side the operator chose, and why")
  private AutomaticFailoverStatus automatic;
  @JsonPropertyDescription("Strategy RouteTable: each (route table, destination) of spec.routeTable, where it points and whether that is the active side")
  private List<RouteStatus> routes;
  @JsonPropertyDescription("Strategy SecondaryIp: each address of spec.secondaryIp, and which side's interface holds it")
  private List<SecondaryIpStatus> secondaryIps;
  @JsonPropertyDescription("Ready, Reconciling and Stalled (kstatus), and Degraded while automatic failover serves from the side spec.active does not name; each with reason, message and observedGeneration")
  @SchemaFrom(type = ConditionSchema[].class) // Condition's shape, with metav1.Condition's field descriptions
  private List<Condition> conditions = new ArrayList<>();

  public Long getObservedGeneration() {
    return observedGeneration;
  }

  public void setObservedGeneration(Long observedGeneration) {
    this.observedGeneration = observedGeneration;
  }

  public ActiveRole getActiveRole() {
    return activeRole;
  }

  public void setActiveRole(ActiveRole activeRole) {
    this.activeRole = activeRole;
  }

  public String getActiveInstanceId() {
    return activeInstanceId;
  }

  public void setActiveInstanceId(String activeInstanceId) {
    this.activeInstanceId = activeInstanceId;
  }

  public String getAttachmentId() {
    return attachmentId;
  }

  public void setAttachmentId(String attachmentId) {
    this.attachmentId = attachmentId;
  }

  public String getPublicIp() {
    return publicIp;
  }

  public void setPublicIp(String publicIp) {
    this.publicIp = publicIp;
  }

  public FailoverRecord getLastFailover() {
    return lastFailover;
  }

  public void setLastFailover(FailoverRecord lastFailover) {
    this.lastFailover = lastFailover;
  }

  public String getForcedDetachAttachmentId() {
    return forcedDetachAttachmentId;
  }

  public void setForcedDetachAttachmentId(String forcedDetachAttachmentId) {
    this.forcedDetachAttachmentId = forcedDetachAttachmentId;
  }

  public Long getFailoverCount() {
    return failoverCount;
  }

  public void setFailoverCount(Long failoverCount) {
    this.failoverCount = failoverCount;
  }

  public List<Condition> getConditions() {
    return conditions;
  }

  public void setConditions(List<Condition> conditions) {
    this.conditions = conditions;
  }

  /** True when the condition of this type is present and True. */
  public boolean isTrue(String type) {
    return condition(type).map(c -> "True".equals(c.getStatus())).orElse(false);
  }

  /** The reason of the condition of this type, or an empty string. */
  public String reasonOf(String type) {
    return condition(type).map(Condition::getReason).orElse("");
  }

  /** The condition of this type, if present. */
  public java.util.Optional<Condition> condition(String type) {
    return conditions == null
        ? java.util.Optional.empty()
        : conditions.stream().filter(c -> Objects.equals(c.getType(), type)).findFirst();
  }

  public List<RouteStatus> getRoutes() {
    return routes;
  }

  public void setRoutes(List<RouteStatus> routes) {
    this.routes = routes;
  }

  public List<SecondaryIpStatus> getSecondaryIps() {
    return secondaryIps;
  }

  public void setSecondaryIps(List<SecondaryIpStatus> secondaryIps) {
    this.secondaryIps = secondaryIps;
  }

  public HealthStatus getHealth() {
    return health;
  }

  public void setHealth(HealthStatus health) {
    this.health = health;
  }

  public AutomaticFailoverStatus getAutomatic() {
    return automatic;
  }

  public void setAutomatic(AutomaticFailoverStatus automatic) {
    this.automatic = automatic;
  }
}
