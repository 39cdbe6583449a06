package io.enifailover.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Required;

/** A TCP connect to the instance's primary private IP: healthy when the connection is accepted. */
public class TcpProbeSpec {
  @Required
  @Min(1)
  @Max(65535)
  @JsonPropertyDescription("Port to connect to")
  private Integer port;

  public TcpProbeSpec() {}

  public TcpProbeSpec(Integer port) {
    this.port = port;
  }

  public Integer getPort() {
    return port;
  }

  public void setPort(Integer port) {
    this.port = port;
  }
}
