package io.enifailover.model;

import java.util.Optional;

/**
 * What one pass ended with: the reason and message for the Ready condition, and the EC2 change it made,
 * if it made one.
 */
public record Outcome(Reason reason, String message, Optional<Step> executed) {

  public static Outcome held(Step.Hold hold) {
    return new Outcome(hold.reason(), hold.message(), Optional.empty());
  }
}
