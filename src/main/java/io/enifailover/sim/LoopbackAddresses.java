package io.enifailover.sim;

import java.security.SecureRandom;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Private IPs for simulated instances in 127.0.0.0/8, which Linux routes to the loopback interface, so
 * a health endpoint can bind to each without any setup. Unique within the JVM; the second octet is
 * drawn once per JVM so that simulators in parallel test JVMs are unlikely to pick the same address.
 */
final class LoopbackAddresses {

  private static final int SECOND_OCTET = 20 + new SecureRandom().nextInt(231);
  /** Hosts .1 to .254 of each third octet: never a .0 or .255 address. */
  private static final int HOSTS_PER_OCTET = 254;
  private static final AtomicInteger NEXT = new AtomicInteger();

  private LoopbackAddresses() {}

  static String next() {
    int n = NEXT.getAndIncrement();
    if (n >= 256 * HOSTS_PER_OCTET) {
      throw new IllegalStateException("this JVM has used all " + 256 * HOSTS_PER_OCTET + " loopback addresses of 127."
          + SECOND_OCTET + ".0.0/16");
    }
    return "127." + SECOND_OCTET + "." + n / HOSTS_PER_OCTET + "." + (1 + n % HOSTS_PER_OCTET);
  }
}
