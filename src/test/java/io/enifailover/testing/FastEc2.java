package io.enifailover.testing;

import io.enifailover.sim.SimulatorConfig;
import java.time.Duration;

/** The simulator with EC2's transitions shortened (detach 300 ms, attach 200 ms), so operator tests run in seconds. */
public final class FastEc2 {
  private FastEc2() {}

  /** Off the simulator's default health port, which a service listening on all addresses of this machine could hold. */
  public static final int HEALTH_PORT = 20_000 + (int) (ProcessHandle.current().pid() % 20_000);

  /** With a health endpoint per instance, on its own loopback address, and a stop that takes 300 ms. */
  public static SimulatorConfig withHealthEndpoints() {
    return config().withHealthEndpoints(true).withHealthPort(HEALTH_PORT).withStopDuration(Duration.ofMillis(300));
  }

  public static SimulatorConfig config() {
    return SimulatorConfig.defaults().withDetachDuration(Duration.ofMillis(300)).withAttachDuration(Duration.ofMillis(200));
  }
}
