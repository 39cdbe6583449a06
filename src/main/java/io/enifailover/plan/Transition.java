package io.enifailover.plan;

/**
 * A change EC2 shows under way for a pair: leaving a side (an interface detaching, say) or arriving on one,
 * and the EC2 object it concerns (the attachment), so that a new transition is told from an old one.
 */
public record Transition(Kind kind, String subject) {
  public enum Kind {
    LEAVING,
    ARRIVING
  }
}
