package io.enifailover.region;

import static org.assertj.core.api.Assertions.assertThat;

import io.enifailover.budget.TokenBucket;
import io.enifailover.model.PairClaim;
import io.enifailover.model.Step;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** Who gets the region's mutating tokens first, and the cap of moves in flight. */
class MutationBudgetTest {
  static final Clock FROZEN = Clock.fixed(Instant.parse("2026-11-25T00:00:00Z"), ZoneOffset.UTC);
  static final Step.Detach DETACH = new Step.Detach("eni-attach-1", "i-0aaaaaaaaaaaaaaaa", false);
  static final Step.Attach ATTACH = new Step.Attach("i-0bbbbbbbbbbbbbbbb", 1);

  @Test
  void startingAMoveLeavesATokenForEachMoveWaitingToAttach() {
    MutationBudget budget = new MutationBudget(new TokenBucket(5, 1, FROZEN.instant()), 10, FROZEN);

    assertThat(budget.admit(DETACH, "eni-a")).as("2 tokens: dry run and detach").isEmpty();
    assertThat(budget.admit(DETACH, "eni-b")).as("3 left, 1 kept for eni-a's attach").isEmpty();
    assertThat(budget.admit(DETACH, "eni-c")).as("1 left, kept for the two attaches").isPresent();
    assertThat(budget.admit(ATTACH, "eni-a")).as("an attach takes the last token").isEmpty();
    assertThat(budget.movesInFlight()).isEqualTo(2);
  }

  @Test
  void noMoveStartsBeyondTheCapUntilOneEnds() {
    MutationBudget budget = new MutationBudget(new TokenBucket(50, 5, FROZEN.instant()), 2, FROZEN);
    budget.admit(DETACH, "eni-a");
    budget.admit(DETACH, "eni-b");

    assertThat(budget.admit(DETACH, "eni-c")).isPresent();
    assertThat(budget.admit(DETACH, "eni-a")).as("a repeat of a move in flight is not a new move").isEmpty();

    budget.moveEnded("eni-a");

    assertThat(budget.admit(DETACH, "eni-c")).isEmpty();
    assertThat(budget.movesInFlight()).isEqualTo(2);
  }

  @Test
  void aClaimLeavesATokenForEachMoveInFlightAndOneToSpare() {
    MutationBudget budget = new MutationBudget(new TokenBucket(4, 1, FROZEN.instant()), 10, FROZEN);
    Step.Claim claim = new Step.Claim(new PairClaim("payments", "db", "uid", ""));
    budget.admit(DETACH, "eni-a");

    assertThat(budget.admit(claim, "eni-z")).as("2 left: one for eni-a's attach, one to spare").isPresent();

    budget.moveEnded("eni-a");

    assertThat(budget.admit(claim, "eni-z")).isEmpty();
  }

  @Test
  void aRefusedStepIsToldWhenToComeBack() {
    MutationBudget budget = new MutationBudget(new TokenBucket(2, 2, FROZEN.instant()), 10, FROZEN);
    budget.admit(DETACH, "eni-a");

    assertThat(budget.admit(ATTACH, "eni-a")).hasValue(Duration.ofMillis(500));
  }
}
