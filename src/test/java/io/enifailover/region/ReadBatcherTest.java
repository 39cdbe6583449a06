package io.enifailover.region;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.enifailover.ec2.Ec2Failure;
import io.enifailover.model.Reason;
import io.enifailover.region.ReadBatcher.Kind;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** How read requests become batches: one read per kind for all requests pending, each kind answered on its own. */
class ReadBatcherTest {
  final Deque<Runnable> reader = new ArrayDeque<>();
  final List<String> calls = new ArrayList<>();
  final Map<Kind, RuntimeException> failing = new java.util.EnumMap<>(Kind.class);

  ReadBatcher batcher() {
    Map<Kind, Consumer<Set<String>>> readers = new java.util.EnumMap<>(Kind.class);
    for (Kind kind : Kind.values()) {
      readers.put(kind, ids -> {
        calls.add(kind + " " + new java.util.TreeSet<>(ids));
        if (failing.containsKey(kind)) {
          throw failing.get(kind);
        }
      });
    }
    return new ReadBatcher("us-east-1", reader::add, readers);
  }

  @Test
  void requestsPendingTogetherAreOneReadPerKind() {
    ReadBatcher batcher = batcher();
    CompletableFuture<Void> a = batcher.request(Kind.ROUTE_TABLES, Set.of("rtb-1", "rtb-2"));
    CompletableFuture<Void> b = batcher.request(Kind.ROUTE_TABLES, Set.of("rtb-2", "rtb-3"));
    batcher.request(Map.of(Kind.INTERFACES, Set.of("eni-1"), Kind.ROUTE_TABLES, Set.of("rtb-4")));

    assertThat(reader).as("one read queued for all").hasSize(1);
    reader.poll().run();

    assertThat(calls).containsExactly("INTERFACES [eni-1]", "ROUTE_TABLES [rtb-1, rtb-2, rtb-3, rtb-4]");
    assertThat(a).isCompleted();
    assertThat(b).isCompleted();
  }

  @Test
  void aRequestArrivingOnceTheReadHasStartedJoinsTheNextOne() {
    ReadBatcher batcher = batcher();
    batcher.request(Kind.ROUTE_TABLES, Set.of("rtb-1"));
    Runnable first = reader.poll();
    first.run();
    CompletableFuture<Void> later = batcher.request(Kind.ROUTE_TABLES, Set.of("rtb-2"));

    assertThat(later).isNotDone();
    reader.poll().run();
    assertThat(calls).containsExactly("ROUTE_TABLES [rtb-1]", "ROUTE_TABLES [rtb-2]");
    assertThat(later).isCompleted();
  }

  @Test
  void aKindEc2RefusesFailsItselfAndTheKindsAfterItNotThoseReadBefore() {
    ReadBatcher batcher = batcher();
    Ec2Failure denied = new Ec2Failure(Reason.AccessDenied, "not authorized to DescribeInstances", "");
    failing.put(Kind.INSTANCES, denied);
    CompletableFuture<Void> interfaces = batcher.request(Kind.INTERFACES, Set.of("eni-1"));
    CompletableFuture<Void> instances = batcher.request(Kind.INSTANCES, Set.of("i-1"));
    CompletableFuture<Void> tables = batcher.request(Kind.ROUTE_TABLES, Set.of("rtb-1"));

    reader.poll().run();

    assertThat(calls).as("EC2 is not asked again in the same read").containsExactly("INTERFACES [eni-1]", "INSTANCES [i-1]");
    ReadBatcher.await(interfaces);
    assertThatThrownBy(() -> ReadBatcher.await(instances)).isSameAs(denied);
    assertThatThrownBy(() -> ReadBatcher.await(tables)).isSameAs(denied);
  }

  @Test
  void aRouteTableReadRefusedFailsNoOtherKind() {
    ReadBatcher batcher = batcher();
    failing.put(Kind.ROUTE_TABLES, new Ec2Failure(Reason.AccessDenied, "not authorized to DescribeRouteTables", ""));
    CompletableFuture<Void> interfaces = batcher.request(Kind.INTERFACES, Set.of("eni-1"));
    CompletableFuture<Void> tables = batcher.request(Kind.ROUTE_TABLES, Set.of("rtb-1"));

    reader.poll().run();

    assertThat(interfaces).isCompleted();
    assertThat(tables).isCompletedExceptionally();
  }
}
