package io.enifailover.sim;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;

/**
 * One connection to a health endpoint: reads a request's head, answers by the endpoint's mode and
 * closes; under HANGING it holds the request until the mode changes.
 */
final class HealthExchange {

  private static final int MAX_HEAD = 8 * 1024;

  private final SocketChannel channel;
  private final HealthEndpoint endpoint;
  private final SelectionKey key;
  private final ByteBuffer head = ByteBuffer.allocate(MAX_HEAD);
  private boolean requestRead;
  /** A HEAD request is answered without a body. */
  private boolean headOnly;
  private boolean waiting;
  private ByteBuffer response;

  HealthExchange(SocketChannel channel, HealthEndpoint endpoint, Selector selector) throws IOException {
    this.channel = channel;
    this.endpoint = endpoint;
    this.key = channel.register(selector, SelectionKey.OP_READ, this);
  }

  void ready() {
    try {
      if (key.isReadable()) {
        read();
      }
      if (key.isValid() && key.isWritable()) {
        write();
      }
    } catch (IOException e) {
      close();
    }
  }

  /** Answers a request held under HANGING. */
  void answerIfWaiting(SimHealth mode) {
    if (waiting) {
      waiting = false;
      answer(mode);
    }
  }

  void close() {
    endpoint.forget(this);
    try {
      channel.close();
    } catch (IOException e) {
      // The peer is gone either way.
    }
  }

  private void read() throws IOException {
    if (requestRead) {
      // Past the head only the peer closing matters (a probe that gave up on a hung request).
      head.clear();
    }
    if (channel.read(head) < 0) {
      close();
      return;
    }
    if (!requestRead && headComplete()) {
      requestRead = true;
      headOnly = new String(head.array(), 0, head.position(), StandardCharsets.ISO_8859_1).startsWith("HEAD ");
      if (endpoint.mode() == SimHealth.HANGING) {
        waiting = true;
      } else {
        answer(endpoint.mode());
      }
    }
  }

  private boolean headComplete() {
    String text = new String(head.array(), 0, head.position(), StandardCharsets.ISO_8859_1);
    return text.contains("\r\n\r\n") || text.contains("\n\n") || !head.hasRemaining();
  }

  private void answer(SimHealth mode) {
    String body = mode == SimHealth.SERVING ? "ok\n" : "unavailable\n";
    String status = mode == SimHealth.SERVING ? "200 OK" : "503 Service Unavailable";
    response = ByteBuffer.wrap(("HTTP/1.1 " + status + "\r\n"
        + "Content-Type: text/plain\r\n"
        + "Content-Length: " + body.length() + "\r\n"
        + "Connection: close\r\n\r\n"
        + (headOnly ? "" : body)).getBytes(StandardCharsets.ISO_8859_1));
    try {
      write();
    } catch (IOException e) {
      close();
    }
  }

  private void write() throws IOException {
    channel.write(response);
    if (response.hasRemaining()) {
      key.interestOps(SelectionKey.OP_WRITE);
    } else {
      close();
    }
  }
}
