package io.enifailover.region;

import static org.assertj.core.api.Assertions.assertThat;

import io.enifailover.model.Ec2Actions;
import io.enifailover.model.PairClaim;
import io.enifailover.model.Step;
import io.enifailover.sim.MutableClock;
import io.enifailover.strategy.interfacemove.Attach;
import io.enifailover.strategy.interfacemove.Detach;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** Who gets the region's mutating tokens first, and the cap of moves in flight. */
class MutationBudgetTest {
  static final Clock FROZEN = Clock.fixed(Instant.parse("2026-11-25T00:00:00Z"), ZoneOffset.UTC);
  static final Detach DETACH = new Detach("eni-attach-1", "i-0aaaaaaaaaaaaaaaa", false);
  static final Attach ATTACH = new Attach("i-0bbbbbbbbbbbbbbbb", 1);

  static MutationBudget budget(double capacity, double refillPerSecond, int cap) {
    return new MutationBudget(now -> new TokenBucket(capacity, refillPerSecond, now), cap, FROZEN);
  }

  @Test
  void startingAMoveLeavesAnAttachTokenForEachMoveWaitingToAttach() {
    MutationBudget budget = budget(5, 1, 10);

    assertThat(budget.admit(DETACH, "eni-a")).as("the dry run takes an attach token, the detach a detach token").isEmpty();
    assertThat(budget.admit(DETACH, "eni-b")).as("4 attach tokens left, 1 kept for eni-a's attach").isEmpty();
    assertThat(budget.admit(DETACH, "eni-c")).as("3 left, 2 kept: one more dry run would leave none to spare").isEmpty();
    assertThat(budget.admit(DETACH, "eni-d")).as("2 left, both kept for the attaches of b and c").isPresent();
    assertThat(budget.admit(ATTACH, "eni-a")).as("an attach takes any attach token").isEmpty();
    assertThat(budget.admit(ATTACH, "eni-b")).isEmpty();
    assertThat(budget.admit(ATTACH, "eni-c")).as("all five attach tokens spent: 3 dry runs, 2 attaches").isPresent();
    assertThat(budget.movesInFlight()).isEqualTo(3);
    assertThat(budget.tokens(Ec2Actions.DETACH)).as("detaches draw on their own bucket").isEqualTo(2);
  }

  @Test
  void noMoveStartsBeyondTheCapUntilOneEnds() {
    MutationBudget budget = budget(50, 5, 2);
    budget.admit(DETACH, "eni-a");
    budget.admit(DETACH, "eni-b");

    assertThat(budget.admit(DETACH, "eni-c")).isPresent();
    assertThat(budget.admit(DETACH, "eni-a")).as("a repeat of a move in flight is not a new move").isEmpty();

    budget.moveEnded("eni-a");

    assertThat(budget.admit(DETACH, "eni-c")).isEmpty();
    assertThat(budget.movesInFlight()).isEqualTo(2);
  }

  @Test
  void aClaimDrawsOnTheTagBucketWhateverTheMovesLeft() {
    MutationBudget budget = budget(2, 1, 10);
    Step.Claim claim = new Step.Claim(new PairClaim("payments", "db", "uid", ""));
    budget.admit(DETACH, "eni-a");
    budget.admit(ATTACH, "eni-a");

    assertThat(budget.admit(DETACH, "eni-b")).as("no attach token left").isPresent();
    assertThat(budget.admit(claim, "eni-z")).isEmpty();
    assertThat(budget.admit(claim, "eni-y")).isEmpty();
    assertThat(budget.admit(claim, "eni-x")).isPresent();
  }

  @Test
  void aRefusedStepIsToldWhenToComeBackAndCountedAsQueued() {
    MutationBudget budget = budget(2, 2, 10);
    budget.admit(DETACH, "eni-a");
    budget.admit(ATTACH, "eni-a");

    assertThat(budget.admit(ATTACH, "eni-b")).hasValue(Duration.ofMillis(500));
    assertThat(budget.queued(Ec2Actions.ATTACH)).isEqualTo(1);

    budget.notWaiting("eni-b");

    assertThat(budget.queued(Ec2Actions.ATTACH)).isZero();
  }

