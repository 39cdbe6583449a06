package io.enifailover.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs the real helm and kubectl binaries that .ci/install-tools.sh installs. */
final class Tools {
  private static final long TIMEOUT_SECONDS = 120;

  private Tools() {}

  /** What a command printed and how it exited. */
  record Result(List<String> command, int exitCode, String stdout, String stderr) {
    Result assertSuccess() {
      assertThat(exitCode)
          .as("%s exited %d%nstderr:%n%s%nstdout:%n%s", String.join(" ", command), exitCode, stderr, stdout)
          .isZero();
      return this;
    }
  }

  static Path helm() {
    return binary("HELM_BIN", "helm");
  }

  static Path kubectl() {
    return binary("KUBECTL_BIN", "kubectl");
  }

  private static Path binary(String env, String name) {
    String configured = System.getenv(env);
    Path path = configured != null && !configured.isBlank()
        ? Path.of(configured)
        : Path.of(".ci", ".cache", "bin", name).toAbsolutePath();
    assertThat(Files.isExecutable(path))
        .as("%s not found at %s: run `bash .ci/install-tools.sh` first, or point %s at a %s binary",
            name, path, env, name)
        .isTrue();
    return path;
  }

  static Result run(Path binary, String... args) {
    // No kubeconfig: nothing may talk to a cluster unless it says which.
    return runWithKubeconfig(Path.of("/dev/null"), binary, args);
  }

  static Result runWithKubeconfig(Path kubeconfig, Path binary, String... args) {
    List<String> command = new ArrayList<>();
    command.add(binary.toString());
    command.addAll(List.of(args));
    try {
      Path stderr = Files.createTempFile("tool", ".stderr");
      try {
        ProcessBuilder builder = new ProcessBuilder(command).redirectError(stderr.toFile());
        builder.environment().put("KUBECONFIG", kubeconfig.toString());
        builder.environment().put("HELM_CACHE_HOME", Path.of("target", "helm", "cache").toAbsolutePath().toString());
        builder.environment().put("HELM_CONFIG_HOME", Path.of("target", "helm", "config").toAbsolutePath().toString());
        builder.environment().put("HELM_DATA_HOME", Path.of("target", "helm", "data").toAbsolutePath().toString());
        Process process = builder.start();
        process.getOutputStream().close();
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
