package io.enifailover.plan;

import java.util.Arrays;
import java.util.Map;

/**
 * Which EC2 resources a pair may use: those a platform team assigned to the pair's namespace with the
 * tag {@value #NAMESPACE_TAG} (a comma-separated list assigns one resource to several namespaces). The
 * authority lives in AWS, where a namespace's users cannot write it. Pure: reads tags, decides. Each
 * strategy applies it to the resources its steps use.
 */
public final class TenantGuard {
  public static final String NAMESPACE_TAG = "enifailover.io/namespace";

  private TenantGuard() {}

  /** True when {@code tags} assign the resource to {@code namespace}. */
  public static boolean assigns(Map<String, String> tags, String namespace) {
    String value = tags.get(NAMESPACE_TAG);
    return value != null && Arrays.stream(value.split(",")).map(String::trim).anyMatch(namespace::equals);
  }

  /** Why a resource with {@code tags} is not assigned to {@code namespace}, as messages say it. */
  public static String lacks(Map<String, String> tags, String namespace) {
    String value = tags.get(NAMESPACE_TAG);
    return value == null
        ? "has no tag " + NAMESPACE_TAG
        : "has the tag " + NAMESPACE_TAG + "=" + value + ", which does not name namespace " + namespace;
  }
}
