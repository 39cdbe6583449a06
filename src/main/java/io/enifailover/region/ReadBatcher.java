package io.enifailover.region;

import io.enifailover.ec2.Ec2Failure;
import io.enifailover.model.Reason;
import java.time.Duration;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gathers read requests into batches for one reader thread: every request that arrives while a read is in
 * progress joins the next one, so a hundred pairs asking at once cost one call per hundred ids and kind.
 */
final class ReadBatcher {
  private static final Duration READ_TIMEOUT = Duration.ofSeconds(30);
  private static final Logger log = LoggerFactory.getLogger(ReadBatcher.class);

  /** The kinds of resource a batch reads, in the order it reads them. */
  enum Kind { INTERFACES, INSTANCES, ADDRESSES, ROUTE_TABLES }

  /**
   * The ids of one kind in a batch, and the requests waiting for them. Each kind has its own answer, so that a
   * kind EC2 refuses to describe (a policy without DescribeRouteTables, say) fails no request for another kind
   * read before it.
   */
  private static final class Part {
    final Set<String> ids = new HashSet<>();
    final CompletableFuture<Void> done = new CompletableFuture<>();
  }

  private final String region;
  private final Executor reader;
  private final Map<Kind, Consumer<Set<String>>> readers;
  private final Object lock = new Object();
  private Map<Kind, Part> next = newBatch();
  private boolean readQueued;

  /** @param readers reads the ids of a kind, on the reader thread (one call per 100 ids), and throws what EC2 answered instead */
  ReadBatcher(String region, Executor reader, Map<Kind, Consumer<Set<String>>> readers) {
    this.region = region;
    this.reader = reader;
    this.readers = Map.copyOf(readers);
  }

  private static Map<Kind, Part> newBatch() {
    Map<Kind, Part> batch = new EnumMap<>(Kind.class);
    for (Kind kind : Kind.values()) {
      batch.put(kind, new Part());
    }
    return batch;
  }

  /** Adds the ids to the next batch, and answers when that batch's read of their kind is over. */
  CompletableFuture<Void> request(Kind kind, Set<String> ids) {
    synchronized (lock) {
      Part part = next.get(kind);
      part.ids.addAll(ids);
      queue();
      return part.done;
    }
  }

  /** Adds ids of several kinds to the next batch at once, so that they are read in one go; nobody waits. */
  void request(Map<Kind, Set<String>> ids) {
    synchronized (lock) {
      ids.forEach((kind, some) -> next.get(kind).ids.addAll(some));
      queue();
    }
  }

  private void queue() {
    if (!readQueued) {
      readQueued = true;
      reader.execute(this::readNext);
    }
  }

  /**
   * Reads the next batch, kind after kind. A failure fails its kind and the kinds after it (EC2 is not asked
   * again in the same breath); the kinds read before it stand.
   */
  private void readNext() {
    Map<Kind, Part> batch;
    synchronized (lock) {
      batch = next;
      next = newBatch();
      readQueued = false;
    }
    RuntimeException failure = null;
    for (Map.Entry<Kind, Part> entry : batch.entrySet()) {
      Part part = entry.getValue();
      if (failure == null && !part.ids.isEmpty()) {
        try {
          readers.get(entry.getKey()).accept(part.ids);
        } catch (RuntimeException e) {
          failure = e;
          if (!(e instanceof Ec2Failure)) {
            log.atWarn().addKeyValue("region", region).addKeyValue("kind", entry.getKey()).setCause(e).log("EC2 read failed");
          }
        }
      }
      if (failure == null) {
        part.done.complete(null);
      } else {
        part.done.completeExceptionally(failure);
      }
    }
  }

  /** Waits (on a reconcile thread) for the read a request joined; EC2's failure to answer is an {@link Ec2Failure}. */
  static void await(CompletableFuture<Void> read) {
    try {
      read.get(READ_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof Ec2Failure failure) {
        throw failure;
      }
      throw new IllegalStateException(e.getCause());
    } catch (TimeoutException e) {
      throw new Ec2Failure(Reason.Ec2Unavailable, "no answer from EC2 within " + READ_TIMEOUT.toSeconds() + " s", "");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new Ec2Failure(Reason.Ec2Unavailable, "interrupted while reading EC2", "");
    }
  }
}
