package io.enifailover.it;

import io.enifailover.sim.Ec2Simulator;
import io.enifailover.sim.SimInstanceState;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A fresh pair's worth of EC2 in the simulator, with ids of its own so tests sharing a simulator never
 * touch each other's resources: two running instances in us-east-1a, a detached secondary interface,
 * and an Elastic IP associated with the interface's primary private IP.
 */
record TestWorld(
    String vpc, String subnet, String primary, String standby, String eni, String privateIp, String allocation, String publicIp) {
  static final String AZ = "us-east-1a";

  static TestWorld create(Ec2Simulator sim) {
    int n = ThreadLocalRandom.current().nextInt(1, 250);
    TestWorld w =
        new TestWorld(
            "vpc-" + hex(),
            "subnet-" + hex(),
            "i-" + hex(),
            "i-" + hex(),
            "eni-" + hex(),
            "10.0.1." + n,
            "eipalloc-" + hex(),
            "203.0.113." + n);
    sim.addInstance(w.primary, AZ, w.vpc, w.subnet, SimInstanceState.RUNNING);
    sim.addInstance(w.standby, AZ, w.vpc, w.subnet, SimInstanceState.RUNNING);
    sim.addNetworkInterface(w.eni, AZ, w.vpc, w.subnet, w.privateIp);
    sim.addAddress(w.allocation, w.publicIp);
    sim.associateOutOfBand(w.allocation, w.eni, w.privateIp);
    return w;
  }

  /** Another running instance in the same subnet, outside the pair. */
  String addInstance(Ec2Simulator sim, String az, SimInstanceState state) {
    String id = "i-" + hex();
    sim.addInstance(id, az, vpc, subnet, state);
    return id;
  }

  static String hex() {
    byte[] bytes = new byte[9];
    ThreadLocalRandom.current().nextBytes(bytes);
    return HexFormat.of().formatHex(bytes).substring(0, 17);
  }
}