  @Test
  void aFencingStopTakesTheAttachDryRunsTokenUnderTheSameReserveAsADetach() {
    MutationBudget budget = budget(3, 1, 10);
    Step.Fence fence = new Step.Fence("i-0aaaaaaaaaaaaaaaa", false);
    budget.admit(DETACH, "eni-a");

    assertThat(budget.admit(fence, "eni-b")).as("2 attach tokens left, 1 kept for eni-a's attach").isEmpty();
    assertThat(budget.tokens(Ec2Actions.ATTACH)).isEqualTo(1);
    assertThat(budget.tokens(Ec2Actions.STOP_INSTANCES)).isEqualTo(2);
    assertThat(budget.admit(fence, "eni-c")).as("the last attach token is eni-a's").isPresent();
  }

  @Test
  void pairsToldToWaitForATokenComeBackOneRefillApartInTheOrderTheyAsked() {
    MutableClock clock = new MutableClock(FROZEN.instant());
    MutationBudget budget = new MutationBudget(now -> new TokenBucket(1, 5, now), 10, clock);
    Step.Claim claim = new Step.Claim(new PairClaim("payments", "db", "uid", ""));
    budget.admit(claim, "eni-a");

    assertThat(budget.turn(claim, "eni-b")).isEqualTo(Duration.ofMillis(202));
    assertThat(budget.turn(claim, "eni-c")).isEqualTo(Duration.ofMillis(402));
    assertThat(budget.turn(claim, "eni-b")).as("a pair keeps its turn").isEqualTo(Duration.ofMillis(202));

    clock.advance(Duration.ofMillis(202));
    assertThat(budget.admit(claim, "eni-b")).as("at its turn the token is there").isEmpty();
    assertThat(budget.turn(claim, "eni-d")).as("after the turns already handed out").isEqualTo(Duration.ofMillis(400));

    clock.advance(Duration.ofMillis(200));
    budget.admit(claim, "eni-z");
    assertThat(budget.turn(claim, "eni-c")).as("the turn came and found the token taken: back of the queue")
        .isEqualTo(Duration.ofMillis(400));
  }

  @Test
  void turnsGivenUpFreeTheirPlaceInTheQueue() {
    MutableClock clock = new MutableClock(FROZEN.instant());
    MutationBudget budget = new MutationBudget(now -> new TokenBucket(1, 5, now), 10, clock);
    Step.Claim claim = new Step.Claim(new PairClaim("payments", "db", "uid", ""));
    budget.admit(claim, "eni-a");
    for (int i = 0; i < 100; i++) {
      budget.turn(claim, "eni-q" + i);
    }
    assertThat(budget.queued(Ec2Actions.CREATE_TAGS)).as("pairs waiting their turn are queued").isEqualTo(100);

    for (int i = 0; i < 100; i++) {
      budget.forget("eni-q" + i);
    }

    assertThat(budget.queued(Ec2Actions.CREATE_TAGS)).isZero();
    assertThat(budget.turn(claim, "eni-new")).as("the queue is empty again: the next token's turn").isEqualTo(Duration.ofMillis(202));
  }

  @Test
  void aStepThatEc2ThrottledAnywayEmptiesThatActionsShare() {
    MutationBudget budget = budget(50, 5, 10);

    budget.throttled(ATTACH);

    assertThat(budget.admit(ATTACH, "eni-a")).hasValue(Duration.ofMillis(200));
    assertThat(budget.admit(DETACH, "eni-b")).as("the dry run needs an attach token too").isPresent();
    assertThat(budget.tokens(Ec2Actions.DETACH)).isEqualTo(50);
  }
}
