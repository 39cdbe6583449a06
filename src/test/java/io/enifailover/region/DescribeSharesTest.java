package io.enifailover.region;

import static org.assertj.core.api.Assertions.assertThat;

import io.enifailover.sim.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The operator's describe shares: a token per 100 ids, one bucket per action, "low" below a fifth. */
class DescribeSharesTest {
  final MutableClock clock = new MutableClock(Instant.parse("2026-12-05T00:00:00Z"));
  final DescribeShares shares = new DescribeShares(now -> new TokenBucket(10, 1, now), clock);

  @Test
  void aReadTakesOneTokenPerHundredIdsOfItsOwnAction() {
    shares.paced("DescribeRouteTables", ids(250));
    shares.paced("DescribeRouteTables", ids(100));
    shares.paced("DescribeRouteTables", ids(101));

    assertThat(DescribeShares.pages(ids(0))).isZero();
    assertThat(DescribeShares.pages(ids(101))).isEqualTo(2);
    assertThat(shares.low("DescribeRouteTables")).as("3 + 1 + 2 of 10 taken: 4 left").isFalse();
    shares.paced("DescribeRouteTables", ids(200));
    assertThat(shares.low("DescribeRouteTables")).as("2 left, under a fifth of 10 or 2").isFalse();
    shares.paced("DescribeRouteTables", ids(1));
    assertThat(shares.low("DescribeRouteTables")).isTrue();
    assertThat(shares.low("DescribeNetworkInterfaces")).as("each action has its own bucket").isFalse();

    clock.advance(Duration.ofSeconds(1));
    assertThat(shares.low("DescribeRouteTables")).isFalse();
  }

  static Set<String> ids(int n) {
    return IntStream.range(0, n).mapToObj(i -> "rtb-" + i).collect(Collectors.toSet());
  }
}
