package io.enifailover.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.enifailover.model.ActiveRole;
import io.enifailover.model.Side;
import io.enifailover.sim.SimulatorConfig;
import io.enifailover.status.Conditions;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.Event;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A move that cannot complete after the detach puts the interface back on the side it left: the
 * service runs there, and the pair says why it is not on the side it asked for.
 */
class NeverStrandIT {
  // A detach long enough for the target to change under the operator while it is in flight.
  @RegisterExtension static final OperatorHarness h = new OperatorHarness(
      SimulatorConfig.defaults().withDetachDuration(Duration.ofMillis(1500)).withAttachDuration(Duration.ofMillis(200)));

  static void failOverUntilDetaching(String name, TestWorld w) {
    h.create(name, w);
    h.awaitReady(name);
    h.setActive(name, Side.Standby);
    await("detaching from the primary").atMost(Duration.ofSeconds(10))
        .until(() -> h.sim.attachmentOf(w.eni()).filter(a -> a.status().equals("detaching")).isPresent());
  }

  static void awaitBackOnThePrimary(String name, TestWorld w, String reason) {
    await("back on the primary, " + reason + " reported").atMost(Duration.ofSeconds(15)).until(() ->
        h.sim.attachmentOf(w.eni()).filter(a -> a.instanceId().equals(w.primary()) && a.status().equals("attached")).isPresent()
            && h.condition(name, Conditions.STALLED).filter(c -> "True".equals(c.getStatus()) && reason.equals(c.getReason())).isPresent()
            && h.get(name).getStatus().getActiveRole() == ActiveRole.Primary);
    assertThat(h.events(name)).filteredOn(e -> "Attaching".equals(e.getReason())).extracting(Event::getMessage)
        .anySatisfy(m -> assertThat(m).contains(w.primary(), "instead", w.standby()));
  }

  @Test
  void aStandbyThatLostItsSlotDuringTheDetachSendsTheInterfaceBack() {
    TestWorld w = TestWorld.create(h.sim);
    failOverUntilDetaching("slot-lost", w);

    String squatter = "eni-" + TestWorld.hex();
    h.sim.addNetworkInterface(squatter, TestWorld.AZ, w.vpc(), w.subnet(), "10.0.3.9");
    h.sim.attachOutOfBand(squatter, w.standby(), 1);

    awaitBackOnThePrimary("slot-lost", w, "DeviceIndexInUse");
    Condition stalled = h.condition("slot-lost", Conditions.STALLED).orElseThrow();
    assertThat(stalled.getMessage()).contains(w.standby(), squatter);
  }

  @Test
  void anAttachEc2RefusesAfterTheDetachSendsTheInterfaceBackAndItStaysThereWhileRefused() {
    TestWorld w = TestWorld.create(h.sim);
    failOverUntilDetaching("denied-late", w);

    // The permission is withdrawn while the detach is in flight: the dry run before it could not know.
    h.sim.faults().deny("AttachNetworkInterface", w.standby());

    awaitBackOnThePrimary("denied-late", w, "AccessDenied");
    assertThat(h.condition("denied-late", Conditions.STALLED).orElseThrow().getMessage())
        .contains(w.eni(), w.standby(), "UnauthorizedOperation");
    int after = h.sim.mutatingCallCount();
    // Stalled re-checks (500 ms in tests) go by: the move is tried again with its dry run first, which the
    // withdrawn permission refuses, so the interface is not detached again.
    await().during(Duration.ofMillis(2000)).atMost(Duration.ofSeconds(4)).until(() -> h.sim.mutatingCallCount() == after);
  }
}
