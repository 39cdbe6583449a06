package io.enifailover.cli;

import io.enifailover.api.EniFailoverPair;
import io.enifailover.sim.Ec2Simulator;
import io.enifailover.sim.InstanceState;

/** The EC2 side of {@code examples/pair.yaml}: two running instances, the interface, its Elastic IP. */
public final class DemoWorld {
  static final String AZ = "us-east-1a";
  static final String VPC = "vpc-0a1b2c3d4e5f60718";
  static final String SUBNET = "subnet-0a1b2c3d4e5f60718";
  static final String PRIVATE_IP = "10.0.1.25";
  static final String PUBLIC_IP = "203.0.113.10";

  private DemoWorld() {}

  public static void seed(Ec2Simulator sim, EniFailoverPair pair) {
    var spec = pair.getSpec();
    sim.addInstance(spec.getPrimary().getInstanceId(), AZ, VPC, SUBNET, InstanceState.RUNNING);
    sim.addInstance(spec.getStandby().getInstanceId(), AZ, VPC, SUBNET, InstanceState.RUNNING);
    sim.addNetworkInterface(spec.getNetworkInterfaceId(), AZ, VPC, SUBNET, PRIVATE_IP);
    sim.addAddress(spec.getElasticIp().getAllocationId(), PUBLIC_IP);
    sim.associateOutOfBand(spec.getElasticIp().getAllocationId(), spec.getNetworkInterfaceId(), PRIVATE_IP);
  }
}
