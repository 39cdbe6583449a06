package io.enifailover.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.enifailover.api.EniFailoverPair;
import io.enifailover.model.Side;
import io.enifailover.model.PairClaim;
import io.enifailover.plan.TenantGuard;
import io.enifailover.runtime.EniFailoverOperator;
import io.enifailover.sim.SimRequest;
import io.enifailover.testing.Pairs;
import io.enifailover.testing.TestCluster;
import io.fabric8.kubernetes.api.model.Condition;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A pair records its claim in its interface's EC2 tags before it changes anything, so that ownership
 * holds across informer lag, replicas and separate installs, and a deleted pair releases it.
 */
class ClaimTagIT {
  @RegisterExtension static final OperatorHarness h = new OperatorHarness();

  private static String claimUid(TestWorld w) {
    return PairClaim.in(h.sim.tagsOf(w.eni())).map(PairClaim::uid).orElse("");
  }

  @Test
  void theClaimIsWrittenBeforeTheFirstDetachAndNamesThePair() {
    TestWorld w = TestWorld.create(h.sim);
    h.sim.attachOutOfBand(w.eni(), w.primary(), 1);
    h.sim.resetCounters();

    EniFailoverPair pair = h.create("claimant", w, spec -> spec.setActive(Side.Standby));
    h.awaitReady("claimant");

    assertThat(PairClaim.in(h.sim.tagsOf(w.eni()))).hasValueSatisfying(claim -> {
      assertThat(claim.uid()).isEqualTo(pair.getMetadata().getUid());
      assertThat(claim.pair()).isEqualTo(h.namespace + "/claimant");
      assertThat(claim.cluster()).as("the kube-system namespace's UID").isNotEmpty();
    });
    List<String> changes = h.sim.requestLog().stream()
        .filter(r -> r.params().containsValue(w.eni()) || r.action().equals("DetachNetworkInterface"))
        .filter(r -> !r.dryRun() && !r.action().startsWith("Describe"))
        .map(SimRequest::action)
        .toList();
    assertThat(changes).containsExactly("CreateTags", "DetachNetworkInterface", "AttachNetworkInterface");
  }

  @Test
  void anInstallWatchingOtherNamespacesIsRefusedAnInterfaceThisOneClaimed() {
    TestWorld w = TestWorld.create(h.sim);
    String otherNamespace = TestCluster.get().namespace("other-install");
    // The platform team assigned the interface and its instances to both namespaces.
    for (String id : new String[] {w.eni(), w.primary(), w.standby(), w.allocation()}) {
      h.sim.tag(id, TenantGuard.NAMESPACE_TAG, h.namespace + "," + otherNamespace);
    }
    EniFailoverPair owner = h.create("owner", w);
    h.awaitReady("owner");
    Pairs elsewhere = new Pairs(h.client, otherNamespace, Duration.ofSeconds(15));

    try (EniFailoverOperator otherInstall = h.newOperator(h.settings().withNamespaces(Set.of(otherNamespace))).start()) {
      h.sim.resetCounters();
      elsewhere.create("intruder", w.eni(), w.primary(), w.standby(), w.allocation(), spec -> spec.setActive(Side.Standby));

      Condition stalled = elsewhere.awaitStalled("intruder", "ClaimedByAnotherPair");
      assertThat(stalled.getMessage()).contains(w.eni(), h.namespace + "/owner", owner.getMetadata().getUid());
      assertThat(h.sim.attachmentOf(w.eni())).hasValueSatisfying(a -> assertThat(a.instanceId()).isEqualTo(w.primary()));
      assertThat(h.sim.mutatingCallCount()).isZero();
      assertThat(h.requests("CreateTags", w.eni())).isZero();

      // Deleting the owner releases its claim, and the other install's pair takes the interface over.
      h.client.resource(owner).delete();
      await("the owner's claim is released").atMost(Duration.ofSeconds(10))
          .until(() -> !owner.getMetadata().getUid().equals(claimUid(w)));
      await("the other install's pair takes over").atMost(Duration.ofSeconds(15))
          .until(() -> elsewhere.isReady("intruder", 1));
      assertThat(h.sim.attachmentOf(w.eni())).hasValueSatisfying(a -> assertThat(a.instanceId()).isEqualTo(w.standby()));
      assertThat(claimUid(w)).isEqualTo(elsewhere.get("intruder").getMetadata().getUid());
    } finally {
      elsewhere.deleteAll();
    }
  }

