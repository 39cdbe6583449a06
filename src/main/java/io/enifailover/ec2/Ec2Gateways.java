package io.enifailover.ec2;

import java.time.Duration;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import io.enifailover.model.Reason;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.Ec2ClientBuilder;

/**
 * One gateway per region, each on one long-lived SDK client.
 *
 * <p>Retry mode STANDARD: up to 3 attempts with jittered exponential backoff, a longer backoff for
 * throttling, and retries only of transient errors. The operator re-plans from a fresh observation
 * after a failure anyway, so more attempts would only delay the report.
 */
public final class Ec2Gateways implements AutoCloseable {
  private final Ec2Settings settings;
  private final Ec2CallObserver observer;
  private final Map<String, ClientAndGateway> byRegion = new ConcurrentHashMap<>();

  private record ClientAndGateway(Ec2Client client, Ec2Gateway gateway) {}

  public Ec2Gateways(Ec2Settings settings) {
    this(settings, Ec2CallObserver.NONE);
  }

  public Ec2Gateways(Ec2Settings settings, Ec2CallObserver observer) {
    this.settings = settings;
    this.observer = observer;
  }

  /**
   * The gateway for {@code region}, or for the default region when it is null or blank. A region the
   * SDK does not know (a typo) is refused at once with {@link Reason#InvalidRegion} rather than tried
   * until the SDK's retries give up on an endpoint that does not exist.
   */
  public Ec2Gateway forRegion(String region) {
    String name = region == null || region.isBlank() ? settings.defaultRegion() : region;
    if (!name.equals(settings.defaultRegion()) && !KNOWN_REGIONS.contains(name)) {
      throw new Ec2Failure(Reason.InvalidRegion, String.format(
          "spec.region '%s' is not an AWS region%s; correct spec.region (a region newer than this operator needs a newer release)",
          name, closest(name).map(r -> " (did you mean " + r + "?)").orElse("")), "");
    }
    return byRegion.computeIfAbsent(name, this::create).gateway();
  }

  private static final Set<String> KNOWN_REGIONS =
      Region.regions().stream().map(Region::id).collect(Collectors.toUnmodifiableSet());

  /** The known region one or two typing mistakes away, if there is exactly one nearest. */
  static Optional<String> closest(String name) {
    return KNOWN_REGIONS.stream()
        .filter(r -> editDistance(r, name) <= 2)
        .min(Comparator.comparingInt((String r) -> editDistance(r, name)).thenComparing(r -> r));
  }

  private static int editDistance(String a, String b) {
    int[] previous = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      int[] current = new int[b.length() + 1];
      current[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
        current[j] = Math.min(substitution, Math.min(previous[j] + 1, current[j - 1] + 1));
      }
      previous = current;
    }
    return previous[b.length()];
  }

  private ClientAndGateway create(String region) {
    Ec2ClientBuilder builder =
        Ec2Client.builder()
            .region(Region.of(region))
            .credentialsProvider(credentials())
            .overrideConfiguration(
                ClientOverrideConfiguration.builder()
                    .retryStrategy(RetryMode.STANDARD)
                    .apiCallAttemptTimeout(Duration.ofSeconds(5))
                    .apiCallTimeout(Duration.ofSeconds(20))
                    .addExecutionInterceptor(new ObservingInterceptor(observer))
                    .build());
    // The endpoint override (moto, the simulator, a VPC endpoint) is the default region's: a client of
    // another region sent there would sign for the wrong region.
    if (region.equals(settings.defaultRegion())) {
      settings.endpoint().ifPresent(builder::endpointOverride);
    }
    Ec2Client client = builder.build();
    return new ClientAndGateway(client, new AwsEc2Gateway(client));
  }

  private AwsCredentialsProvider credentials() {
    if (settings.staticTestCredentials()) {
      return StaticCredentialsProvider.create(AwsBasicCredentials.create("testing", "testing"));
    }
    return DefaultCredentialsProvider.builder().build();
  }

  @Override
  public void close() {
    byRegion.values().forEach(c -> c.client().close());
    byRegion.clear();
  }
}
