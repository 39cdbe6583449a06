package io.enifailover.conformance;

import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.Ec2Client;

/**
 * The moto EC2 server the conformance suite runs against, found only through the standard
 * {@code AWS_ENDPOINT_URL_EC2} setting (what {@code .ci/moto.sh start} exports). Without it the suite fails:
 * a conformance suite that skips itself proves nothing.
 */
final class Moto {
  static final String ENDPOINT_VARIABLE = "AWS_ENDPOINT_URL_EC2";
  static final String REGION = "us-east-1";
  static final String HOW_TO_START =
      "start moto first: `bash .ci/moto.sh install && eval \"$(bash .ci/moto.sh start)\"`, then run "
          + "`mvn -B verify -Pconformance` in the same shell, and `bash .ci/moto.sh stop` afterwards";

  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private Moto() {}

  /** moto's endpoint; fails the calling test (never skips it) when the environment does not name one. */
  static URI endpoint() {
    return endpoint(System.getenv());
  }

  static URI endpoint(Map<String, String> env) {
    String value = Optional.ofNullable(env.get(ENDPOINT_VARIABLE)).map(String::trim).orElse("");
    if (value.isEmpty()) {
      return fail(ENDPOINT_VARIABLE + " is not set, so there is no moto server to run the EC2 conformance suite against; "
          + HOW_TO_START);
    }
    URI uri = URI.create(value);
    String host = uri.getHost() == null ? "" : uri.getHost();
    if (!(host.equals("127.0.0.1") || host.equals("localhost") || host.equals("[::1]") || host.equals("::1"))) {
      // The suite resets the server between tests: never aim that at anything but a local emulator.
      return fail(ENDPOINT_VARIABLE + "=" + value + " is not a local moto server (expected http://127.0.0.1:PORT); "
          + HOW_TO_START);
    }
    return uri;
  }

  /** Forgets every resource moto holds ({@code POST /moto-api/reset}). */
  static void reset() {
    URI reset = endpoint().resolve("/moto-api/reset");
    HttpRequest request =
        HttpRequest.newBuilder(reset).timeout(Duration.ofSeconds(10)).POST(HttpRequest.BodyPublishers.noBody()).build();
    try {
      HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 200) {
        fail("POST " + reset + " answered " + response.statusCode() + " " + response.body()
            + ": is " + ENDPOINT_VARIABLE + " a moto server? " + HOW_TO_START);
      }
    } catch (IOException e) {
      fail("moto does not answer at " + reset + " (" + e + "); " + HOW_TO_START);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      fail("interrupted while resetting moto");
    }
  }

  /**
   * A plain SDK client on moto for building the world and reading it back: the suite checks EC2's state
   * with this, never through the operator's own gateway.
   */
  static Ec2Client client() {
    return Ec2Client.builder()
        .region(Region.of(REGION))
        .endpointOverride(endpoint())
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("testing", "testing")))
        .build();
  }
}
