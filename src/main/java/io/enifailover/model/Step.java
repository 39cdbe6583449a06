package io.enifailover.model;

import java.util.List;
import java.util.Optional;

/**
 * The one thing to do next for a pair: a change to EC2, or nothing (with the reason). The changes that
 * move a service address are each strategy's own; the pass runs any of them by what they declare here.
 */
public sealed interface Step permits Step.Hold, Step.Change {

  /** Change nothing now; the reason says whether EC2 is in sync, mid-transition or why it is refused. */
  record Hold(Reason reason, String message) implements Step {}

  /** One request to EC2 that changes something. */
  non-sealed interface Change extends Step {
    /** The buckets of the region's EC2 budget it takes one token from each. */
    List<Draw> draws();

    /** The reason a pass that made this change reports, and the Event's reason. */
    Reason reason();

    /** The failover phase this change starts, if it is part of moving the service address. */
    Optional<Phase> phase();

    /** True for the changes that decide where the service address is: what the tenant guard and the claim govern. */
    default boolean movesNetwork() {
      return false;
    }

    /** True when the change takes the address off where it is: a move in flight until EC2 shows it in place again. */
    default boolean startsMove() {
      return false;
    }

    /** The instance the change puts the service on, if it puts it somewhere: a refusal there is remembered. */
    default Optional<String> target() {
      return Optional.empty();
    }

    /** The instance the change takes the service off, if it takes it off one: fencing may stop that instance first. */
    default Optional<String> leaves() {
      return Optional.empty();
    }

    /**
     * True for a change that puts a service that is on no side back on one: it cannot strand anything, and EC2
     * refuses it on a target gone meanwhile, so it rests on a fresh read of the service's own resources alone.
     */
    default boolean restoresService() {
      return false;
    }

    /** The EC2 object the change acts on (an attachment, say), for a forced change's one-shot consent. */
    default Optional<String> subject() {
      return Optional.empty();
    }

    /** AWS's last resort (a forced detach or stop): sent at most once per subject. */
    default boolean forced() {
      return false;
    }
  }

  /**
   * One token of {@code action}'s bucket; with {@code reservedForMoves}, a change that starts a new move
   * leaves one token of it per move already in flight, for that move to finish.
   */
  record Draw(String action, boolean reservedForMoves) {
    public static Draw of(String action) {
      return new Draw(action, false);
    }
  }

  /** Record the pair's claim in the tags of the resources it manages, before the pair changes anything else. */
  record Claim(PairClaim claim) implements Change {
    @Override
    public List<Draw> draws() {
      return List.of(Draw.of(Ec2Actions.CREATE_TAGS));
    }

    @Override
    public Reason reason() {
      return Reason.Claiming;
    }

    @Override
    public Optional<Phase> phase() {
      return Optional.empty();
    }
  }

  /**
   * Stop the failed instance the service is about to leave (automatic failover's fencing), before the
   * address leaves it; {@code force} is EC2's last resort for an instance stuck stopping.
   */
  record Fence(String instanceId, boolean force) implements Change {
    @Override
    public List<Draw> draws() {
      // Fencing starts a move: the target's dry run takes an attach token first, as before a detach.
      return force ? List.of(Draw.of(Ec2Actions.STOP_INSTANCES)) : List.of(new Draw(Ec2Actions.ATTACH, true), Draw.of(Ec2Actions.STOP_INSTANCES));
    }

    @Override
    public Reason reason() {
      return Reason.Fencing;
    }

    @Override
    public Optional<Phase> phase() {
      return Optional.of(Phase.FENCE);
    }

    @Override
    public boolean startsMove() {
      return !force;
    }

    @Override
    public boolean forced() {
      return force;
    }
  }

  default boolean mutates() {
    return this instanceof Change;
  }

  /** The phases of a failover's timeline. */
  enum Phase {
    FENCE,
    DETACH,
    ATTACH,
    /** Putting the Elastic IP back on an interface that stayed where it was is a repair, not a failover. */
    ASSOCIATE,
    /** Pointing a route table's routes at the other side's interface. */
    ROUTE;

    public boolean startsFailover() {
      return this != ASSOCIATE;
    }
  }
}
