package io.enifailover.health;

import static io.enifailover.health.ProbeTargets.IP;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Probes against real sockets on the loopback address. */
class ProberTest {
  static final Instant T0 = Instant.parse("2026-11-25T00:00:00Z");

  private final ProbeTargets targets = new ProbeTargets();
  private final Prober prober = new Prober(Clock.fixed(T0, ZoneOffset.UTC));

  @AfterEach
  void releaseTheServer() {
    targets.close();
  }

  private ProbeResult probe(String ip, ProbeSpec spec) throws Exception {
    // Bounded well above any timeout used here: a probe that never completes fails the test.
    return prober.probe(ip, spec).get(10, TimeUnit.SECONDS);
  }

  @ParameterizedTest(name = "HTTP {0} is healthy: {1}")
  @CsvSource({"200, true", "204, true", "302, true", "404, false", "500, false", "503, false"})
  void twoHundredsAndThreeHundredsAreHealthy(int status, boolean healthy) throws Exception {
    targets.answer.set(status);

    ProbeResult result = probe(IP, ProbeSpec.http(targets.port(), "/status"));

    assertThat(result.success()).isEqualTo(healthy);
    assertThat(result.detail()).isEqualTo("HTTP " + status);
    assertThat(result.at()).isEqualTo(T0);
  }

  @Test
  void aRedirectIsNotFollowed() throws Exception {
    targets.answer.set(302);

    ProbeResult result = probe(IP, ProbeSpec.http(targets.port(), "/status"));

    assertThat(result.detail()).isEqualTo("HTTP 302");
    assertThat(targets.requests).as("/elsewhere answers 503 and was never asked").hasValue(1);
  }

  @Test
  void aServerThatNeverAnswersTimesOut() throws Exception {
    ProbeResult result = probe(IP, ProbeSpec.http(targets.port(), "/hang").withTimeout(Duration.ofMillis(300)));

    assertThat(result.success()).isFalse();
    assertThat(result.detail()).isEqualTo("timed out after 300ms");
    assertThat(result.took()).isBetween(Duration.ofMillis(300), Duration.ofSeconds(3));
  }

  @Test
  void aBodyThatNeverEndsTimesOut() throws Exception {
    ProbeResult result = probe(IP, ProbeSpec.http(targets.port(), "/stall").withTimeout(Duration.ofMillis(300)));

    assertThat(result.success()).isFalse();
    assertThat(result.detail()).isEqualTo("timed out after 300ms");
    assertThat(result.took()).as("the JDK's request timeout stops at the headers").isLessThan(Duration.ofSeconds(3));
  }

  @ParameterizedTest
  @ValueSource(strings = {"HTTP", "TCP"})
  void aClosedPortIsRefused(ProbeSpec.Kind kind) throws Exception {
    int port = ProbeTargets.closedPort();
    ProbeSpec spec = kind == ProbeSpec.Kind.HTTP ? ProbeSpec.http(port, "/") : ProbeSpec.tcp(port);

    ProbeResult result = probe(IP, spec);

    assertThat(result.success()).isFalse();
    assertThat(result.detail()).isEqualTo("connection refused");
  }

  @Test
  void anAcceptedConnectionIsAHealthyTcpProbe() throws Exception {
    try (ServerSocket listening = new ServerSocket(0, 50, InetAddress.getByName(IP))) {
      ProbeResult result = probe(IP, ProbeSpec.tcp(listening.getLocalPort()));

      assertThat(result.success()).isTrue();
      assertThat(result.detail()).isEqualTo("connected");
      assertThat(result.at()).isEqualTo(T0);
    }
  }

  @Test
  void aTcpConnectThatHangsTimesOutAndFreesItsSocket() throws Exception {
    // A listener that never accepts and whose queue is full: the kernel drops further handshakes.
    try (ServerSocket full = new ServerSocket(0, 1, InetAddress.getByName(IP))) {
      List<Socket> queued = new ArrayList<>();
      try {
        boolean hanging = false;
        for (int i = 0; i < 16 && !hanging; i++) {
          Socket socket = new Socket();
          queued.add(socket);
          try {
            socket.connect(full.getLocalSocketAddress(), 200);
          } catch (SocketTimeoutException e) {
            hanging = true;
          }
        }
        Assumptions.assumeTrue(hanging, "this kernel accepts handshakes beyond a full queue");

        ProbeResult result = probe(IP, ProbeSpec.tcp(full.getLocalPort()).withTimeout(Duration.ofMillis(300)));

        assertThat(result.success()).isFalse();
        assertThat(result.detail()).isEqualTo("timed out after 300ms");
        assertThat(result.took()).isBetween(Duration.ofMillis(300), Duration.ofSeconds(3));
      } finally {
        for (Socket socket : queued) {
          socket.close();
        }
      }
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"localhost", "::1", "10.0.1.256", "10.0.1", "10.0.1.25 ", "010.0.1.25", ""})
  void onlyAnIpv4LiteralIsProbed(String ip) throws Exception {
    ProbeResult result = probe(ip, ProbeSpec.http(targets.port(), "/status"));

    assertThat(result.success()).isFalse();
    assertThat(result.detail()).startsWith("not an IPv4 address: '" + ip + "'");
    assertThat(targets.requests).hasValue(0);
  }

  @Test
  void timeoutsReadAsTheyWereWritten() {
    assertThat(Prober.humanized(Duration.ofSeconds(1))).isEqualTo("1s");
    assertThat(Prober.humanized(Duration.ofMillis(1500))).isEqualTo("1.5s");
    assertThat(Prober.humanized(Duration.ofMillis(250))).isEqualTo("250ms");
  }
}
