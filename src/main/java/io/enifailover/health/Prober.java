package io.enifailover.health;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.NoRouteToHostException;
import java.net.PortUnreachableException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.AsynchronousSocketChannel;
import java.nio.channels.CompletionHandler;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;

/**
 * Probes an instance's private IP without holding a thread while it waits, so that thousands of probes a
 * second cost a few threads: HTTP through one shared client, TCP through asynchronous channels. A probe
 * always completes, and normally: whatever goes wrong is a failed result that says what a human needs to
 * know.
 */
public class Prober {
  private static final Pattern IPV4 =
      Pattern.compile("((25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)");

  private final Clock clock;
  private final HttpClient http;

  public Prober(Clock clock) {
    this.clock = clock;
    // The JDK sets the connect timeout per client, not per request: the request timeout (spec.timeout)
    // bounds the connection as well, and one client serves every timeout a pair may declare.
    this.http = HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .followRedirects(HttpClient.Redirect.NEVER)
        .build();
  }

  public CompletableFuture<ProbeResult> probe(String ip, ProbeSpec spec) {
    Instant at = clock.instant();
    long started = System.nanoTime();
    if (ip == null || !IPV4.matcher(ip).matches()) {
      return CompletableFuture.completedFuture(
          ProbeResult.failed("not an IPv4 address: '" + ip + "' (instances are probed on their private IPv4)", at, Duration.ZERO));
    }
    CompletableFuture<ProbeResult> work;
    Runnable abort;
    try {
      if (spec.kind() == ProbeSpec.Kind.HTTP) {
        CompletableFuture<HttpResponse<Void>> sent = http.sendAsync(
            HttpRequest.newBuilder(URI.create("http://" + ip + ":" + spec.port() + spec.path()))
                .timeout(spec.timeout())
                .GET()
                .build(),
            HttpResponse.BodyHandlers.discarding());
        work = sent.thenApply(response -> httpResult(response.statusCode(), at, started));
        abort = () -> sent.cancel(true);
      } else {
        AsynchronousSocketChannel channel = AsynchronousSocketChannel.open();
        work = connect(channel, new InetSocketAddress(ip, spec.port()))
            .thenApply(connected -> ProbeResult.passed("connected", at, since(started)));
        abort = () -> close(channel);
        work.whenComplete((result, failure) -> close(channel));
      }
    } catch (IOException | RuntimeException e) {
      return CompletableFuture.completedFuture(ProbeResult.failed(describe(e, spec.timeout()), at, since(started)));
    }
    // The HTTP request timeout ends with the response headers; this bound also covers a body that never
    // ends and a connect that hangs, and frees what the probe holds.
    return work.orTimeout(spec.timeout().toNanos(), TimeUnit.NANOSECONDS)
        .handle((result, failure) -> {
          if (failure == null) {
            return result;
          }
          abort.run();
          return ProbeResult.failed(describe(failure, spec.timeout()), at, since(started));
        });
  }

  private static ProbeResult httpResult(int status, Instant at, long started) {
    boolean healthy = status >= 200 && status < 400;
    return new ProbeResult(healthy, "HTTP " + status, at, since(started));
  }

  private static CompletableFuture<Void> connect(AsynchronousSocketChannel channel, InetSocketAddress address) {
    CompletableFuture<Void> connected = new CompletableFuture<>();
    channel.connect(address, null, new CompletionHandler<Void, Void>() {
      @Override
      public void completed(Void result, Void attachment) {
        connected.complete(null);
      }

      @Override
      public void failed(Throwable failure, Void attachment) {
        connected.completeExceptionally(failure);
      }
    });
    return connected;
  }

  /** What went wrong, in the words a human expects from a probe. */
  static String describe(Throwable failure, Duration timeout) {
    Throwable cause = failure;
    while ((cause instanceof CompletionException || cause instanceof ExecutionException) && cause.getCause() != null) {
      cause = cause.getCause();
    }
    if (cause instanceof TimeoutException || cause instanceof HttpTimeoutException || cause instanceof CancellationException) {
      return "timed out after " + humanized(timeout);
    }
    if (cause instanceof NoRouteToHostException) {
      return "no route to host";
    }
    if (cause instanceof PortUnreachableException) {
      return "port unreachable";
    }
    String message = cause.getMessage() == null ? "" : cause.getMessage().toLowerCase(Locale.ROOT);
    if (cause instanceof ConnectException && (message.isEmpty() || message.contains("refused"))) {
      return "connection refused";
    }
    if (message.contains("no route to host")) {
      return "no route to host";
    }
    if (message.contains("network is unreachable")) {
      return "network unreachable";
    }
    return message.isEmpty() ? cause.getClass().getSimpleName() : message;
  }

  /** "1s", "1.5s", "250ms": the way the spec was written. */
  static String humanized(Duration duration) {
    long millis = duration.toMillis();
    if (millis < 1000) {
      return millis + "ms";
    }
    return millis % 1000 == 0 ? millis / 1000 + "s" : String.format(Locale.ROOT, "%.3fs", millis / 1000.0).replaceAll("0+s$", "s");
  }

  private static Duration since(long started) {
    return Duration.ofNanos(System.nanoTime() - started);
  }

  private static void close(AsynchronousSocketChannel channel) {
    try {
      channel.close();
    } catch (IOException ignored) {
      // a probe's socket: nothing to tell anyone
    }
  }
}
