package io.enifailover.api;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The schema's rules, checked again in the operator: a cluster without CEL validation, or a pair
 * written before the CRD was updated, must still be refused with a clear message rather than acted on.
 * So is a pair whose strategy this version does not implement ({@link StrategyRules}).
 */
public final class SpecValidator {
  private static final Pattern INSTANCE = Pattern.compile(AwsIds.INSTANCE);
  private static final Pattern ALLOCATION = Pattern.compile(AwsIds.ALLOCATION);

  private SpecValidator() {}

  /** Every problem with the spec, each naming the field and the value; empty when it is valid. */
  public static List<String> problems(EniFailoverPairSpec spec) {
    List<String> problems = new ArrayList<>();
    if (spec == null) {
      return List.of("spec is missing");
    }
    StrategyRules.check(spec, problems);
    String primary = spec.getPrimary() == null ? null : spec.getPrimary().getInstanceId();
    String standby = spec.getStandby() == null ? null : spec.getStandby().getInstanceId();
    FieldChecks.required(problems, "spec.primary.instanceId", primary, INSTANCE);
    FieldChecks.required(problems, "spec.standby.instanceId", standby, INSTANCE);
    if (primary != null && primary.equals(standby)) {
      problems.add("spec.primary and spec.standby are the same instance " + primary);
    }
    if (spec.getDeviceIndex() != null && spec.getDeviceIndex() < 1) {
      problems.add("spec.deviceIndex is " + spec.getDeviceIndex() + ": 0 is the instance's own interface, use 1 or more");
    }
    if (spec.getDeviceIndex() != null && spec.getDeviceIndex() > EniFailoverPairSpec.MAX_DEVICE_INDEX) {
      problems.add("spec.deviceIndex is " + spec.getDeviceIndex() + ": no EC2 network card holds more than "
          + (EniFailoverPairSpec.MAX_DEVICE_INDEX + 1) + " interfaces (device indexes 0-" + EniFailoverPairSpec.MAX_DEVICE_INDEX + ")");
    }
    if (spec.getElasticIp() != null) {
      FieldChecks.required(problems, "spec.elasticIp.allocationId", spec.getElasticIp().getAllocationId(), ALLOCATION);
    }
    failoverProblems(spec.getFailover(), problems);
    return problems;
  }

  private static void failoverProblems(FailoverSpec failover, List<String> problems) {
    if (failover == null || failover.getMode() != FailoverMode.Automatic) {
      return;
    }
    HealthCheckSpec check = failover.getHealthCheck();
    if (check == null) {
      problems.add("spec.failover.mode is Automatic but spec.failover.healthCheck is missing");
      return;
    }
    if ((check.getTcp() == null) == (check.getHttp() == null)) {
      problems.add("spec.failover.healthCheck needs exactly one of tcp and http");
    }
    Integer port = check.getTcp() != null ? check.getTcp().getPort() : check.getHttp() != null ? check.getHttp().getPort() : null;
    if (port == null || port < 1 || port > 65535) {
      problems.add("spec.failover.healthCheck port " + port + " is not in 1..65535");
    }
  }
}
