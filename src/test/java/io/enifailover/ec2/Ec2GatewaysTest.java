package io.enifailover.ec2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.enifailover.model.Reason;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class Ec2GatewaysTest {
  @Test
  void aMistypedRegionIsRefusedAtOnceWithTheRegionItProbablyMeant() {
    try (Ec2Gateways gateways = new Ec2Gateways(new Ec2Settings("us-east-1", Optional.empty(), true))) {
      Ec2Failure failure = catchThrowableOfType(Ec2Failure.class, () -> gateways.forRegion("us-esat-1"));

      assertThat(failure.reason()).isEqualTo(Reason.InvalidRegion);
      assertThat(failure.getMessage()).contains("us-esat-1", "did you mean us-east-1?");
      assertThat(gateways.forRegion("eu-west-1")).isNotNull();
    }
  }

  @Test
  void aNameFarFromEveryRegionGetsNoGuess() {
    assertThat(Ec2Gateways.closest("moon-base-7")).isEmpty();
    assertThat(Ec2Gateways.closest("eu-wset-1")).contains("eu-west-1");
  }
}
