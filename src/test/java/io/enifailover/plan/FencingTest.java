package io.enifailover.plan;

import static io.enifailover.strategy.interfacemove.InterfaceMovePlannerTest.ENI;
import static io.enifailover.strategy.interfacemove.InterfaceMovePlannerTest.PRIMARY;
import static io.enifailover.strategy.interfacemove.InterfaceMovePlannerTest.SELF;
import static io.enifailover.strategy.interfacemove.InterfaceMovePlannerTest.STANDBY;
import static org.assertj.core.api.Assertions.assertThat;

import io.enifailover.model.Side;
import io.enifailover.strategy.interfacemove.Detach;
import io.enifailover.strategy.interfacemove.InterfaceMovePlannerTest;
import io.enifailover.model.InstanceState;
import io.enifailover.model.Observation;
import io.enifailover.model.PairIntent;
import io.enifailover.model.Step;
import io.enifailover.strategy.interfacemove.Attach;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Fencing stops a failed instance before its interface leaves it, and only then. */
class FencingTest {
  static final Detach DETACH = new Detach("eni-attach-1", PRIMARY, false);
  static final PairIntent INTENT = new PairIntent(SELF, ENI, PRIMARY, STANDBY, Side.Standby, 1, Optional.empty(), false,
      Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());

  static Observation primaryIs(InstanceState state) {
    return new Observation(Optional.empty(),
        Map.of(PRIMARY, InterfaceMovePlannerTest.anInstance(PRIMARY, InterfaceMovePlannerTest.AZ, InterfaceMovePlannerTest.VPC, state)), Optional.empty());
  }

  @ParameterizedTest(name = "primary {0}, unverified {1}, stop sent {2}s ago (forced {3}): {4}")
  @CsvSource({
      "RUNNING, true, , false, Fence",
      "RUNNING, false, , false, Detach",
      "RUNNING, true, 1, false, Hold FencingRefused",
      "PENDING, true, , false, Hold Fencing",
      "STOPPING, true, 1, false, Hold Fencing",
      "SHUTTING_DOWN, true, 1, false, Hold Fencing",
      "STOPPING, true, 30, false, Fence (force)",
      "STOPPING, true, 60, true, Hold Fencing",
      "STOPPING, true, 120, true, Hold FencingRefused",
      "STOPPED, true, 5, false, Detach",
      "TERMINATED, true, , false, Detach",
  })
  void beforeADetach(InstanceState state, boolean unverified, Long stoppingForSeconds, boolean forced, String expected) {
    Fencing.Progress progress = new Fencing.Progress(Optional.ofNullable(stoppingForSeconds).map(Duration::ofSeconds), forced);

    Step step = Fencing.before(DETACH, INTENT, primaryIs(state), id -> unverified && id.equals(PRIMARY), List.of(), progress);

    assertThat(describe(step)).isEqualTo(expected);
    if (step instanceof Step.Fence fence) {
      assertThat(fence.instanceId()).isEqualTo(PRIMARY);
    }
    if (step instanceof Step.Hold hold) {
      assertThat(hold.message()).contains(PRIMARY);
    }
  }

  @org.junit.jupiter.api.Test
  void anInstanceAnotherPairNamesIsNeverStopped() {
    Step step = Fencing.before(DETACH, INTENT, primaryIs(InstanceState.RUNNING), id -> true, List.of("payments/cache"), Fencing.Progress.NONE);

    assertThat(describe(step)).isEqualTo("Hold FencingRefused");
    assertThat(((Step.Hold) step).message()).contains(PRIMARY, "payments/cache", "fencing to None");
  }

  private static String describe(Step step) {
    if (step instanceof Step.Hold hold) {
      return "Hold " + hold.reason();
    }
    if (step instanceof Step.Fence fence) {
      return fence.force() ? "Fence (force)" : "Fence";
    }
    return step.getClass().getSimpleName();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({"an attach", "a forced detach"})
  void otherStepsAreLeftAsTheyAre(String which) {
    Step step = which.equals("an attach") ? new Attach(STANDBY, 1) : new Detach("eni-attach-1", PRIMARY, true);
    Observation observation = new Observation(Optional.empty(),
        Map.of(PRIMARY, InterfaceMovePlannerTest.anInstance(PRIMARY, InterfaceMovePlannerTest.AZ, InterfaceMovePlannerTest.VPC, InstanceState.RUNNING)), Optional.empty());

    assertThat(Fencing.before(step, INTENT, observation, id -> true, List.of(), Fencing.Progress.NONE)).isSameAs(step);
  }
}
