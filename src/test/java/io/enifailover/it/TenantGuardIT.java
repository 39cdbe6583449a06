package io.enifailover.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.enifailover.model.Side;
import io.enifailover.model.PairClaim;
import io.enifailover.plan.TenantGuard;
import io.enifailover.runtime.EniFailoverOperator;
import io.enifailover.sim.SimInstanceState;
import io.enifailover.status.Conditions;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.Event;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The tenant guard on a real API server: a pair uses only the interface, instances and Elastic IP that a
 * platform team tagged for its namespace, and otherwise says which resource lacks the tag and changes
 * nothing in EC2.
 */
class TenantGuardIT {
  static final String TAG = TenantGuard.NAMESPACE_TAG;
  @RegisterExtension static final OperatorHarness h = new OperatorHarness();

  @Test
  void anInterfaceOfAnotherTeamIsNeitherMovedNorTagged() {
    TestWorld w = TestWorld.create(h.sim);
    String otherTeams = w.addInstance(h.sim, TestWorld.AZ, SimInstanceState.RUNNING);
    h.sim.tag(otherTeams, TAG, "team-a");
    h.sim.attachOutOfBand(w.eni(), otherTeams, 1);
    h.sim.tag(w.eni(), TAG, "team-a");
    h.sim.resetCounters();

    // The tenant names the other team's instance as primary and its own as standby, and asks for the standby.
    h.pairs.create("takeover", w.eni(), otherTeams, w.standby(), w.allocation(), spec -> spec.setActive(Side.Standby));

    Condition stalled = h.pairs.awaitStalled("takeover", "NotAssignedToNamespace");
    assertThat(stalled.getMessage()).contains(w.eni(), TAG + "=team-a", "does not name namespace " + h.namespace);
    assertThat(h.sim.attachmentOf(w.eni())).hasValueSatisfying(a -> assertThat(a.instanceId()).isEqualTo(otherTeams));
    assertThat(h.sim.mutatingCallCount()).isZero();
    assertThat(h.requests("CreateTags", w.eni())).as("not even a claim on another team's interface").isZero();
    assertThat(h.sim.tagsOf(w.eni())).doesNotContainKey(PairClaim.TAG);
    assertThat(h.events("takeover")).extracting(Event::getReason).contains("NotAssignedToNamespace");
  }

  @Test
  void aStandbyNotAssignedIsRefusedBeforeTheDetach() {
    TestWorld w = TestWorld.create(h.sim);
    h.sim.untag(w.standby(), TAG);
    // The service already runs on the primary; the standby was never assigned to this namespace.
    h.sim.attachOutOfBand(w.eni(), w.primary(), 1);
    h.sim.resetCounters();

    h.create("untagged-standby", w, spec -> spec.setActive(Side.Standby));

    Condition stalled = h.pairs.awaitStalled("untagged-standby", "NotAssignedToNamespace");
    assertThat(stalled.getMessage()).contains(w.standby() + " (standby) has no tag " + TAG);
    assertThat(h.sim.attachmentOf(w.eni())).hasValueSatisfying(a -> {
      assertThat(a.instanceId()).isEqualTo(w.primary());
      assertThat(a.status()).isEqualTo("attached");
    });
    assertThat(h.sim.mutatingCallCount()).isZero();
    assertThat(h.requests("CreateTags", w.eni())).as("a pair that may not use its standby does not even claim").isZero();
  }

  @Test
  void anElasticIpNotAssignedIsLeftAloneWhileTheInterfaceMoves() {
    TestWorld w = TestWorld.create(h.sim);
    h.sim.disassociateOutOfBand(w.allocation());
    h.sim.untag(w.allocation(), TAG);

    h.create("untagged-address", w);

    Condition stalled = h.pairs.awaitStalled("untagged-address", "NotAssignedToNamespace");
    assertThat(stalled.getMessage()).contains("Elastic IP " + w.allocation() + " has no tag " + TAG, "does not associate");
    assertThat(h.sim.attachmentOf(w.eni())).hasValueSatisfying(a -> assertThat(a.instanceId()).isEqualTo(w.primary()));
    assertThat(h.sim.associationOf(w.allocation())).isEmpty();
    assertThat(h.requests("AssociateAddress", w.allocation())).isZero();
    assertThat(h.get("untagged-address").getStatus().getActiveInstanceId()).isEqualTo(w.primary());
  }

  @Test
  void aTagNamingSeveralNamespacesAssignsToEach() {
    TestWorld w = TestWorld.create(h.sim);
    for (String id : new String[] {w.eni(), w.primary(), w.standby(), w.allocation()}) {
      h.sim.tag(id, TAG, "team-a, " + h.namespace + ",team-c");
    }
    h.create("shared-assignment", w);
    h.awaitReady("shared-assignment");

    h.setActive("shared-assignment", Side.Standby);

    await().atMost(Duration.ofSeconds(15)).until(() -> h.isReady("shared-assignment", 2));
    assertThat(h.sim.attachmentOf(w.eni())).hasValueSatisfying(a -> assertThat(a.instanceId()).isEqualTo(w.standby()));
  }

  @Test
  void withTheGuardOffUntaggedResourcesAreUsed() {
    TestWorld w = TestWorld.create(h.sim);
    for (String id : new String[] {w.eni(), w.primary(), w.standby(), w.allocation()}) {
      h.sim.untag(id, TAG);
    }
    h.stopOperator();
    try (EniFailoverOperator unguarded = h.newOperator(h.settings().withTenantGuard(false)).start()) {
      h.create("unguarded", w, spec -> spec.setActive(Side.Standby));

      h.awaitReady("unguarded");
      assertThat(h.sim.attachmentOf(w.eni())).hasValueSatisfying(a -> assertThat(a.instanceId()).isEqualTo(w.standby()));
      assertThat(h.condition("unguarded", Conditions.STALLED)).hasValueSatisfying(c -> assertThat(c.getStatus()).isEqualTo("False"));
    } finally {
      h.startOperator();
    }
  }
}
