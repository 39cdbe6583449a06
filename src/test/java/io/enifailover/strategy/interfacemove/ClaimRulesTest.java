package io.enifailover.strategy.interfacemove;

import static io.enifailover.strategy.interfacemove.InterfaceMovePlannerTest.ENI;
import static io.enifailover.strategy.interfacemove.InterfaceMovePlannerTest.PRIMARY;
import static io.enifailover.strategy.interfacemove.InterfaceMovePlannerTest.SELF;
import static io.enifailover.strategy.interfacemove.InterfaceMovePlannerTest.STUCK_AFTER;
import static org.assertj.core.api.Assertions.assertThat;

import io.enifailover.plan.TenantGuard;
import io.enifailover.plan.TransitionProgress;
import io.enifailover.model.Side;
import io.enifailover.model.PairClaim;
import io.enifailover.model.PairIntent;
import io.enifailover.model.Reason;
import io.enifailover.model.Step;
import io.enifailover.strategy.interfacemove.InterfaceMovePlannerTest.World;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The claim a pair records in its interface's tags decides which pair manages the interface. */
class ClaimRulesTest {
  static final PairClaim OTHER = new PairClaim("shop", "db", "7d2f0c1e-3b4a-4c5d-8e6f-9a0b1c2d3e4f", SELF.cluster());

  private final InterfaceMovePlanner planner = new InterfaceMovePlanner(STUCK_AFTER);
  private final World failover = World.inSyncOnPrimary().wanting(Side.Standby);

  @Test
  void anUnclaimedInterfaceIsClaimedBeforeAnythingElse() {
    World w = failover.withEniTags(Map.of());

    assertThat(planner.next(w.intent(), w.observation(), w.progress())).isEqualTo(new Step.Claim(SELF));
  }

  @Test
  void aPairInSyncClaimsItsInterfaceToo() {
    World w = World.inSyncOnPrimary().withEniTags(Map.of());

    assertThat(planner.next(w.intent(), w.observation(), w.progress())).isEqualTo(new Step.Claim(SELF));
  }

  @Test
  void aPausedPairClaimsNothing() {
    World w = World.inSyncOnPrimary().withEniTags(Map.of()).asPaused();

    assertThat(planner.next(w.intent(), w.observation(), w.progress())).isEqualTo(new Step.Hold(Reason.InSync,
        "network interface " + ENI + " is attached to " + PRIMARY + " (primary) with Elastic IP eipalloc-0123456789abcdef0 on 10.0.1.25"));
  }

  @Test
  void anotherPairsClaimRefusesTheMoveNamingThatPair() {
    World w = failover.withEniTags(OTHER.tags());

    Step step = planner.next(w.intent(), w.observation(), w.progress());

    assertThat(step).isInstanceOfSatisfying(Step.Hold.class, h -> {
      assertThat(h.reason()).isEqualTo(Reason.ClaimedByAnotherPair);
      assertThat(h.message()).contains(ENI, "shop/db", OTHER.uid(), PairClaim.TAG);
    });
  }

  @Test
  void theClaimOutranksAnOlderPairInTheCacheSoTwoPairsNeverBothRefuse() {
    World w = failover.claimed("payments/db-old");

    assertThat(planner.next(w.intent(), w.observation(), w.progress())).isInstanceOf(Detach.class);
  }

  @Test
  void aStaleClaimIsTakenOver() {
    World w = failover.withEniTags(OTHER.tags());
    PairIntent knowing = w.intent().withStaleClaim(OTHER.uid());

    assertThat(planner.next(knowing, w.observation(), w.progress())).isEqualTo(new Step.Claim(SELF));
  }

  @Test
  void aClaimOfThisPairInAnotherFormIsWrittenAgain() {
    Map<String, String> partial = new HashMap<>(SELF.tags());
    partial.put(PairClaim.TAG, SELF.uid() + " - payments/db");
    World w = failover.withEniTags(partial);

    assertThat(planner.next(w.intent(), w.observation(), w.progress())).isEqualTo(new Step.Claim(SELF));
  }

  @Test
  void aClaimJustWrittenHoldsTheFirstMoveButNotAReport() {
    World moving = failover;
    World inSync = World.inSyncOnPrimary();

    assertThat(planner.next(moving.intent(), moving.observation(), moving.progress().withClaimSettling(true)))
        .isInstanceOfSatisfying(Step.Hold.class, h -> assertThat(h.reason()).isEqualTo(Reason.Claiming));
    assertThat(planner.next(inSync.intent(), inSync.observation(), inSync.progress().withClaimSettling(true)))
        .isInstanceOfSatisfying(Step.Hold.class, h -> assertThat(h.reason()).isEqualTo(Reason.InSync));
  }

  @Test
  void claimTagsRoundTrip() {
    assertThat(PairClaim.in(SELF.tags())).contains(SELF);
    assertThat(PairClaim.in(SELF.tags()).orElseThrow().complete()).isTrue();
    PairClaim noCluster = new PairClaim("payments", "db", SELF.uid(), "");
    assertThat(PairClaim.in(noCluster.tags())).contains(noCluster);
    assertThat(PairClaim.in(Map.of("Name", "db"))).isEmpty();
  }

  @Test
  void aClaimWhosePairNameDoesNotFitTheTagIsNeverComplete() {
    PairClaim long_ = new PairClaim("payments", "d".repeat(253), SELF.uid(), SELF.cluster());

    assertThat(long_.value()).hasSize(256);
    assertThat(PairClaim.in(long_.tags()).orElseThrow().complete()).isFalse();
  }

  @Test
  void anOlderPairInANamespaceTheInterfaceIsNotAssignedToKeepsNothingFromThisOne() {
    World squatted = InterfaceTenantRulesTest.assigned(failover.claimed("squatters/db")).withEniTags(Map.of(TenantGuard.NAMESPACE_TAG, "payments"));
    World shared = InterfaceTenantRulesTest.assigned(failover.claimed("billing/db")).withEniTags(Map.of(TenantGuard.NAMESPACE_TAG, "payments,billing"));

    assertThat(planner.next(InterfaceTenantRulesTest.guarded(squatted.intent()), squatted.observation(), squatted.progress()))
        .isEqualTo(new Step.Claim(SELF));
    assertThat(planner.next(InterfaceTenantRulesTest.guarded(shared.intent()), shared.observation(), shared.progress()))
        .isInstanceOfSatisfying(Step.Hold.class, h -> assertThat(h.reason()).isEqualTo(Reason.ClaimedByAnotherPair));
  }

  @Test
  void withoutItsClaimAPairStillBringsBackAnInterfaceAttachedNowhereButStartsNoMove() {
    World stranded = failover.withEniTags(Map.of()).detached();
    World moving = failover.withEniTags(Map.of());
    World inSync = World.inSyncOnPrimary().withEniTags(Map.of());
    TransitionProgress refused = TransitionProgress.NONE.withClaimUnavailable(true);

    assertThat(planner.next(stranded.intent(), stranded.observation(), refused)).isEqualTo(new Attach(InterfaceMovePlannerTest.STANDBY, 1));
    assertThat(planner.next(moving.intent(), moving.observation(), refused))
        .isInstanceOfSatisfying(Step.Hold.class, h -> assertThat(h.reason()).isEqualTo(Reason.Claiming));
    assertThat(planner.next(inSync.intent(), inSync.observation(), refused))
        .isInstanceOfSatisfying(Step.Hold.class, h -> assertThat(h.reason()).isEqualTo(Reason.InSync));
  }
}
