package io.enifailover.status;

import static org.assertj.core.api.Assertions.assertThat;

import io.enifailover.api.AutomaticFailoverStatus;
import io.enifailover.api.EniFailoverPairStatus;
import io.enifailover.model.Side;
import io.enifailover.api.SideHealthStatus;
import io.enifailover.model.Outcome;
import io.enifailover.model.Reason;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Automatic failover's part of the status: Degraded while failed over, one Event per transition. */
class AutomaticReportTest {
  static final Instant T0 = Instant.parse("2026-11-25T03:00:00Z");
  private final StatusReporter reporter = new StatusReporter();

  static SideHealthStatus side(String state, String lastProbe) {
    SideHealthStatus s = new SideHealthStatus();
    s.setState(state);
    s.setTarget("i-0a (127.20.0.1)");
    s.setLastProbe(lastProbe);
    return s;
  }

  static AutomaticReport failedOver() {
    AutomaticFailoverStatus automatic = new AutomaticFailoverStatus();
    automatic.setTarget(Side.Standby);
    automatic.setDeclared(Side.Primary);
    automatic.setState(AutomaticReport.FAILED_OVER);
    automatic.setReason("Primary is unhealthy (connection refused) and Standby is healthy (HTTP 200)");
    automatic.setLastMoveReason(automatic.getReason());
    automatic.setLastMoveTime(T0.toString());
    return new AutomaticReport(side("Unhealthy", "connection refused"), side("Healthy", "HTTP 200"), automatic, Side.Primary,
        s -> s == Side.Primary ? "i-0a" : "i-0b");
  }

  StatusReporter.Report report(EniFailoverPairStatus previous) {
    StatusReporter.Report plain = reporter.report(previous, 1, Optional.empty(), new Outcome(Reason.InSync, "attached", Optional.empty()),
        FailoverUpdate.NONE, T0);
    return failedOver().addTo(plain, previous, 1, T0);
  }

  @Test
  void aFailoverIsDegradedWithWhenAndWhyAndEachTransitionIsOneEvent() {
    StatusReporter.Report first = report(null);

    assertThat(first.status().condition(AutomaticReport.DEGRADED)).hasValueSatisfying(c -> {
      assertThat(c.getStatus()).isEqualTo("True");
      assertThat(c.getReason()).isEqualTo("FailedOver");
      assertThat(c.getMessage()).isEqualTo("kept on Standby (i-0b) instead of spec.active's Primary since 2026-11-25T03:00:00Z, because "
          + "Primary is unhealthy (connection refused) and Standby is healthy (HTTP 200); now: Primary is unhealthy (connection refused) and Standby is healthy (HTTP 200)");
    });
    assertThat(first.events()).extracting(PairEvent::reason).containsExactly("PrimaryUnhealthy", "FailedOver");
    assertThat(first.events()).extracting(PairEvent::type).containsExactly(PairEvent.Type.Warning, PairEvent.Type.Warning);

    StatusReporter.Report second = report(first.status());

    assertThat(second.events()).as("nothing changed since the status written").isEmpty();
    assertThat(second.status().getConditions()).filteredOn(c -> c.getType().equals(AutomaticReport.DEGRADED)).hasSize(1);
  }

  @Test
  void aPassWithoutAnAssessmentKeepsWhatWasLastReported() {
    EniFailoverPairStatus written = report(null).status();

    StatusReporter.Report noEc2 = reporter.report(written, 1, Optional.empty(),
        new Outcome(Reason.Ec2Unavailable, "no answer", Optional.empty()), FailoverUpdate.NONE, T0.plusSeconds(5));

    assertThat(noEc2.status().getAutomatic().getTarget()).isEqualTo(Side.Standby);
    assertThat(noEc2.status().getHealth().getPrimary().getState()).isEqualTo("Unhealthy");
    assertThat(noEc2.status().condition(AutomaticReport.DEGRADED)).hasValueSatisfying(c -> assertThat(c.getStatus()).isEqualTo("True"));
    assertThat(StatusReporter.withoutAutomatic(noEc2).status().getConditions()).extracting(c -> c.getType())
        .isEqualTo(List.of("Ready", "Reconciling", "Stalled"));
  }
}
