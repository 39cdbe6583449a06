package io.enifailover.testing;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** The shipped jar's {@code run} command in a process of its own, as a pod would start it. */
public final class OperatorProcess implements AutoCloseable {
  static final Path JAR = Path.of("target", "eni-failover-operator.jar");

  private final Process process;
  private final Path log;
  private final int port;

  private OperatorProcess(Process process, Path log, int port) {
    this.process = process;
    this.log = log;
    this.port = port;
  }

  /**
   * Starts {@code java -jar eni-failover-operator.jar} with {@code args} (a Deployment's container args,
   * {@code --http-port} replaced by a free port) and the environment a pod would have: a kubeconfig,
   * HOSTNAME (the lease identity), and dummy AWS credentials for the simulator.
   */
  public static OperatorProcess start(List<String> args, Path kubeconfig, String hostname, Map<String, String> env, Path dir) {
    try {
      int port = freePort();
      List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"), "-jar", JAR.toString()));
      args.stream().filter(a -> !a.startsWith("--http-port")).forEach(command::add);
      command.add("--http-port=" + port);
      Path log = dir.resolve(hostname + ".log");
      ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
      builder.environment().put("KUBECONFIG", kubeconfig.toString());
      builder.environment().put("HOSTNAME", hostname);
      builder.environment().put("AWS_ACCESS_KEY_ID", "testing");
      builder.environment().put("AWS_SECRET_ACCESS_KEY", "testing");
      builder.environment().putAll(env);
      return new OperatorProcess(builder.start(), log, port);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Waits for /readyz: the informers have synced (a standby replica is ready too). */
  public OperatorProcess awaitReady() {
    await("operator /readyz on port " + port).atMost(Duration.ofSeconds(60)).ignoreExceptions()
        .until(() -> {
          if (!process.isAlive()) {
            throw new AssertionError("the operator exited " + process.exitValue() + ":\n" + log());
          }
          return httpStatus("/readyz") == 200;
        });
    return this;
  }

  public int httpStatus(String path) throws IOException, InterruptedException {
    HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).build();
    return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
  }

  /** Sends SIGTERM and waits for the process to end; its exit code, or -1 if it did not end in time. */
  public int terminate(Duration grace) throws InterruptedException {
    process.destroy();
    return process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS) ? process.exitValue() : -1;
  }

  public boolean alive() {
    return process.isAlive();
  }

  public String log() {
    try {
      return Files.readString(log);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  @Override
  public void close() {
    process.destroyForcibly();
  }
}
