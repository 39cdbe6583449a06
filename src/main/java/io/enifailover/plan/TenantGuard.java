package io.enifailover.plan;

import io.enifailover.model.Address;
import io.enifailover.model.Instance;
import io.enifailover.model.NetworkInterface;
import io.enifailover.model.Observation;
import io.enifailover.model.PairIntent;
import io.enifailover.model.Step;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Which EC2 resources a pair may use: those a platform team assigned to the pair's namespace with the
 * tag {@value #NAMESPACE_TAG} (a comma-separated list assigns one resource to several namespaces). The
 * authority lives in AWS, where a namespace's users cannot write it. Pure: reads tags, decides.
 */
public final class TenantGuard {
  public static final String NAMESPACE_TAG = "enifailover.io/namespace";

  private TenantGuard() {}

  /** True when {@code tags} assign the resource to {@code namespace}. */
  public static boolean assigns(Map<String, String> tags, String namespace) {
    String value = tags.get(NAMESPACE_TAG);
    return value != null && Arrays.stream(value.split(",")).map(String::trim).anyMatch(namespace::equals);
  }

  /** Why the pair may not use its interface, if it may not. */
  static Optional<String> interfaceRefusal(PairIntent intent, NetworkInterface eni) {
    return intent.tenantNamespace()
        .filter(ns -> !assigns(eni.tags(), ns))
        .map(ns -> "network interface " + eni.id() + " " + lacks(eni.tags(), ns));
  }

  /**
   * Why the pair may not take {@code step}, if it may not: before any move of the interface or its address,
   * each instance of the pair that EC2 shows must be assigned, and for an address step the Elastic IP too.
   * (Recording the pair's claim needs only the interface.)
   */
  static Optional<String> stepRefusal(PairIntent intent, Observation observation, Step step) {
    if (intent.tenantNamespace().isEmpty() || !step.movesNetwork()) {
      return Optional.empty();
    }
    String ns = intent.tenantNamespace().get();
    List<String> refused = new ArrayList<>();
    for (String id : List.of(intent.primaryInstanceId(), intent.standbyInstanceId())) {
      observation.instance(id)
          .map(Instance::tags)
          .filter(tags -> !assigns(tags, ns))
          .ifPresent(tags -> refused.add("instance " + intent.describe(id) + " " + lacks(tags, ns)));
    }
    if (step instanceof Step.Associate) {
      observation.address()
          .map(Address::tags)
          .filter(tags -> !assigns(tags, ns))
          .ifPresent(tags -> refused.add("Elastic IP " + intent.elasticIp().orElseThrow().allocationId() + " " + lacks(tags, ns)));
    }
    return refused.isEmpty() ? Optional.empty() : Optional.of(String.join("; ", refused));
  }

  private static String lacks(Map<String, String> tags, String namespace) {
    String value = tags.get(NAMESPACE_TAG);
    return value == null
        ? "has no tag " + NAMESPACE_TAG
        : "has the tag " + NAMESPACE_TAG + "=" + value + ", which does not name namespace " + namespace;
  }
}
