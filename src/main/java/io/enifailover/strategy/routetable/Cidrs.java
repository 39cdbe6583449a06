package io.enifailover.strategy.routetable;

import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;

/** CIDR blocks, IPv4 and IPv6, as EC2 writes them in routes: enough to tell whether two blocks overlap. Pure. */
final class Cidrs {
  private Cidrs() {}

  /** A parsed block: its first address and prefix length, in the address family's bit width. */
  record Block(BigInteger base, int prefix, int bits) {
    boolean overlaps(Block other) {
      if (bits != other.bits) {
        return false;
      }
      int shortest = Math.min(prefix, other.prefix);
      return base.shiftRight(bits - shortest).equals(other.base.shiftRight(bits - shortest));
    }
  }

  /** The block a CIDR names; empty when it is not a literal IPv4 or IPv6 CIDR. */
  static Optional<Block> parse(String cidr) {
    int slash = cidr.indexOf('/');
    if (slash < 0) {
      return Optional.empty();
    }
    String host = cidr.substring(0, slash);
    boolean v6 = host.contains(":");
    if (host.isEmpty() || (!v6 && !host.matches("[0-9.]+"))) {
      return Optional.empty();
    }
    try {
      byte[] address = InetAddress.getByName(host).getAddress();
      int bits = address.length * 8;
      int prefix = Integer.parseInt(cidr.substring(slash + 1));
      if (prefix < 0 || prefix > bits || (v6 != (bits == 128))) {
        return Optional.empty();
      }
      BigInteger value = new BigInteger(1, address);
      BigInteger mask = BigInteger.ONE.shiftLeft(bits).subtract(BigInteger.ONE).shiftRight(prefix).not();
      return Optional.of(new Block(value.and(mask), prefix, bits));
    } catch (UnknownHostException | NumberFormatException e) {
      return Optional.empty();
    }
  }

  static boolean isIpv6(String cidr) {
    return cidr.contains(":");
  }

  /** True when both are CIDRs and share an address. */
  static boolean overlap(String a, String b) {
    Optional<Block> x = parse(a);
    Optional<Block> y = parse(b);
    return x.isPresent() && y.isPresent() && x.get().overlaps(y.get());
  }
}
