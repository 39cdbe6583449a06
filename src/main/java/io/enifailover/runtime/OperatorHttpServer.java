package io.enifailover.runtime;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.enifailover.metrics.OperatorMetrics;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;
import java.util.function.BooleanSupplier;

/**
 * One port for what a cluster asks of the operator: {@code /metrics} (Prometheus text),
 * {@code /healthz} (the operator runs) and {@code /readyz} (its informers have synced). Readiness does
 * not depend on holding the leader lease: a standby replica is ready to take over.
 */
public final class OperatorHttpServer implements AutoCloseable {
  private static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";

  private final HttpServer server;

  private OperatorHttpServer(HttpServer server) {
    this.server = server;
  }

  public static OperatorHttpServer start(int port, OperatorMetrics metrics, BooleanSupplier live, BooleanSupplier ready) {
    try {
      HttpServer server = HttpServer.create(new InetSocketAddress(port), 0);
      server.createContext("/metrics", exchange -> respond(exchange, 200, PROMETHEUS_TEXT, metrics.scrape()));
      server.createContext("/healthz", exchange -> probe(exchange, live));
      server.createContext("/readyz", exchange -> probe(exchange, ready));
      server.setExecutor(Executors.newFixedThreadPool(2, r -> {
        Thread t = new Thread(r, "http");
        t.setDaemon(true);
        return t;
      }));
      server.start();
      return new OperatorHttpServer(server);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot serve metrics and probes on port " + port, e);
    }
  }

  /** Where it listens, for example {@code http://localhost:8080}. */
  public URI uri() {
    return URI.create("http://localhost:" + server.getAddress().getPort());
  }

  private static void probe(HttpExchange exchange, BooleanSupplier check) throws IOException {
    boolean ok = check.getAsBoolean();
    respond(exchange, ok ? 200 : 503, "text/plain; charset=utf-8", ok ? "ok\n" : "not ready\n");
  }

  private static void respond(HttpExchange exchange, int status, String contentType, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", contentType);
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
