package io.enifailover.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;

/** A reference to an EC2 instance of the pair. */
public class InstanceRef {
  @Required
  @Pattern(AwsIds.INSTANCE)
  @JsonPropertyDescription("EC2 instance id (i-...)")
  private String instanceId;

  public InstanceRef() {}

  public InstanceRef(String instanceId) {
    this.instanceId = instanceId;
  }

  public String getInstanceId() {
    return instanceId;
  }

  public void setInstanceId(String instanceId) {
    this.instanceId = instanceId;
  }
}
