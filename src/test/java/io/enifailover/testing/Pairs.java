package io.enifailover.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.enifailover.api.ElasticIpSpec;
import io.enifailover.api.EniFailoverPair;
import io.enifailover.api.EniFailoverPairSpec;
import io.enifailover.api.EniFailoverPairStatus;
import io.enifailover.api.InstanceRef;
import io.enifailover.model.Side;
import io.enifailover.status.Conditions;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/** What a user does with pairs in one namespace, and waits for, through a real Fabric8 client. */
public final class Pairs {
  private final KubernetesClient client;
  private final String namespace;
  private final Duration await;

  public Pairs(KubernetesClient client, String namespace, Duration await) {
    this.client = client;
    this.namespace = namespace;
    this.await = await;
  }

  /** Creates a pair (active Primary, with the Elastic IP on the primary private IP) after {@code customize}. */
  public EniFailoverPair create(
      String name, String eni, String primary, String standby, String allocation, Consumer<EniFailoverPairSpec> customize) {
    EniFailoverPairSpec spec = new EniFailoverPairSpec();
    spec.setNetworkInterfaceId(eni);
    spec.setPrimary(new InstanceRef(primary));
    spec.setStandby(new InstanceRef(standby));
    spec.setActive(Side.Primary);
    spec.setElasticIp(new ElasticIpSpec(allocation, null));
    customize.accept(spec);
    EniFailoverPair pair = new EniFailoverPair();
    pair.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(namespace).build());
    pair.setSpec(spec);
    return client.resource(pair).create();
  }

  public EniFailoverPair get(String name) {
    return client.resources(EniFailoverPair.class).inNamespace(namespace).withName(name).get();
  }

  public EniFailoverPairStatus status(String name) {
    return get(name).getStatus();
  }

  /** Read, change, write; written again from a fresh read when the operator's status write came in between. */
  public void edit(String name, UnaryOperator<EniFailoverPair> change) {
    await("edit of " + name).atMost(await).ignoreExceptionsMatching(e -> e instanceof KubernetesClientException k && k.getCode() == 409)
        .until(() -> client.resources(EniFailoverPair.class).inNamespace(namespace).withName(name).edit(change) != null);
  }

  /** As {@code kubectl patch efp NAME --type merge -p '{"spec":{"active":"..."}}'}. */
  public void setActive(String name, Side side) {
    client.resources(EniFailoverPair.class).inNamespace(namespace).withName(name)
        .patch(PatchContext.of(PatchType.JSON_MERGE), "{\"spec\":{\"active\":\"" + side + "\"}}");
  }

  public Optional<Condition> condition(String name, String type) {
    EniFailoverPair pair = get(name);
    return pair == null || pair.getStatus() == null ? Optional.empty() : pair.getStatus().condition(type);
  }

  public boolean isReady(String name, long generation) {
    return condition(name, Conditions.READY)
        .filter(c -> "True".equals(c.getStatus()) && c.getObservedGeneration() == generation)
        .isPresent();
  }

  public String readyReason(String name) {
    return condition(name, Conditions.READY).map(Condition::getReason).orElse("");
  }

  /** Ready=True for the pair's current generation. */
  public void awaitReady(String name) {
    await("pair " + name + " Ready=True").atMost(await).until(() -> isReady(name, get(name).getMetadata().getGeneration()));
  }

  public void awaitReason(String name, String reason) {
    await("pair " + name + " Ready reason " + reason).atMost(await).until(() -> readyReason(name).equals(reason));
  }

  /** Stalled=True with {@code reason} for the current generation, and Ready=False with the same reason. */
  public Condition awaitStalled(String name, String reason) {
    await("pair " + name + " Stalled=True/" + reason)
        .atMost(await)
        .until(() -> condition(name, Conditions.STALLED)
            .filter(c -> "True".equals(c.getStatus()) && reason.equals(c.getReason())
                && c.getObservedGeneration() == get(name).getMetadata().getGeneration())
            .isPresent());
    assertThat(condition(name, Conditions.READY)).hasValueSatisfying(c -> {
      assertThat(c.getStatus()).isEqualTo("False");
      assertThat(c.getReason()).isEqualTo(reason);
    });
    return condition(name, Conditions.STALLED).orElseThrow();
  }

  public List<Event> events(String name) {
    return client.v1().events().inNamespace(namespace).list().getItems().stream()
        .filter(e -> name.equals(e.getInvolvedObject().getName()))
        .toList();
  }

  /** Deletes every pair in the namespace, so tests sharing an operator never see each other's pairs. */
  public void deleteAll() {
    client.resources(EniFailoverPair.class).inNamespace(namespace).delete();
    await().atMost(await).until(() -> client.resources(EniFailoverPair.class).inNamespace(namespace).list().getItems().isEmpty());
  }
}
