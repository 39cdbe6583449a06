package io.enifailover.sim;

import java.util.concurrent.ThreadLocalRandom;

/** Generates identifiers shaped like EC2's: a prefix, a dash and 17 lowercase hex digits. */
final class Ids {

  private Ids() {}

  static String next(String prefix) {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    StringBuilder id = new StringBuilder(prefix).append('-');
    for (int i = 0; i < 17; i++) {
      id.append(Character.forDigit(random.nextInt(16), 16));
    }
    return id.toString();
  }

  /** A locally administered unicast MAC address, like those EC2 gives ENIs. */
  static String macAddress() {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    StringBuilder mac = new StringBuilder("02");
    for (int i = 0; i < 5; i++) {
      mac.append(String.format(":%02x", random.nextInt(256)));
    }
    return mac.toString();
  }
}
