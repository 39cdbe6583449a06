package io.enifailover.cli;

import io.enifailover.sim.SimulatorConfig;
import java.time.Duration;
import picocli.CommandLine.Option;

/** How long the simulated EC2 of the demo and the benchmark takes to detach and attach. */
final class SimulatedEc2Options {
  @Option(names = "--detach-time", converter = DurationConverter.class, defaultValue = "3s", description = "How long the simulated EC2 takes to detach (default: ${DEFAULT-VALUE}).")
  Duration detachTime;

  @Option(names = "--attach-time", converter = DurationConverter.class, defaultValue = "2s", description = "How long the simulated EC2 takes to attach (default: ${DEFAULT-VALUE}).")
  Duration attachTime;

  SimulatorConfig config() {
    return SimulatorConfig.defaults().withDetachDuration(detachTime).withAttachDuration(attachTime);
  }
}
