package io.enifailover.api;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.time.Duration;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.ValidationRule;

/** The probe the operator's leader runs against each instance of the pair, at the instance's primary private IP. */
@ValidationRule(value = "has(self.tcp) != has(self.http)", message = "a health check is exactly one of tcp and http")
public class HealthCheckSpec {
  static final int DEFAULT_INTERVAL_SECONDS = 1;
  static final int DEFAULT_TIMEOUT_SECONDS = 1;
  static final int DEFAULT_FAILURE_THRESHOLD = 3;
  static final int DEFAULT_SUCCESS_THRESHOLD = 2;

  /** {@link #getIntervalSeconds()}, defaulted as the schema defaults it. */
  @JsonIgnore
  public Duration interval() {
    return Duration.ofSeconds(intervalSeconds == null ? DEFAULT_INTERVAL_SECONDS : intervalSeconds);
  }

  /** {@link #getTimeoutSeconds()}, defaulted as the schema defaults it. */
  @JsonIgnore
  public Duration timeout() {
    return Duration.ofSeconds(timeoutSeconds == null ? DEFAULT_TIMEOUT_SECONDS : timeoutSeconds);
  }

  /** {@link #getFailureThreshold()}, defaulted as the schema defaults it. */
  @JsonIgnore
  public int failures() {
    return failureThreshold == null ? DEFAULT_FAILURE_THRESHOLD : failureThreshold;
  }

  /** {@link #getSuccessThreshold()}, defaulted as the schema defaults it. */
  @JsonIgnore
  public int successes() {
    return successThreshold == null ? DEFAULT_SUCCESS_THRESHOLD : successThreshold;
  }

  @JsonPropertyDescription("Connect to a TCP port")
  private TcpProbeSpec tcp;

  @JsonPropertyDescription("GET an HTTP path; 2xx and 3xx are healthy")
  private HttpProbeSpec http;

  @Default("1")
  @Min(1)
  @Max(300)
  @JsonPropertyDescription("Seconds between probes of each instance; default 1")
  private Integer intervalSeconds = DEFAULT_INTERVAL_SECONDS;

  @Default("1")
  @Min(1)
  @Max(60)
  @JsonPropertyDescription("Seconds a probe may take before it counts as failed; default 1")
  private Integer timeoutSeconds = DEFAULT_TIMEOUT_SECONDS;

  @Default("3")
  @Min(1)
  @Max(100)
  @JsonPropertyDescription("Consecutive failed probes after which an instance is unhealthy; default 3")
  private Integer failureThreshold = DEFAULT_FAILURE_THRESHOLD;

  @Default("2")
  @Min(1)
  @Max(100)
  @JsonPropertyDescription("Consecutive successful probes after which an instance is healthy again; default 2")
  private Integer successThreshold = DEFAULT_SUCCESS_THRESHOLD;

  public TcpProbeSpec getTcp() {
    return tcp;
  }

  public void setTcp(TcpProbeSpec tcp) {
    this.tcp = tcp;
  }

  public HttpProbeSpec getHttp() {
    return http;
  }

  public void setHttp(HttpProbeSpec http) {
    this.http = http;
  }

  public Integer getIntervalSeconds() {
    return intervalSeconds;
  }

  public void setIntervalSeconds(Integer intervalSeconds) {
    this.intervalSeconds = intervalSeconds;
  }

  public Integer getTimeoutSeconds() {
    return timeoutSeconds;
  }

  public void setTimeoutSeconds(Integer timeoutSeconds) {
    this.timeoutSeconds = timeoutSeconds;
  }

  public Integer getFailureThreshold() {
    return failureThreshold;
  }

  public void setFailureThreshold(Integer failureThreshold) {
    this.failureThreshold = failureThreshold;
  }

  public Integer getSuccessThreshold() {
    return successThreshold;
  }

  public void setSuccessThreshold(Integer successThreshold) {
    this.successThreshold = successThreshold;
  }
}
