package io.enifailover.api;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.time.Duration;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.ValidationRule;

/** Whether the operator also moves the interface by itself, when spec.active's side fails and the other side is healthy. */
@ValidationRule(
    value = "self.mode != 'Automatic' || has(self.healthCheck)",
    message = "failover.mode Automatic needs failover.healthCheck")
public class FailoverSpec {
  static final int DEFAULT_FAILBACK_AFTER_SECONDS = 300;
  static final int DEFAULT_COOLDOWN_SECONDS = 60;

  /** The pair is in automatic mode: mode Automatic with a health check to decide by. */
  @JsonIgnore
  public boolean isAutomatic() {
    return mode == FailoverMode.Automatic && healthCheck != null;
  }

  /** {@link #getCooldownSeconds()}, defaulted as the schema defaults it. */
  @JsonIgnore
  public Duration cooldown() {
    return Duration.ofSeconds(cooldownSeconds == null ? DEFAULT_COOLDOWN_SECONDS : cooldownSeconds);
  }

  /** {@link #getFailbackAfterSeconds()}, defaulted as the schema defaults it. */
  @JsonIgnore
  public Duration failbackAfter() {
    return Duration.ofSeconds(failbackAfterSeconds == null ? DEFAULT_FAILBACK_AFTER_SECONDS : failbackAfterSeconds);
  }

  @Default("Manual")
  @JsonPropertyDescription("Manual: the interface moves only when spec.active changes. Automatic: also when the active side fails its health check and the other side passes it. Back to Manual after an automatic failover, the interface returns to spec.active's side: set spec.active first to stay")
  private FailoverMode mode = FailoverMode.Manual;

  @JsonPropertyDescription("The probe run against each instance's primary private IP (needed for Automatic)")
  private HealthCheckSpec healthCheck;

  @Default("Manual")
  @JsonPropertyDescription("After an automatic failover. Manual: stay on the other side until a person acts (the enifailover.io/fail-back annotation, or editing spec.active). Automatic: return to spec.active's side once it has been healthy for failbackAfterSeconds")
  private FailbackMode failback = FailbackMode.Manual;

  @Default("300")
  @Min(0)
  @Max(86400)
  @JsonPropertyDescription("With failback Automatic: how long spec.active's side must stay healthy before the interface returns; default 300")
  private Integer failbackAfterSeconds = DEFAULT_FAILBACK_AFTER_SECONDS;

  @Default("60")
  @Min(0)
  @Max(86400)
  @JsonPropertyDescription("No automatic move sooner than this many seconds after the last one; default 60")
  private Integer cooldownSeconds = DEFAULT_COOLDOWN_SECONDS;

  @Default("None")
  @JsonPropertyDescription("None, or StopInstance: stop the failed instance before the other side takes the interface (needs ec2:StopInstances)")
  private FencingMode fencing = FencingMode.None;

  public FailoverMode getMode() {
    return mode;
  }

  public void setMode(FailoverMode mode) {
    this.mode = mode;
  }

  public HealthCheckSpec getHealthCheck() {
    return healthCheck;
  }

  public void setHealthCheck(HealthCheckSpec healthCheck) {
    this.healthCheck = healthCheck;
  }

  public FailbackMode getFailback() {
    return failback;
  }

  public void setFailback(FailbackMode failback) {
    this.failback = failback;
  }

  public Integer getFailbackAfterSeconds() {
    return failbackAfterSeconds;
  }

  public void setFailbackAfterSeconds(Integer failbackAfterSeconds) {
    this.failbackAfterSeconds = failbackAfterSeconds;
  }

  public Integer getCooldownSeconds() {
    return cooldownSeconds;
  }

  public void setCooldownSeconds(Integer cooldownSeconds) {
    this.cooldownSeconds = cooldownSeconds;
  }

  public FencingMode getFencing() {
    return fencing;
  }

  public void setFencing(FencingMode fencing) {
    this.fencing = fencing;
  }
}
