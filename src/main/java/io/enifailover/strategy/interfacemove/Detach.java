package io.enifailover.strategy.interfacemove;

import io.enifailover.model.Ec2Actions;
import io.enifailover.model.Reason;
import io.enifailover.model.Step;
import java.util.List;
import java.util.Optional;

/** Detach the interface; {@code force} is AWS's last resort for a detach that does not complete. */
public record Detach(String attachmentId, String fromInstanceId, boolean force) implements Step.Change {
  @Override
  public List<Draw> draws() {
    // The attach's dry run on the target comes first: a denial found after the detach would strand the service.
    return List.of(new Draw(Ec2Actions.ATTACH, true), Draw.of(Ec2Actions.DETACH));
  }

  @Override
  public Reason reason() {
    return Reason.Detaching;
  }

  @Override
  public Optional<Phase> phase() {
    return Optional.of(Phase.DETACH);
  }

  @Override
  public boolean movesNetwork() {
    return true;
  }

  @Override
  public boolean startsMove() {
    return !force;
  }

  @Override
  public Optional<String> leaves() {
    return Optional.of(fromInstanceId);
  }

  @Override
  public Optional<String> subject() {
    return Optional.of(attachmentId);
  }

  @Override
  public boolean forced() {
    return force;
  }
}
