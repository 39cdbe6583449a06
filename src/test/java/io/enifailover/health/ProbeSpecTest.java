package io.enifailover.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ProbeSpecTest {

  @Test
  void factoriesCarryKubernetesLikeDefaults() {
    ProbeSpec http = ProbeSpec.http(8080, null);

    assertThat(http.kind()).isEqualTo(ProbeSpec.Kind.HTTP);
    assertThat(http.path()).isEqualTo("/");
    assertThat(http.interval()).isEqualTo(Duration.ofSeconds(1));
    assertThat(http.timeout()).isEqualTo(Duration.ofSeconds(1));
    assertThat(http.failureThreshold()).isEqualTo(3);
    assertThat(http.successThreshold()).isEqualTo(2);
    assertThat(ProbeSpec.tcp(22).path()).isNull();
  }

  @Test
  void copiesChangeOneFieldOnly() {
    ProbeSpec spec = ProbeSpec.http(80, "/healthz")
        .withInterval(Duration.ofMillis(500))
        .withTimeout(Duration.ofMillis(300))
        .withFailureThreshold(5)
        .withSuccessThreshold(1);

    assertThat(spec).isEqualTo(
        new ProbeSpec(ProbeSpec.Kind.HTTP, 80, "/healthz", Duration.ofMillis(500), Duration.ofMillis(300), 5, 1));
  }

  static Stream<Arguments> invalid() {
    ProbeSpec ok = ProbeSpec.tcp(22);
    return Stream.of(
        Arguments.of((Supplier<ProbeSpec>) () -> ProbeSpec.tcp(0), "port is between 1 and 65535, not 0"),
        Arguments.of((Supplier<ProbeSpec>) () -> ProbeSpec.tcp(65536), "not 65536"),
        Arguments.of((Supplier<ProbeSpec>) () -> ProbeSpec.http(80, "healthz"), "path starts with /"),
        Arguments.of((Supplier<ProbeSpec>) () -> ProbeSpec.http(80, "/a b"), "no spaces"),
        Arguments.of((Supplier<ProbeSpec>) () -> new ProbeSpec(ProbeSpec.Kind.TCP, 22, "/", ok.interval(), ok.timeout(), 3, 2),
            "a TCP probe has no path"),
        Arguments.of((Supplier<ProbeSpec>) () -> ok.withInterval(Duration.ZERO), "interval is a positive duration"),
        Arguments.of((Supplier<ProbeSpec>) () -> ok.withTimeout(Duration.ofMillis(-1)), "timeout is a positive duration"),
        Arguments.of((Supplier<ProbeSpec>) () -> ok.withTimeout(null), "timeout is a positive duration"),
        Arguments.of((Supplier<ProbeSpec>) () -> ok.withFailureThreshold(0), "failureThreshold is at least 1, not 0"),
        Arguments.of((Supplier<ProbeSpec>) () -> ok.withSuccessThreshold(0), "successThreshold is at least 1, not 0"));
  }

  @ParameterizedTest
  @MethodSource("invalid")
  void anInvalidSpecIsRefusedWithAMessageNamingTheField(Supplier<ProbeSpec> build, String message) {
    assertThatThrownBy(build::get).isInstanceOf(IllegalArgumentException.class).hasMessageContaining(message);
  }
}
