package io.enifailover.sim;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;

/** A TCP connect probe of an instance's health endpoint, as a probe of its private IP makes it. */
final class TcpProbe {

  /** Off the default health port, which a service listening on all addresses of this machine could hold. */
  static final int HEALTH_PORT = 20_000 + (int) (ProcessHandle.current().pid() % 20_000);

  private TcpProbe() {}

  static boolean connects(String address, Duration timeout) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(address, HEALTH_PORT), (int) timeout.toMillis());
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
