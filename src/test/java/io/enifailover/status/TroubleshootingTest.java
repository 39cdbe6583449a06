package io.enifailover.status;

import static org.assertj.core.api.Assertions.assertThat;

import io.enifailover.api.AutomaticFailoverStatus;
import io.enifailover.api.SideHealthStatus;
import io.enifailover.model.Outcome;
import io.enifailover.model.Reason;
import io.enifailover.model.Side;
import io.enifailover.model.Step;
import io.fabric8.kubernetes.api.model.Condition;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * docs/troubleshooting.md has a complete entry for every reason a pair can be Stalled or Reconciling for, and
 * the condition that reports such a reason ends with the address of that entry.
 */
class TroubleshootingTest {
  static final Path DOC = Path.of("docs/troubleshooting.md");
  static final Instant T0 = Instant.parse("2026-12-05T13:00:00Z");
  /** Each entry's parts, in this order: a person reads what it means before what to do. */
  static final List<String> PARTS = List.of("**What it means**:", "**Check**:", "**Recover**:", "**Retries**:");
  /** The entries the operator's alerts and automatic failover's decisions point to by their anchors. */
  static final List<String> LINKED_FROM_ELSEWHERE = List.of(
      "Operator down", "No leader", "EC2 throttling", "Budget queue growing", "Failover in flight too long",
      "Automatic failover happened", AutomaticReport.NO_HEALTHY_SIDE, AutomaticReport.FLAP_PREVENTED);
  static final Set<Reason.Category> EXPLAINED = EnumSet.of(Reason.Category.STALLED, Reason.Category.WAITING, Reason.Category.IN_FLIGHT);

  /** The page: its text before the first entry (the index), and each entry's body by its heading. */
  record Page(String index, Map<String, String> entries) {
    static Page read() {
      List<String> lines;
      try {
        lines = Files.readAllLines(DOC);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      StringBuilder index = new StringBuilder();
      Map<String, String> entries = new LinkedHashMap<>();
      String heading = null;
      List<String> body = new ArrayList<>();
      for (String line : lines) {
        if (line.startsWith("## ")) {
          if (heading != null) {
            entries.put(heading, String.join("\n", body));
          }
          heading = line.substring(3).strip();
          body.clear();
        } else if (heading == null) {
          index.append(line).append('\n');
        } else {
          body.add(line);
        }
      }
      if (heading != null) {
        entries.put(heading, String.join("\n", body));
      }
      return new Page(index.toString(), entries);
    }
  }

  private final Page page = Page.read();

  static Stream<Reason> stalledOrReconciling() {
    return Arrays.stream(Reason.values()).filter(r -> EXPLAINED.contains(r.category()));
  }

  @ParameterizedTest
  @MethodSource("stalledOrReconciling")
  void everyStalledOrReconcilingReasonHasAnEntryHeadedByItsName(Reason reason) {
    assertThat(page.entries()).containsKey(reason.name());
  }

  @Test
  void theEntriesThatAlertsAndAutomaticFailoverPointToExist() {
    assertThat(page.entries()).containsKeys(LINKED_FROM_ELSEWHERE.toArray(String[]::new));
  }

  @Test
  void everyEntrySaysWhatItMeansWhatToCheckWithACommandHowToRecoverAndWhetherItRetries() {
    assertThat(page.entries()).isNotEmpty().allSatisfy((heading, body) -> {
      int at = -1;
      for (String part : PARTS) {
        int next = body.indexOf(part);
        assertThat(next).as("%s in the entry %s, after the parts before it", part, heading).isGreaterThan(at);
        at = next;
      }
      String check = body.substring(body.indexOf("**Check**:"), body.indexOf("**Recover**:"));
      assertThat(check).as("what to check in the entry %s", heading).containsPattern("(?m)^(kubectl|aws|curl) ");
    });
  }

  @Test
  void everyEntryIsInTheIndexUnderItsOwnAnchor() {
    List<String> anchors = page.entries().keySet().stream().map(Troubleshooting::anchor).toList();

    assertThat(anchors).doesNotHaveDuplicates();
    assertThat(anchors).allSatisfy(anchor -> assertThat(page.index()).contains("(#" + anchor + ")"));
  }

  @Test
  void anchorsAreTheOnesGitHubGivesTheHeadings() {
    assertThat(Troubleshooting.anchor("AccessDenied")).isEqualTo("accessdenied");
    assertThat(Troubleshooting.anchor("Failover in flight too long")).isEqualTo("failover-in-flight-too-long");
    assertThat(Troubleshooting.anchor("EC2 throttling")).isEqualTo("ec2-throttling");
  }

  @ParameterizedTest
  @MethodSource("stalledOrReconciling")
  void theConditionReportingTheReasonEndsWithTheAddressOfItsEntry(Reason reason) {
    String words = "instance i-0b is stopping, so eni-0f stays where it is";

    StatusReporter.Report report = new StatusReporter().report(null, 1, Optional.empty(),
        Outcome.held(new Step.Hold(reason, words)), FailoverUpdate.NONE, T0);

    String type = reason.category() == Reason.Category.STALLED ? Conditions.STALLED : Conditions.RECONCILING;
    Condition condition = report.status().condition(type).orElseThrow();
    assertThat(condition.getStatus()).isEqualTo("True");
    assertThat(condition.getMessage())
        .isEqualTo(words + "; see https://github.com/enifailover/eni-failover-operator/blob/main/docs/troubleshooting.md#"
            + reason.name().toLowerCase(Locale.ROOT));
    assertThat(report.status().condition(Conditions.READY).orElseThrow().getMessage()).as("Ready keeps EC2's and the planner's words")
        .isEqualTo(words);
  }

  @ParameterizedTest
  @ValueSource(strings = {AutomaticReport.NO_HEALTHY_SIDE, AutomaticReport.FLAP_PREVENTED})
  void aDegradedConditionWhereNothingMayMoveEndsWithTheAddressOfItsEntry(String state) {
    AutomaticFailoverStatus automatic = new AutomaticFailoverStatus();
    automatic.setTarget(Side.Primary);
    automatic.setDeclared(Side.Primary);
    automatic.setState(state);
    automatic.setReason("Primary is unhealthy (connection refused) and Standby is unknown (no probe yet)");
    AutomaticReport stuck = new AutomaticReport(unknown(), unknown(), automatic, Side.Primary, side -> "i-0a");
    StatusReporter.Report plain = new StatusReporter().report(null, 1, Optional.empty(),
        new Outcome(Reason.InSync, "attached", Optional.empty()), FailoverUpdate.NONE, T0);

    Condition degraded = stuck.addTo(plain, null, 1, T0).status().condition(AutomaticReport.DEGRADED).orElseThrow();

    assertThat(degraded.getReason()).isEqualTo(state);
    assertThat(degraded.getMessage()).isEqualTo(automatic.getReason() + "; see " + Troubleshooting.PAGE + "#" + state.toLowerCase(Locale.ROOT));
    assertThat(page.entries()).containsKey(state);
  }

  private static SideHealthStatus unknown() {
    SideHealthStatus side = new SideHealthStatus();
    side.setState("Unknown");
    return side;
  }
}
