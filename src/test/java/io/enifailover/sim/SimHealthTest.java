package io.enifailover.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** An instance's health endpoint as a probe sees it, over real sockets on the instance's private IP. */
class SimHealthTest {

  private static final String AZ = "us-east-1a";
  private static final String VPC = "vpc-0aaaaaaaaaaaaaaa1";
  private static final String SUBNET = "subnet-0aaaaaaaaaaaaaa1";
  private static final String INSTANCE = "i-0aaaaaaaaaaaaaaa1";
  private static final String OTHER = "i-0bbbbbbbbbbbbbbb2";
  private static final Duration SHORT = Duration.ofMillis(300);
  private static final Duration BOUND = Duration.ofSeconds(5);

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private Ec2Simulator sim;

  @BeforeEach
  void start() {
    sim = Ec2Simulator.start(SimulatorConfig.defaults().withHealthEndpoints(true).withHealthPort(TcpProbe.HEALTH_PORT));
    sim.addInstance(INSTANCE, AZ, VPC, SUBNET, SimInstanceState.RUNNING);
    sim.addInstance(OTHER, AZ, VPC, SUBNET, SimInstanceState.RUNNING);
  }

  @AfterEach
  void stop() {
    sim.close();
  }

  @Test
  void eachInstanceHasItsOwnLoopbackAddress() {
    Set<String> addresses = new HashSet<>();
    for (int i = 0; i < 300; i++) {
      String id = String.format("i-0c%015x", i);
      sim.addInstance(id, AZ, VPC, SUBNET, SimInstanceState.STOPPED);
      addresses.add(sim.privateIpOf(id));
    }

    assertThat(addresses).hasSize(300).allSatisfy(ip -> {
      assertThat(ip).startsWith("127.").isNotEqualTo("127.0.0.1").doesNotEndWith(".0").doesNotEndWith(".255");
    });
    assertThat(sim.privateIpOf(INSTANCE)).isNotEqualTo(sim.privateIpOf(OTHER));
  }

  @Test
  void aServingInstanceAnswers200OnAnyPath() throws Exception {
    assertThat(get(INSTANCE, "/").statusCode()).isEqualTo(200);
    assertThat(get(INSTANCE, "/healthz?deep=1").statusCode()).isEqualTo(200);
    assertThat(tcpConnects(INSTANCE)).isTrue();
  }

  @Test
  void aFailingInstanceAnswers503WithItsPortStillOpen() throws Exception {
    sim.setHealth(INSTANCE, SimHealth.FAILING);

    assertThat(get(INSTANCE, "/ready").statusCode()).isEqualTo(503);
    assertThat(tcpConnects(INSTANCE)).isTrue();
    assertThat(get(OTHER, "/ready").statusCode()).as("the other instance").isEqualTo(200);
  }

  @Test
  void aRefusingInstanceRefusesTcpAndHttpUntilItServesAgain() throws Exception {
    sim.setHealth(INSTANCE, SimHealth.REFUSING);

    assertThat(tcpConnects(INSTANCE)).isFalse();
    assertThatThrownBy(() -> get(INSTANCE, "/")).isInstanceOf(ConnectException.class);

    sim.setHealth(INSTANCE, SimHealth.SERVING);

    assertThat(get(INSTANCE, "/").statusCode()).isEqualTo(200);
  }

  @Test
  void aHangingInstanceAcceptsButAnswersOnlyOnceTheModeChanges() throws Exception {
    sim.setHealth(INSTANCE, SimHealth.HANGING);

    assertThat(tcpConnects(INSTANCE)).isTrue();
    assertThatThrownBy(() -> get(INSTANCE, "/")).isInstanceOf(HttpTimeoutException.class);
    CompletableFuture<HttpResponse<String>> held = getAsync(INSTANCE, BOUND);

    sim.setHealth(INSTANCE, SimHealth.FAILING);

    assertThat(held.get().statusCode()).as("the request held while hanging").isEqualTo(503);
    sim.setHealth(INSTANCE, SimHealth.SERVING);
    assertThat(get(INSTANCE, "/").statusCode()).isEqualTo(200);
  }

  @Test
  void anInstanceThatIsNotRunningRefusesWhateverItsModeAndServesWhenRunningAgain() throws Exception {
    sim.setHealth(INSTANCE, SimHealth.FAILING);
    for (SimInstanceState notRunning : new SimInstanceState[] {SimInstanceState.STOPPING, SimInstanceState.STOPPED}) {
      sim.setInstanceState(INSTANCE, notRunning);

      assertThat(tcpConnects(INSTANCE)).as(notRunning.awsName()).isFalse();
    }

    sim.setInstanceState(INSTANCE, SimInstanceState.RUNNING);

    assertThat(get(INSTANCE, "/").statusCode()).as("its mode applies again").isEqualTo(503);
    String address = sim.privateIpOf(INSTANCE);
    sim.setInstanceState(INSTANCE, SimInstanceState.TERMINATED);
    assertThat(TcpProbe.connects(address, SHORT)).as("terminated").isFalse();
  }

  @Test
  void closingTheSimulatorReleasesHungRequestsAndClosesEveryListener() throws Exception {
    sim.setHealth(INSTANCE, SimHealth.HANGING);
    CompletableFuture<HttpResponse<String>> held = getAsync(INSTANCE, Duration.ofMinutes(1));
    await().atMost(BOUND).until(() -> tcpConnects(INSTANCE));

    sim.close();

    await().atMost(BOUND).until(held::isDone);
    assertThat(held).isCompletedExceptionally();
    assertThat(tcpConnects(INSTANCE)).isFalse();
    assertThat(tcpConnects(OTHER)).isFalse();
  }

  @Test
  void withoutHealthEndpointsInstancesKeepTheirVpcAddressesAndHaveNoEndpoint() {
    try (Ec2Simulator plain = Ec2Simulator.start()) {
      plain.addInstance(INSTANCE, AZ, VPC, SUBNET, SimInstanceState.RUNNING);

      assertThat(plain.privateIpOf(INSTANCE)).startsWith("10.0.");
      assertThatThrownBy(() -> plain.setHealth(INSTANCE, SimHealth.FAILING))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("withHealthEndpoints");
    }
  }

  private HttpResponse<String> get(String instanceId, String path) throws IOException, InterruptedException {
    return http.send(request(instanceId, path, SHORT), HttpResponse.BodyHandlers.ofString());
  }

  private CompletableFuture<HttpResponse<String>> getAsync(String instanceId, Duration timeout) {
    return http.sendAsync(request(instanceId, "/", timeout), HttpResponse.BodyHandlers.ofString());
  }

  private HttpRequest request(String instanceId, String path, Duration timeout) {
    return HttpRequest.newBuilder(URI.create("http://" + sim.privateIpOf(instanceId) + ":" + TcpProbe.HEALTH_PORT + path))
        .timeout(timeout)
        .GET()
        .build();
  }

  private boolean tcpConnects(String instanceId) {
    return TcpProbe.connects(sim.privateIpOf(instanceId), SHORT);
  }
}
