package io.enifailover.strategy.interfacemove;

import io.enifailover.model.Ec2Actions;
import io.enifailover.model.Reason;
import io.enifailover.model.Step;
import java.util.List;
import java.util.Optional;

/** Associate the Elastic IP with a private IP of the interface; re-association only ever from the interface itself. */
public record Associate(String allocationId, String privateIp, boolean allowReassociation) implements Step.Change {
  @Override
  public List<Draw> draws() {
    return List.of(Draw.of(Ec2Actions.ASSOCIATE));
  }

  @Override
  public Reason reason() {
    return Reason.Associating;
  }

  @Override
  public Optional<Phase> phase() {
    return Optional.of(Phase.ASSOCIATE);
  }

  @Override
  public boolean movesNetwork() {
    return true;
  }
}
