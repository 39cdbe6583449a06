package io.enifailover.health;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real HTTP server on 127.0.0.1 for probes to hit: {@code /status} answers whatever {@link #answer} is
 * set to, {@code /hang} never answers, {@code /stall} sends its headers and never the body. Every request
 * is counted. {@link #close} releases what hangs.
 */
final class ProbeTargets implements AutoCloseable {
  static final String IP = "127.0.0.1";

  final AtomicInteger answer = new AtomicInteger(200);
  final AtomicInteger requests = new AtomicInteger();
  private final CountDownLatch release = new CountDownLatch(1);
  private final ExecutorService handlers = Executors.newCachedThreadPool();
  private final HttpServer server;

  ProbeTargets() {
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getByName(IP), 0), 50);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.createContext("/status", exchange -> {
      requests.incrementAndGet();
      if (answer.get() / 100 == 3) {
        exchange.getResponseHeaders().add("Location", "/elsewhere");
      }
      exchange.sendResponseHeaders(answer.get(), -1);
      exchange.close();
    });
    server.createContext("/elsewhere", exchange -> {
      requests.incrementAndGet();
      exchange.sendResponseHeaders(503, -1);
      exchange.close();
    });
    server.createContext("/hang", exchange -> {
      requests.incrementAndGet();
      awaitRelease(exchange);
    });
    server.createContext("/stall", exchange -> {
      requests.incrementAndGet();
      exchange.sendResponseHeaders(200, 1000);
      exchange.getResponseBody().flush();
      awaitRelease(exchange);
    });
    server.setExecutor(handlers);
    server.start();
  }

  int port() {
    return server.getAddress().getPort();
  }

  /** A port nothing listens on: opened, then closed. */
  static int closedPort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(IP))) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void awaitRelease(HttpExchange exchange) {
    try {
      release.await(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    exchange.close();
  }

  @Override
  public void close() {
    release.countDown();
    server.stop(0);
    handlers.shutdownNow();
  }
}
