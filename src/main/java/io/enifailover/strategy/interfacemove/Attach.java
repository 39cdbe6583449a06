package io.enifailover.strategy.interfacemove;

import io.enifailover.model.Ec2Actions;
import io.enifailover.model.Reason;
import io.enifailover.model.Step;
import java.util.List;
import java.util.Optional;

/**
 * Attach the interface; {@code insteadOf} is set when this is the other side of the pair because the
 * desired side cannot take an interface attached nowhere (it says why), so the service keeps running.
 */
public record Attach(String instanceId, int deviceIndex, Optional<String> insteadOf) implements Step.Change {
  public Attach(String instanceId, int deviceIndex) {
    this(instanceId, deviceIndex, Optional.empty());
  }

  @Override
  public List<Draw> draws() {
    return List.of(Draw.of(Ec2Actions.ATTACH));
  }

  @Override
  public Reason reason() {
    return Reason.Attaching;
  }

  @Override
  public Optional<Phase> phase() {
    return Optional.of(Phase.ATTACH);
  }

  @Override
  public boolean movesNetwork() {
    return true;
  }

  /** The planner attaches only an interface attached nowhere. */
  @Override
  public boolean restoresService() {
    return true;
  }

  @Override
  public Optional<String> target() {
    return Optional.of(instanceId);
  }
}
