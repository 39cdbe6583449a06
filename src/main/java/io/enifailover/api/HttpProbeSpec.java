package io.enifailover.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;

/** An HTTP GET to the instance's primary private IP: healthy on a 2xx or 3xx answer (redirects are not followed). */
public class HttpProbeSpec {
  @Required
  @Min(1)
  @Max(65535)
  @JsonPropertyDescription("Port of the health endpoint")
  private Integer port;

  @Default("/")
  @Pattern("^/.*")
  @JsonPropertyDescription("Path of the health endpoint; default /")
  private String path = "/";

  public HttpProbeSpec() {}

  public HttpProbeSpec(Integer port, String path) {
    this.port = port;
    this.path = path;
  }

  public Integer getPort() {
    return port;
  }

  public void setPort(Integer port) {
    this.port = port;
  }

  public String getPath() {
    return path;
  }

  public void setPath(String path) {
    this.path = path;
  }
}
