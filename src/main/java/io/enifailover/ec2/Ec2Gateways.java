package io.enifailover.ec2;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
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

  /** The gateway for {@code region}, or for the default region when it is null or blank. */
  public Ec2Gateway forRegion(String region) {
    String name = region == null || region.isBlank() ? settings.defaultRegion() : region;
    return byRegion.computeIfAbsent(name, this::create).gateway();
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
    settings.endpoint().ifPresent(builder::endpointOverride);
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
