package io.enifailover.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SlotReservationsTest {
  static final String STANDBY_1 = "i-0bbbbbbbbbbbbbbbb device index 1";
  static final String STANDBY_2 = "i-0bbbbbbbbbbbbbbbb device index 2";

  @Test
  void theFirstPairHoldsTheSlotUntilItReleases() {
    SlotReservations reservations = new SlotReservations();

    assertThat(reservations.reserve(STANDBY_1, "ns/a")).isEmpty();
    assertThat(reservations.reserve(STANDBY_1, "ns/a")).as("again, by its holder").isEmpty();
    assertThat(reservations.reserve(STANDBY_1, "ns/b")).contains("ns/a");
    assertThat(reservations.reserve(STANDBY_2, "ns/b")).as("another index of the same instance").isEmpty();

    reservations.release("ns/a");

    assertThat(reservations.reserve(STANDBY_1, "ns/c")).isEmpty();
  }

  @Test
  void aPairThatChangesItsTargetGivesUpTheSlotItHeld() {
    SlotReservations reservations = new SlotReservations();
    reservations.reserve(STANDBY_1, "ns/a");

    reservations.reserve("i-0aaaaaaaaaaaaaaaa device index 1", "ns/a");

    assertThat(reservations.reserve(STANDBY_1, "ns/b")).isEmpty();
  }
}
