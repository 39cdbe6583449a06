package io.enifailover.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The decision logic stays pure: it imports neither Kubernetes, the operator framework nor the AWS SDK. */
class PackageDependencyTest {
  private static final List<String> IO_PACKAGES =
      List.of("import io.fabric8", "import io.javaoperatorsdk", "import software.amazon", "import io.enifailover.ec2",
          "import io.enifailover.reconcile", "import io.enifailover.sim", "import java.net", "import java.io");

  @ParameterizedTest
  @ValueSource(strings = {"model", "plan"})
  void pureLogicImportsNoIo(String pkg) throws IOException {
    try (Stream<Path> files = Files.list(Path.of("src/main/java/io/enifailover", pkg))) {
      List<Path> sources = files.filter(p -> p.toString().endsWith(".java")).toList();
      assertThat(sources).isNotEmpty();
      for (Path source : sources) {
        assertThat(Files.readAllLines(source))
            .as(source.toString())
            .noneMatch(line -> IO_PACKAGES.stream().anyMatch(line::startsWith));
      }
    }
  }

  /** The pass's decider and the planners see the world only as the model's values. */
  @ParameterizedTest
  @ValueSource(strings = {"plan"})
  void planImportsOnlyTheModel(String pkg) throws IOException {
    for (Path source : sources(pkg)) {
      assertThat(Files.readAllLines(source))
          .as(source.toString())
          .filteredOn(line -> line.startsWith("import "))
          .allMatch(line -> line.startsWith("import io.enifailover.model.") || line.startsWith("import java.")
              || line.startsWith("import static java."));
    }
  }

  /** A strategy's rules are pure like the planner's; only its strategy class (reads and gateway calls) does I/O. */
  @ParameterizedTest
  @ValueSource(strings = {"strategy/interfacemove"})
  void strategyRulesImportNoIo(String pkg) throws IOException {
    for (Path source : sources(pkg)) {
      if (source.getFileName().toString().endsWith("Strategy.java")) {
        continue;
      }
      assertThat(Files.readAllLines(source))
          .as(source.toString())
          .noneMatch(line -> IO_PACKAGES.stream().anyMatch(line::startsWith) || line.startsWith("import io.enifailover.region")
              || line.startsWith("import io.enifailover.api.") && !line.contains("PairAnnotations"));
    }
  }

  /** Only the glue between the operator framework and the pass knows the framework. */
  @Test
  void onlyTheGlueImportsTheOperatorFramework() throws IOException {
    List<String> glue = List.of("reconcile/ClaimantWaker.java", "reconcile/EniFailoverPairReconciler.java",
        "reconcile/PassRecorder.java", "reconcile/StatusWriter.java", "runtime/EniFailoverOperator.java");
    try (Stream<Path> files = Files.walk(Path.of("src/main/java/io/enifailover"))) {
      List<String> importing = files.filter(p -> p.toString().endsWith(".java"))
          .filter(p -> {
            try {
              return Files.readString(p).contains("import io.javaoperatorsdk");
            } catch (IOException e) {
              throw new UncheckedIOException(e);
            }
          })
          .map(p -> Path.of("src/main/java/io/enifailover").relativize(p).toString())
          .toList();
      assertThat(importing).containsExactlyInAnyOrderElementsOf(glue);
    }
  }

  private static List<Path> sources(String pkg) throws IOException {
    try (Stream<Path> files = Files.list(Path.of("src/main/java/io/enifailover", pkg))) {
      List<Path> sources = files.filter(p -> p.toString().endsWith(".java")).toList();
      assertThat(sources).isNotEmpty();
      return sources;
    }
  }

  /** The health package probes, but its verdicts are values the planner may take as they are. */
  @ParameterizedTest
  @ValueSource(strings = {"health/SideHealth.java", "health/ProbeSpec.java", "health/ProbeResult.java", "health/HealthVerdicts.java", "health/HealthAssessment.java"})
  void healthVerdictsImportNoIo(String file) throws IOException {
    Path source = Path.of("src/main/java/io/enifailover", file);
    assertThat(Files.readAllLines(source))
        .as(source.toString())
        .noneMatch(line -> IO_PACKAGES.stream().anyMatch(line::startsWith));
  }

  @ParameterizedTest
  @ValueSource(strings = {"plan", "model", "status", "reconcile", "strategy", "api", "cli", "runtime"})
  void onlyTheGatewayAndTheSimulatorTouchTheAwsSdk(String pkg) throws IOException {
    try (Stream<Path> files = Files.walk(Path.of("src/main/java/io/enifailover", pkg))) {
      for (Path source : files.filter(p -> p.toString().endsWith(".java")).toList()) {
        assertThat(Files.readString(source)).as(source.toString()).doesNotContain("software.amazon.awssdk.services.ec2");
      }
    }
  }
}
