package io.enifailover.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.enifailover.api.Side;
import io.enifailover.runtime.LocalStack;
import io.enifailover.sim.SimulatorConfig;
import io.enifailover.testing.Pairs;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shipped jar's {@code run} command as a cluster starts it: a kubeconfig, an EC2 endpoint, leader
 * election, the probes on its HTTP port, a failover, and a graceful stop on SIGTERM while leading.
 */
class RunCommandIT {
  static final Path JAR = Path.of("target", "eni-failover-operator.jar");
  static LocalStack stack;
  static Pairs pairs;

  @BeforeAll
  static void start() {
    stack = new LocalStack(SimulatorConfig.defaults().withDetachDuration(Duration.ofMillis(300)).withAttachDuration(Duration.ofMillis(200)));
    pairs = new Pairs(stack.kube.client(), "payments", Duration.ofSeconds(30));
  }

  @AfterAll
  static void stop() {
    stack.close();
  }

  @Test
  void runServesProbesFailsOverAndStopsGracefullyOnSigterm(@TempDir Path dir) throws Exception {
    Path kubeconfig = dir.resolve("kubeconfig");
    Files.writeString(kubeconfig, """
        apiVersion: v1
        kind: Config
        clusters: [{name: local, cluster: {server: "%s"}}]
        users: [{name: local, user: {}}]
        contexts: [{name: local, context: {cluster: local, user: local, namespace: default}}]
        current-context: local
        """.formatted(stack.kube.client().getMasterUrl()));
    int port = freePort();
    Path log = dir.resolve("operator.log");
    String java = ProcessHandle.current().info().command().orElse("java");
    ProcessBuilder builder = new ProcessBuilder(List.of(java, "-jar", JAR.toString(), "run",
            "--region", "us-east-1", "--ec2-endpoint", stack.sim.endpoint().toString(),
            "--leader-election", "true", "--lease-namespace", "default", "--http-port", String.valueOf(port),
            "--log-format", "json"))
        .redirectErrorStream(true)
        .redirectOutput(log.toFile());
    builder.environment().put("KUBECONFIG", kubeconfig.toString());
    builder.environment().put("AWS_ACCESS_KEY_ID", "testing");
    builder.environment().put("AWS_SECRET_ACCESS_KEY", "testing");
    Process operator = builder.start();
    try {
      await().atMost(Duration.ofSeconds(60)).ignoreExceptions().until(() -> status(port, "/readyz") == 200);
      assertThat(status(port, "/healthz")).isEqualTo(200);

      TestWorld w = TestWorld.create(stack.sim);
      pairs.create("from-jar", w.eni(), w.primary(), w.standby(), w.allocation(), spec -> {});
      pairs.awaitReady("from-jar");
      pairs.setActive("from-jar", Side.Standby);
      pairs.awaitReady("from-jar");
      assertThat(stack.sim.attachmentOf(w.eni())).hasValueSatisfying(a -> assertThat(a.instanceId()).isEqualTo(w.standby()));

      operator.destroy(); // SIGTERM
      assertThat(operator.waitFor(20, TimeUnit.SECONDS)).as("stopped within the grace period").isTrue();
      String output = Files.readString(log);
      assertThat(output).contains("\"message\":\"operator started\"", "\"message\":\"stopping\"");
      assertThat(output).doesNotContain("Exception");
    } finally {
      operator.destroyForcibly();
    }
  }

  private static int status(int port, String path) throws IOException, InterruptedException {
    HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).build();
    return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
