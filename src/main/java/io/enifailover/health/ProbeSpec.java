package io.enifailover.health;

import java.time.Duration;
import java.util.Objects;

/**
 * How one instance is probed, with Kubernetes' probe semantics: a verdict needs {@code failureThreshold}
 * failures or {@code successThreshold} successes in a row, so that one lost packet does not move a
 * service. A timeout longer than the interval is allowed; a probe still running at the next tick makes
 * that tick skipped.
 *
 * @param path the HTTP request path ("/" by default); a TCP probe has none (null)
 */
public record ProbeSpec(
    Kind kind, int port, String path, Duration interval, Duration timeout, int failureThreshold, int successThreshold) {

  public enum Kind { TCP, HTTP }

  public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(1);
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(1);
  public static final int DEFAULT_FAILURE_THRESHOLD = 3;
  public static final int DEFAULT_SUCCESS_THRESHOLD = 2;

  public ProbeSpec {
    Objects.requireNonNull(kind, "a probe has a kind (TCP or HTTP)");
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("a probe's port is between 1 and 65535, not " + port);
    }
    if (kind == Kind.HTTP) {
      path = path == null || path.isEmpty() ? "/" : path;
      if (!path.startsWith("/") || path.chars().anyMatch(c -> c <= ' ' || c == 0x7f)) {
        throw new IllegalArgumentException("an HTTP probe's path starts with / and has no spaces or control characters: '" + path + "'");
      }
    } else if (path != null) {
      throw new IllegalArgumentException("a TCP probe has no path (got '" + path + "')");
    }
    requirePositive("interval", interval);
    requirePositive("timeout", timeout);
    if (failureThreshold < 1) {
      throw new IllegalArgumentException("a probe's failureThreshold is at least 1, not " + failureThreshold);
    }
    if (successThreshold < 1) {
      throw new IllegalArgumentException("a probe's successThreshold is at least 1, not " + successThreshold);
    }
  }

  /** A probe that passes when a TCP connection to the port is accepted. */
  public static ProbeSpec tcp(int port) {
    return new ProbeSpec(Kind.TCP, port, null, DEFAULT_INTERVAL, DEFAULT_TIMEOUT, DEFAULT_FAILURE_THRESHOLD,
        DEFAULT_SUCCESS_THRESHOLD);
  }

  /** A probe that passes on an HTTP 2xx or 3xx answer to a GET of {@code path} (redirects are not followed). */
  public static ProbeSpec http(int port, String path) {
    return new ProbeSpec(Kind.HTTP, port, path, DEFAULT_INTERVAL, DEFAULT_TIMEOUT, DEFAULT_FAILURE_THRESHOLD,
        DEFAULT_SUCCESS_THRESHOLD);
  }

  public ProbeSpec withInterval(Duration value) {
    return new ProbeSpec(kind, port, path, value, timeout, failureThreshold, successThreshold);
  }

  public ProbeSpec withTimeout(Duration value) {
    return new ProbeSpec(kind, port, path, interval, value, failureThreshold, successThreshold);
  }

  public ProbeSpec withFailureThreshold(int value) {
    return new ProbeSpec(kind, port, path, interval, timeout, value, successThreshold);
  }

  public ProbeSpec withSuccessThreshold(int value) {
    return new ProbeSpec(kind, port, path, interval, timeout, failureThreshold, value);
  }

  private static void requirePositive(String name, Duration value) {
    if (value == null || value.isNegative() || value.isZero()) {
      throw new IllegalArgumentException("a probe's " + name + " is a positive duration, not " + value);
    }
  }
}
