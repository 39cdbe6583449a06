package io.enifailover.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/**
 * The CRD schema of one {@code status.conditions[]} entry: the JSON shape of
 * {@link io.fabric8.kubernetes.api.model.Condition} (the type the code reads and writes), with the field
 * descriptions of upstream {@code metav1.Condition} (k8s.io/apimachinery/pkg/apis/meta/v1/types.go, the
 * part of each comment before {@code ---}) so that {@code kubectl explain} describes every field.
 * {@link EniFailoverPairStatus#getConditions()} points the crd-generator here with {@code @SchemaFrom}; the
 * class is never instantiated.
 */
public final class ConditionSchema {
  @JsonPropertyDescription("type of condition in CamelCase or in foo.example.com/CamelCase.")
  private String type;

  @JsonPropertyDescription("status of the condition, one of True, False, Unknown.")
  private String status;

  @JsonPropertyDescription("observedGeneration represents the .metadata.generation that the condition was set based upon."
      + " For instance, if .metadata.generation is currently 12, but the .status.conditions[x].observedGeneration is 9,"
      + " the condition is out of date with respect to the current state of the instance.")
  private Long observedGeneration;

  @JsonPropertyDescription("lastTransitionTime is the last time the condition transitioned from one status to another."
      + " This should be when the underlying condition changed.  If that is not known, then using the time when the"
      + " API field changed is acceptable.")
  private String lastTransitionTime;

  @JsonPropertyDescription("reason contains a programmatic identifier indicating the reason for the condition's last"
      + " transition. Producers of specific condition types may define expected values and meanings for this field,"
      + " and whether the values are considered a guaranteed API. The value should be a CamelCase string."
      + " This field may not be empty.")
  private String reason;

  @JsonPropertyDescription("message is a human readable message indicating details about the transition."
      + " This may be an empty string.")
  private String message;

  private ConditionSchema() {}

  public String getType() {
    return type;
  }

  public String getStatus() {
    return status;
  }

  public Long getObservedGeneration() {
    return observedGeneration;
  }

  public String getLastTransitionTime() {
    return lastTransitionTime;
  }

  public String getReason() {
    return reason;
  }

  public String getMessage() {
    return message;
  }
}
