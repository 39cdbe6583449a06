package io.enifailover.sim;

import java.time.Instant;

/** An EC2 instance in the simulated world; {@code primaryEniId} is null once the instance is terminated. */
record InstanceModel(
    String id,
    String availabilityZone,
    String vpcId,
    String subnetId,
    SimInstanceState state,
    String privateIp,
    String primaryEniId,
    String reservationId,
    Instant launchTime,
    String instanceType) {

  InstanceModel withState(SimInstanceState newState) {
    return new InstanceModel(
        id, availabilityZone, vpcId, subnetId, newState, privateIp, primaryEniId, reservationId, launchTime, instanceType);
  }

  InstanceModel terminated() {
    return new InstanceModel(
        id, availabilityZone, vpcId, subnetId, SimInstanceState.TERMINATED, null, null, reservationId, launchTime, instanceType);
  }

  InstanceModel withType(String newType) {
    return new InstanceModel(
        id, availabilityZone, vpcId, subnetId, state, privateIp, primaryEniId, reservationId, launchTime, newType);
  }
}
