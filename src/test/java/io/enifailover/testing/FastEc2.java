package io.enifailover.testing;

import io.enifailover.sim.SimulatorConfig;
import java.time.Duration;

/** The simulator with EC2's transitions shortened (detach 300 ms, attach 200 ms), so operator tests run in seconds. */
public final class FastEc2 {
  private FastEc2() {}

  public static SimulatorConfig config() {
    return SimulatorConfig.defaults().withDetachDuration(Duration.ofMillis(300)).withAttachDuration(Duration.ofMillis(200));
  }
}
