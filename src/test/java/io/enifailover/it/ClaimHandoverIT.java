package io.enifailover.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.enifailover.api.EniFailoverPair;
import io.enifailover.model.Side;
import io.enifailover.reconcile.Pacing;
import io.enifailover.runtime.EniFailoverOperator;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A pair refused an interface because an older pair owns it takes it over as soon as the owner is deleted. */
class ClaimHandoverIT {
  @RegisterExtension static final OperatorHarness h = new OperatorHarness();
  static EniFailoverOperator operator;

  /** The default stalled re-check (2 min): only the deletion itself can wake the refused pair within seconds. */
  @BeforeAll
  static void withTheDefaultStalledRetry() {
    h.stopOperator();
    Pacing pacing = h.settings().pacing().withStalledRetry(Pacing.defaults().stalledRetry());
    operator = h.newOperator(h.settings().withPacing(pacing)).start();
  }

  @AfterAll
  static void stop() {
    operator.close();
  }

  @Test
  void deletingTheOwnerHandsTheInterfaceToTheRefusedPairWithinSeconds() {
    TestWorld w = TestWorld.create(h.sim);
    h.create("owner", w);
    h.awaitReady("owner");
    h.create("latecomer", w, spec -> spec.setActive(Side.Standby));
    h.pairs.awaitStalled("latecomer", "ClaimedByAnotherPair");

    h.client.resources(EniFailoverPair.class).inNamespace(h.namespace).withName("owner").delete();

    await("the latecomer takes the interface over").atMost(Duration.ofSeconds(5))
        .until(() -> h.isReady("latecomer", h.get("latecomer").getMetadata().getGeneration()));
    assertThat(h.sim.attachmentOf(w.eni())).hasValueSatisfying(a -> assertThat(a.instanceId()).isEqualTo(w.standby()));
  }
}