  @Test
  void twoPairsNamingOneInterfaceInTheSameSecondAgreeOnOneOwnerAndTheInterfaceMovesOnce() {
    TestWorld w = TestWorld.create(h.sim);
    h.sim.resetCounters();

    h.create("twin-a", w, spec -> spec.setActive(Side.Primary));
    h.create("twin-b", w, spec -> spec.setActive(Side.Standby));

    await("one twin Ready, the other refused").atMost(Duration.ofSeconds(15)).until(() ->
        (h.isReady("twin-a", 1) && "ClaimedByAnotherPair".equals(h.pairs.readyReason("twin-b")))
            || (h.isReady("twin-b", 1) && "ClaimedByAnotherPair".equals(h.pairs.readyReason("twin-a"))));
    String winner = h.isReady("twin-a", 1) ? "twin-a" : "twin-b";
    String loser = winner.equals("twin-a") ? "twin-b" : "twin-a";
    String winnersSide = winner.equals("twin-a") ? w.primary() : w.standby();
    // The loser names the winner, and keeps doing so: no flapping between the two.
    await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(4)).until(() ->
        h.isReady(winner, 1) && h.pairs.condition(loser, "Stalled").map(Condition::getMessage).orElse("").contains(h.namespace + "/" + winner));
    assertThat(h.sim.attachmentOf(w.eni())).hasValueSatisfying(a -> assertThat(a.instanceId()).isEqualTo(winnersSide));
    assertThat(claimUid(w)).isEqualTo(h.get(winner).getMetadata().getUid());
    assertThat(h.sim.requestLog().stream().filter(r -> !r.dryRun()).map(SimRequest::action))
        .as("one attach, to the winner's side, and nothing detached").containsOnlyOnce("AttachNetworkInterface")
        .doesNotContain("DetachNetworkInterface");
  }

  @Test
  void aClaimLeftByAPairDeletedWhileNoOperatorRanIsTakenOver() {
    TestWorld w = TestWorld.create(h.sim);
    EniFailoverPair gone = h.create("gone", w);
    h.awaitReady("gone");
    h.stopOperator();
    try {
      h.client.resource(gone).delete();
      await().atMost(Duration.ofSeconds(10)).until(() -> h.get("gone") == null);
    } finally {
      h.startOperator();
    }
    assertThat(claimUid(w)).isEqualTo(gone.getMetadata().getUid());

    EniFailoverPair successor = h.create("successor", w, spec -> spec.setActive(Side.Standby));

    h.awaitReady("successor");
    assertThat(h.sim.attachmentOf(w.eni())).hasValueSatisfying(a -> assertThat(a.instanceId()).isEqualTo(w.standby()));
    assertThat(claimUid(w)).isEqualTo(successor.getMetadata().getUid());
  }

  @Test
  void aPairRecreatedUnderTheSameNameIsANewClaimant() {
    TestWorld w = TestWorld.create(h.sim);
    EniFailoverPair first = h.create("same-name", w);
    h.awaitReady("same-name");
    h.client.resource(first).delete();
    await().atMost(Duration.ofSeconds(10)).until(() -> h.get("same-name") == null);

    EniFailoverPair second = h.create("same-name", w, spec -> spec.setActive(Side.Standby));

    await().atMost(Duration.ofSeconds(15)).until(() -> h.isReady("same-name", 1));
    assertThat(h.sim.attachmentOf(w.eni())).hasValueSatisfying(a -> assertThat(a.instanceId()).isEqualTo(w.standby()));
    assertThat(claimUid(w)).isEqualTo(second.getMetadata().getUid());
    assertThat(PairClaim.in(h.sim.tagsOf(w.eni())).orElseThrow().pair()).isEqualTo(h.namespace + "/same-name");
  }
}
