package io.enifailover.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * Prometheus' promtool and our promql-names, as {@code .ci/promtool.sh} builds them: {@code eval "$(bash
 * .ci/promtool.sh env)"} sets {@code ENIFAILOVER_PROMTOOL} and {@code ENIFAILOVER_PROMQL_NAMES}. Without them
 * a test that needs them is skipped, unless {@code ENIFAILOVER_REQUIRE_PROMTOOL=true} (CI), where it fails.
 */
public final class PrometheusTools {
  private static final long TIMEOUT_SECONDS = 60;

  private PrometheusTools() {}

  /** What a command printed and how it exited. */
  public record Result(List<String> command, int exitCode, String stdout, String stderr) {
    public Result assertSuccess() {
      assertThat(exitCode)
          .as("%s exited %d%nstderr:%n%s%nstdout:%n%s", String.join(" ", command), exitCode, stderr, stdout)
          .isZero();
      return this;
    }
  }

  public static Path promtool() {
    return binary("ENIFAILOVER_PROMTOOL", "promtool");
  }

  public static Path promqlNames() {
    return binary("ENIFAILOVER_PROMQL_NAMES", "promql-names");
  }

  private static Path binary(String env, String name) {
    String configured = System.getenv(env);
    if (configured == null || configured.isBlank()) {
      String how = "build it with `bash .ci/promtool.sh build` (needs Go) and `eval \"$(bash .ci/promtool.sh env)\"`";
      if ("true".equals(System.getenv("ENIFAILOVER_REQUIRE_PROMTOOL"))) {
        throw new AssertionError(env + " is not set and ENIFAILOVER_REQUIRE_PROMTOOL=true: " + how);
      }
      Assumptions.abort(env + " is not set (" + name + "): " + how);
    }
    Path path = Path.of(configured);
    assertThat(Files.isExecutable(path)).as("%s=%s is not an executable %s", env, configured, name).isTrue();
    return path;
  }

  /** Runs {@code binary} with {@code args}, {@code stdin} written to it, in the project's directory. */
  public static Result run(Path binary, String stdin, String... args) {
    List<String> command = new ArrayList<>();
    command.add(binary.toString());
    command.addAll(List.of(args));
    try {
      Path stderr = Files.createTempFile("prometheus-tool", ".stderr");
      try {
        Process process = new ProcessBuilder(command).redirectError(stderr.toFile()).start();
        try (OutputStream in = process.getOutputStream()) {
          in.write(stdin.getBytes(StandardCharsets.UTF_8));
        }
        String stdout = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
          process.destroyForcibly();
          throw new AssertionError(String.join(" ", command) + " did not finish in " + TIMEOUT_SECONDS + " s");
        }
        return new Result(command, process.exitValue(), stdout, Files.readString(stderr));
      } finally {
        Files.deleteIfExists(stderr);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted while running " + command, e);
    }
  }
}
