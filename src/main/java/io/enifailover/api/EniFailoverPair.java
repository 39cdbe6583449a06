package io.enifailover.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.generator.annotation.Required;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Version;

/** An active/standby pair of EC2 instances sharing one service address: an interface, routes or secondary IPs. */
@Group(EniFailoverPair.GROUP)
@Version(EniFailoverPair.VERSION)
@ShortNames("efp")
// Priority 1: shown by `kubectl get -o wide` only, so the default output keeps its columns.
@AdditionalPrinterColumn(name = "STRATEGY", jsonPath = ".spec.strategy", priority = 1)
@AdditionalPrinterColumn(name = "DESIRED", jsonPath = ".spec.active")
@AdditionalPrinterColumn(name = "ACTIVE", jsonPath = ".status.activeRole")
@AdditionalPrinterColumn(name = "INSTANCE", jsonPath = ".status.activeInstanceId")
@AdditionalPrinterColumn(name = "READY", jsonPath = ".status.conditions[?(@.type==\"Ready\")].status")
@AdditionalPrinterColumn(name = "REASON", jsonPath = ".status.conditions[?(@.type==\"Ready\")].reason")
@AdditionalPrinterColumn(name = "PUBLIC-IP", jsonPath = ".status.publicIp")
@AdditionalPrinterColumn(
    name = "AGE",
    jsonPath = ".metadata.creationTimestamp",
    type = AdditionalPrinterColumn.Type.DATE)
public class EniFailoverPair extends CustomResource<EniFailoverPairSpec, EniFailoverPairStatus>
    implements Namespaced {
  public static final String GROUP = "enifailover.io";
  public static final String VERSION = "v1alpha1";

  /** Required by the schema: a pair without a spec is refused at apply time. */
  @Required
  @JsonPropertyDescription("The declared pair: its two instances, which of them should be active, and how the service address moves")
  @Override
  public EniFailoverPairSpec getSpec() {
    return super.getSpec();
  }

  @JsonPropertyDescription("What EC2 shows and what the operator did about it; written by the operator only")
  @Override
  public EniFailoverPairStatus getStatus() {
    return super.getStatus();
  }
}
