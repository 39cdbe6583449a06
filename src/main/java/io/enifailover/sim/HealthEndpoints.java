package io.enifailover.sim;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The health endpoints of a simulator's instances, one per instance on its private IP. One selector
 * thread serves them all, so a thousand instances (or a thousand hung probes) cost no more threads
 * than one. Changes run on that thread and return once applied: a probe made after
 * {@link #setMode} returns sees the new mode.
 */
final class HealthEndpoints implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(HealthEndpoints.class);

  private final int port;
  private final Selector selector;
  private final Thread loop;
  private final Queue<FutureTask<Void>> changes = new ConcurrentLinkedQueue<>();
  /** Touched only on the selector thread. */
  private final Map<String, HealthEndpoint> byInstance = new HashMap<>();
  private volatile boolean closing;

  HealthEndpoints(int port) {
    this.port = port;
    try {
      this.selector = Selector.open();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open a selector for the health endpoints", e);
    }
    this.loop = new Thread(this::serve, "ec2-simulator-health");
    loop.setDaemon(true);
    loop.start();
  }

  /** Creates the instance's endpoint on first sight; it listens only while the instance is running. */
  void instanceChanged(String instanceId, String privateIp, boolean running) {
    onLoop(() -> {
      HealthEndpoint endpoint = byInstance.get(instanceId);
      if (endpoint == null) {
        if (privateIp == null) {
          return;
        }
        endpoint = new HealthEndpoint(new InetSocketAddress(privateIp, port));
        byInstance.put(instanceId, endpoint);
      }
      endpoint.setRunning(running, selector);
    });
  }

  void setMode(String instanceId, SimHealth mode) {
    onLoop(() -> {
      HealthEndpoint endpoint = byInstance.get(instanceId);
      if (endpoint == null) {
        throw new IllegalStateException("instance " + instanceId + " has no health endpoint");
      }
      endpoint.setMode(mode, selector);
    });
  }

  /** Closes every listener and connection, which releases the requests left hanging. */
  @Override
  public void close() {
    closing = true;
    selector.wakeup();
    try {
      loop.join(5_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private interface Change {
    void apply() throws IOException;
  }

  private void onLoop(Change change) {
    FutureTask<Void> task = new FutureTask<>(() -> {
      change.apply();
      return null;
    });
    if (closing) {
      throw new IllegalStateException("the simulator is closed");
    }
    changes.add(task);
    selector.wakeup();
    try {
      task.get();
    } catch (CancellationException e) {
      throw new IllegalStateException("the simulator is closed", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while changing a health endpoint", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof IOException io) {
        throw new UncheckedIOException(io);
      }
      if (e.getCause() instanceof RuntimeException runtime) {
        throw runtime;
      }
      throw new IllegalStateException(e.getCause());
    }
  }

  private void serve() {
    try {
      while (!closing) {
        selector.select();
        for (FutureTask<Void> change = changes.poll(); change != null; change = changes.poll()) {
          change.run();
        }
        Iterator<SelectionKey> ready = selector.selectedKeys().iterator();
        while (ready.hasNext()) {
          SelectionKey key = ready.next();
          ready.remove();
          if (!key.isValid()) {
            continue;
          }
          if (key.attachment() instanceof HealthEndpoint endpoint) {
            endpoint.accept(selector);
          } else {
            ((HealthExchange) key.attachment()).ready();
          }
        }
      }
    } catch (IOException | RuntimeException e) {
      LOG.warn("the simulator's health endpoints stopped", e);
    } finally {
      closing = true;
      byInstance.values().forEach(HealthEndpoint::close);
      try {
        selector.close();
      } catch (IOException e) {
        LOG.debug("closing the health endpoints' selector", e);
      }
      changes.forEach(change -> change.cancel(false));
    }
  }
}
