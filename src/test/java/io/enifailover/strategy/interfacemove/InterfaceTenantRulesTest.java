package io.enifailover.strategy.interfacemove;

import static io.enifailover.strategy.interfacemove.InterfaceMovePlannerTest.ALLOC;
import static io.enifailover.strategy.interfacemove.InterfaceMovePlannerTest.ENI;
import static io.enifailover.strategy.interfacemove.InterfaceMovePlannerTest.PRIMARY;
import static io.enifailover.strategy.interfacemove.InterfaceMovePlannerTest.SELF;
import static io.enifailover.strategy.interfacemove.InterfaceMovePlannerTest.STANDBY;
import static io.enifailover.strategy.interfacemove.InterfaceMovePlannerTest.STUCK_AFTER;
import static org.assertj.core.api.Assertions.assertThat;

import io.enifailover.plan.TenantGuard;
import io.enifailover.model.Side;
import io.enifailover.model.Address;
import io.enifailover.model.Instance;
import io.enifailover.model.PairIntent;
import io.enifailover.model.Reason;
import io.enifailover.model.Step;
import io.enifailover.strategy.interfacemove.InterfaceMovePlannerTest.World;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/** A pair may use only the resources tagged for its namespace ("payments"), and is told which lack the tag. */
class InterfaceTenantRulesTest {
  static final String TAG = TenantGuard.NAMESPACE_TAG;

  private final InterfaceMovePlanner planner = new InterfaceMovePlanner(STUCK_AFTER);

  @ParameterizedTest(name = "tag value \"{0}\" assigns to payments: {1}")
  @CsvSource(delimiter = '|', value = {
      "payments|true",
      "shop,payments|true",
      "shop, payments |true",
      "shop|false",
      "payments-old|false",
      "pay*|false",
      "''|false"})
  void theTagValueIsAListOfNamespaces(String value, boolean assigns) {
    assertThat(TenantGuard.assigns(Map.of(TAG, value), "payments")).isEqualTo(assigns);
  }

  @Test
  void noTagAssignsToNoNamespace() {
    assertThat(TenantGuard.assigns(Map.of(), "payments")).isFalse();
  }

  static Stream<Arguments> rules() {
    World all = assigned(World.inSyncOnPrimary().wanting(Side.Standby));
    return Stream.of(
        Arguments.of("everything assigned: the move", all, "Detach", ""),
        Arguments.of("interface not assigned: refused, naming it", all.withEniTags(SELF.tags()), "NotAssignedToNamespace", ENI),
        Arguments.of("interface assigned to another namespace", all.withEniTags(tags(SELF.tags(), TAG, "shop")), "NotAssignedToNamespace", "does not name namespace payments"),
        Arguments.of("standby not assigned: refused before the detach", all.withInstance(STANDBY, i -> untagged(i)), "NotAssignedToNamespace", STANDBY),
        Arguments.of("primary (the side left) not assigned: refused", all.withInstance(PRIMARY, i -> untagged(i)), "NotAssignedToNamespace", PRIMARY),
        Arguments.of("interface not assigned and unclaimed: not even claimed", all.withEniTags(Map.of()), "NotAssignedToNamespace", ENI),
        Arguments.of("Elastic IP not assigned: the interface still moves", all.withAddress(Optional.of(address(Map.of()))), "Detach", ""));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rules")
  void guardsEveryChange(String rule, World world, String expected, String named) {
    Step step = planner.next(guarded(world.intent()), world.observation(), world.progress());

    if (expected.equals("Detach")) {
      assertThat(step).isInstanceOf(Detach.class);
    } else {
      assertThat(step).isInstanceOfSatisfying(Step.Hold.class, h -> {
        assertThat(h.reason()).isEqualTo(Reason.valueOf(expected));
        assertThat(h.message()).contains(named, TAG);
      });
    }
  }

  @Test
  void anElasticIpNotAssignedIsNotAssociatedAndTheStatusSaysWhy() {
    World w = assigned(World.inSyncOnPrimary()).withoutEipOnEni().withAddress(Optional.of(address(Map.of())));

    Step step = planner.next(guarded(w.intent()), w.observation(), w.progress());

    assertThat(step).isInstanceOfSatisfying(Step.Hold.class, h -> {
      assertThat(h.reason()).isEqualTo(Reason.NotAssignedToNamespace);
      assertThat(h.message()).contains("Elastic IP " + ALLOC, "has no tag " + TAG, "associate");
    });
    assertThat(planner.next(guarded(w.intent()), w.withAddress(Optional.of(address(Map.of(TAG, "payments")))).observation(), w.progress()))
        .isInstanceOf(Associate.class);
  }

  @Test
  void anInterfaceAttachedNowhereGoesToAnAssignedInstanceEvenWhenTheOtherIsNotAssigned() {
    World w = assigned(World.inSyncOnPrimary()).detached().withEniTags(Map.of(TAG, "payments"))
        .withInstance(STANDBY, InterfaceTenantRulesTest::untagged);

    assertThat(planner.next(guarded(w.intent()), w.observation(), w.progress())).isEqualTo(new Attach(PRIMARY, 1));
    assertThat(planner.next(guarded(w.wanting(Side.Standby).intent()), w.wanting(Side.Standby).observation(), w.progress()))
        .as("not to the one that is not assigned, which is desired: to the other side instead")
        .isInstanceOfSatisfying(Attach.class, a -> {
          assertThat(a.instanceId()).isEqualTo(PRIMARY);
          assertThat(a.insteadOf()).hasValueSatisfying(why -> assertThat(why).contains(STANDBY, TAG));
        });
  }

  @Test
  void withTheGuardOffNothingIsChecked() {
    World w = World.inSyncOnPrimary().wanting(Side.Standby);

    assertThat(planner.next(w.intent(), w.observation(), w.progress())).isInstanceOf(Detach.class);
  }

  /** Every resource of the world tagged for "payments". */
  static World assigned(World w) {
    World tagged = w.withEniTags(tags(SELF.tags(), TAG, "payments"));
    for (String id : new String[] {PRIMARY, STANDBY}) {
      tagged = tagged.withInstance(id, i -> withTags(i, Map.of(TAG, "payments")));
    }
    return tagged.withAddress(Optional.of(address(Map.of(TAG, "payments"))));
  }

  static PairIntent guarded(PairIntent i) {
    return new PairIntent(i.self(), i.networkInterfaceId(), i.primaryInstanceId(), i.standbyInstanceId(), i.desired(), i.deviceIndex(),
        i.elasticIp(), i.paused(), i.forceDetachFor(), i.claimedBy(), Optional.of("payments"), i.staleClaimUid());
  }

  static Map<String, String> tags(Map<String, String> base, String key, String value) {
    Map<String, String> all = new HashMap<>(base);
    all.put(key, value);
    return all;
  }

  static Instance untagged(Instance i) {
    return withTags(i, Map.of());
  }

  static Instance withTags(Instance i, Map<String, String> tags) {
    return new Instance(i.id(), i.availabilityZone(), i.vpcId(), i.privateIp(), i.state(), i.interfaceByDeviceIndex(), i.instanceType(), i.maxInterfaces(), tags);
  }

  static Address address(Map<String, String> tags) {
    return new Address(ALLOC, "203.0.113.10", Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), tags);
  }
}
