package io.enifailover.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SpecValidatorTest {
  static EniFailoverPairSpec valid() {
    EniFailoverPairSpec spec = new EniFailoverPairSpec();
    spec.setNetworkInterfaceId("eni-0123456789abcdef0");
    spec.setPrimary(new InstanceRef("i-0aaaaaaaaaaaaaaaa"));
    spec.setStandby(new InstanceRef("i-0bbbbbbbbbbbbbbbb"));
    spec.setElasticIp(new ElasticIpSpec("eipalloc-0123456789abcdef0", null));
    return spec;
  }

  @Test
  void aValidSpecHasNoProblems() {
    assertThat(SpecValidator.problems(valid())).isEmpty();
  }

  @Test
  void everyProblemNamesTheFieldAndTheValue() {
    EniFailoverPairSpec spec = valid();
    spec.setNetworkInterfaceId("eni-XYZ");
    spec.setStandby(new InstanceRef("i-0aaaaaaaaaaaaaaaa"));
    spec.setDeviceIndex(0);
    spec.setElasticIp(new ElasticIpSpec("alloc-1", null));

    assertThat(SpecValidator.problems(spec)).containsExactly(
        "spec.networkInterfaceId 'eni-XYZ' does not match ^eni-[0-9a-f]{8,17}$",
        "spec.primary and spec.standby are the same instance i-0aaaaaaaaaaaaaaaa",
        "spec.deviceIndex is 0: 0 is the instance's own interface, use 1 or more",
        "spec.elasticIp.allocationId 'alloc-1' does not match ^eipalloc-[0-9a-f]{8,17}$");
  }

  @Test
  void missingRequiredFieldsAreNamed() {
    assertThat(SpecValidator.problems(new EniFailoverPairSpec())).containsExactly(
        "spec.networkInterfaceId is required", "spec.primary.instanceId is required", "spec.standby.instanceId is required");
  }
}
