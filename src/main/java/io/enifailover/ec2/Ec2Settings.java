package io.enifailover.ec2;

import java.net.URI;
import java.util.Map;
import java.util.Optional;

/**
 * Where and how to reach EC2. The endpoint follows the AWS convention: an explicit flag, else
 * {@code AWS_ENDPOINT_URL_EC2}, else {@code AWS_ENDPOINT_URL}, else the SDK's regional endpoint.
 */
public record Ec2Settings(String defaultRegion, Optional<URI> endpoint, boolean staticTestCredentials) {

  public static Optional<URI> resolveEndpoint(Optional<String> flag, Map<String, String> env) {
    return flag.or(() -> nonBlank(env.get("AWS_ENDPOINT_URL_EC2")))
        .or(() -> nonBlank(env.get("AWS_ENDPOINT_URL")))
        .map(URI::create);
  }

  private static Optional<String> nonBlank(String value) {
    return Optional.ofNullable(value).filter(v -> !v.isBlank());
  }
}
