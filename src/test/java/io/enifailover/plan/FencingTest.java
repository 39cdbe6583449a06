package io.enifailover.plan;

import static io.enifailover.plan.FailoverPlannerTest.ENI;
import static io.enifailover.plan.FailoverPlannerTest.PRIMARY;
import static io.enifailover.plan.FailoverPlannerTest.SELF;
import static io.enifailover.plan.FailoverPlannerTest.STANDBY;
import static org.assertj.core.api.Assertions.assertThat;

import io.enifailover.api.Side;
import io.enifailover.model.InstanceState;
import io.enifailover.model.Observation;
import io.enifailover.model.PairIntent;
import io.enifailover.model.Reason;
import io.enifailover.model.Step;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Fencing stops a failed instance before its interface leaves it, and only then. */
class FencingTest {
  static final Step.Detach DETACH = new Step.Detach("eni-attach-1", PRIMARY, false);
  static final PairIntent INTENT = new PairIntent(SELF, ENI, PRIMARY, STANDBY, Side.Standby, 1, Optional.empty(), false,
      Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());

  @ParameterizedTest(name = "primary {0}, failed {1}: {2}")
  @CsvSource({
      "RUNNING, true, Fence",
      "PENDING, true, Fence",
      "STOPPING, true, Hold",
      "SHUTTING_DOWN, true, Hold",
      "STOPPED, true, Detach",
      "RUNNING, false, Detach",
  })
  void beforeADetach(InstanceState state, boolean failed, String expected) {
    Observation observation = new Observation(Optional.empty(),
        Map.of(PRIMARY, FailoverPlannerTest.anInstance(PRIMARY, FailoverPlannerTest.AZ, FailoverPlannerTest.VPC, state)), Optional.empty());

    Step step = Fencing.before(DETACH, INTENT, observation, id -> failed && id.equals(PRIMARY));

    assertThat(step.getClass().getSimpleName()).isEqualTo(expected);
    if (step instanceof Step.Fence fence) {
      assertThat(fence.instanceId()).isEqualTo(PRIMARY);
    }
    if (step instanceof Step.Hold hold) {
      assertThat(hold.reason()).isEqualTo(Reason.Fencing);
      assertThat(hold.message()).contains(PRIMARY, "to stop");
    }
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({"an attach", "a forced detach"})
  void otherStepsAreLeftAsTheyAre(String which) {
    Step step = which.equals("an attach") ? new Step.Attach(STANDBY, 1) : new Step.Detach("eni-attach-1", PRIMARY, true);
    Observation observation = new Observation(Optional.empty(),
        Map.of(PRIMARY, FailoverPlannerTest.anInstance(PRIMARY, FailoverPlannerTest.AZ, FailoverPlannerTest.VPC, InstanceState.RUNNING)), Optional.empty());

    assertThat(Fencing.before(step, INTENT, observation, id -> true)).isSameAs(step);
  }
}
