package io.enifailover.sim;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** A few instance types and the number of network interfaces each takes, as EC2 documents them. */
final class InstanceTypes {
  static final String DEFAULT = "m5.large";

  private static final Map<String, Integer> MAX_INTERFACES = new TreeMap<>(Map.of(
      "t3.nano", 2,
      "t3.micro", 2,
      "t3.small", 3,
      "t3.medium", 3,
      "m5.large", 3,
      "m5.xlarge", 4,
      "c5.large", 3,
      "c5.xlarge", 4,
      "r5.2xlarge", 4));

  private InstanceTypes() {}

  static int maxInterfaces(String type) {
    Integer max = MAX_INTERFACES.get(type);
    if (max == null) {
      throw Ec2Error.invalidParameterValue("The following supplied instance types do not exist: [" + type + "]");
    }
    return max;
  }

  static List<String> all() {
    return List.copyOf(MAX_INTERFACES.keySet());
  }
}
