package io.enifailover.region;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** EC2's bucket arithmetic: a burst of the capacity, then the refill rate, never above the capacity. */
class TokenBucketTest {
  static final Instant T0 = Instant.parse("2026-11-25T00:00:00Z");

  @Test
  void aFullBucketServesItsCapacityAtOnceThenRefills() {
    TokenBucket bucket = new TokenBucket(50, 5, T0);

    int served = 0;
    while (bucket.tryTake(T0)) {
      served++;
    }

    assertThat(served).isEqualTo(50);
    assertThat(bucket.untilAvailable(T0, 0)).isEqualTo(Duration.ofMillis(200));
    assertThat(bucket.tryTake(T0.plusMillis(199))).isFalse();
    assertThat(bucket.tryTake(T0.plusMillis(400))).isTrue();
  }

  @Test
  void refillStopsAtTheCapacity() {
    TokenBucket bucket = new TokenBucket(10, 5, T0);
    bucket.tryTake(T0);

    assertThat(bucket.tokens(T0.plusSeconds(3600))).isEqualTo(10);
  }

  @Test
  void aReserveKeepsTokensForOthers() {
    TokenBucket bucket = new TokenBucket(3, 1, T0);

    assertThat(bucket.tryTake(T0, 2)).isTrue();
    assertThat(bucket.tryTake(T0, 2)).as("two left, both reserved").isFalse();
    assertThat(bucket.tryTake(T0, 0)).isTrue();
    assertThat(bucket.untilAvailable(T0, 2)).isEqualTo(Duration.ofSeconds(2));
  }
}
