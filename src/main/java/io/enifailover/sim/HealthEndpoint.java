package io.enifailover.sim;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** One instance's health endpoint: listens on its private IP while the instance runs and its mode is not REFUSING. */
final class HealthEndpoint {

  private final InetSocketAddress address;
  private final Set<HealthExchange> exchanges = new HashSet<>();
  private SimHealth mode = SimHealth.SERVING;
  private boolean running;
  private ServerSocketChannel listener;

  HealthEndpoint(InetSocketAddress address) {
    this.address = address;
  }

  SimHealth mode() {
    return mode;
  }

  void setRunning(boolean running, Selector selector) throws IOException {
    this.running = running;
    apply(selector);
  }

  void setMode(SimHealth mode, Selector selector) throws IOException {
    this.mode = mode;
    apply(selector);
  }

  void accept(Selector selector) throws IOException {
    SocketChannel channel = listener.accept();
    if (channel != null) {
      channel.configureBlocking(false);
      exchanges.add(new HealthExchange(channel, this, selector));
    }
  }

  void forget(HealthExchange exchange) {
    exchanges.remove(exchange);
  }

  void close() {
    List.copyOf(exchanges).forEach(HealthExchange::close);
    if (listener != null) {
      try {
        listener.close();
      } catch (IOException e) {
        // Closing a listening socket does not fail in a way worth reporting.
      }
      listener = null;
    }
  }

  private void apply(Selector selector) throws IOException {
    if (running && mode != SimHealth.REFUSING) {
      if (listener == null) {
        listen(selector);
      }
      if (mode != SimHealth.HANGING) {
        List.copyOf(exchanges).forEach(exchange -> exchange.answerIfWaiting(mode));
      }
    } else if (listener != null) {
      close();
      // A registered channel's socket is released only when the selector next selects: do it now, so
      // that the port refuses connections as soon as the change returns.
      selector.selectNow();
    }
  }

  private void listen(Selector selector) throws IOException {
    ServerSocketChannel channel = ServerSocketChannel.open();
    try {
      // The port is bound again each time the instance comes back, while earlier connections linger in TIME_WAIT.
      channel.setOption(StandardSocketOptions.SO_REUSEADDR, true);
      channel.bind(address);
      channel.configureBlocking(false);
      channel.register(selector, SelectionKey.OP_ACCEPT, this);
    } catch (IOException e) {
      channel.close();
      throw new IOException("cannot listen on " + address.getHostString() + ":" + address.getPort(), e);
    }
    listener = channel;
  }
}
