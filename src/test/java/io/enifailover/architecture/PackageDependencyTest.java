package io.enifailover.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
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

  /** The health package probes, but its verdicts are values the planner may take as they are. */
  @ParameterizedTest
  @ValueSource(strings = {"health/SideHealth.java", "health/ProbeSpec.java", "health/ProbeResult.java"})
  void healthVerdictsImportNoIo(String file) throws IOException {
    Path source = Path.of("src/main/java/io/enifailover", file);
    assertThat(Files.readAllLines(source))
        .as(source.toString())
        .noneMatch(line -> IO_PACKAGES.stream().anyMatch(line::startsWith));
  }

  @ParameterizedTest
  @ValueSource(strings = {"plan", "model", "status", "reconcile", "api", "cli", "runtime"})
  void onlyTheGatewayAndTheSimulatorTouchTheAwsSdk(String pkg) throws IOException {
    try (Stream<Path> files = Files.walk(Path.of("src/main/java/io/enifailover", pkg))) {
      for (Path source : files.filter(p -> p.toString().endsWith(".java")).toList()) {
        assertThat(Files.readString(source)).as(source.toString()).doesNotContain("software.amazon.awssdk.services.ec2");
      }
    }
  }
}
