package io.enifailover.strategy.routetable;

import io.enifailover.model.Ec2Actions;
import io.enifailover.model.Reason;
import io.enifailover.model.Step;
import java.util.List;
import java.util.Optional;

/**
 * Points one table's route for one destination at the interface of the side that should serve: ReplaceRoute for a
 * route the table has (to the other side, or a blackhole), CreateRoute for a missing one the pair may create. Each
 * is atomic in EC2, so a move over several tables never leaves a destination routed nowhere; until the last table
 * follows, the destination is split between the sides, and the next pass carries the move on.
 */
public record RouteChange(String routeTableId, String destination, String interfaceId, String instanceId, boolean create)
    implements Step.Change {

  public String action() {
    return create ? Ec2Actions.CREATE_ROUTE : Ec2Actions.REPLACE_ROUTE;
  }

  /** Two tokens of the action's bucket: the dry run, then the call. */
  @Override
  public List<Draw> draws() {
    return List.of(Draw.of(action()), Draw.of(action()));
  }

  @Override
  public Reason reason() {
    return Reason.Routing;
  }

  @Override
  public Optional<Phase> phase() {
    return Optional.of(Phase.ROUTE);
  }

  @Override
  public boolean movesNetwork() {
    return true;
  }

  @Override
  public Optional<String> target() {
    return Optional.of(instanceId);
  }
}
