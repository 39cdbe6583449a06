package io.enifailover.model;

/**
 * CIDR text as EC2 writes it back: an IPv6 address in RFC 5952's canonical form (lower case, no leading zeros, the
 * longest run of two or more zero groups as {@code ::}), so that a destination as a user typed it matches EC2's
 * route. Pure.
 */
public final class Cidr {
  private Cidr() {}

  /** {@code cidr} in canonical form; IPv4 and anything that is not an IPv6 CIDR come back as they are. */
  public static String canonical(String cidr) {
    int slash = cidr.indexOf('/');
    if (slash < 0 || !cidr.contains(":")) {
      return cidr;
    }
    int[] groups = groups(cidr.substring(0, slash).toLowerCase());
    return groups == null ? cidr : compressed(groups) + cidr.substring(slash);
  }

  /** The eight 16-bit groups of an IPv6 address in hex notation; null when it is not one. */
  private static int[] groups(String address) {
    String[] halves = address.split("::", -1);
    if (halves.length > 2) {
      return null;
    }
    String[] head = halves[0].isEmpty() ? new String[0] : halves[0].split(":", -1);
    String[] tail = halves.length < 2 || halves[1].isEmpty() ? new String[0] : halves[1].split(":", -1);
    int given = head.length + tail.length;
    if ((halves.length == 1 && given != 8) || (halves.length == 2 && given > 7)) {
      return null;
    }
    int[] groups = new int[8];
    for (int i = 0; i < head.length; i++) {
      groups[i] = hextet(head[i]);
    }
    for (int i = 0; i < tail.length; i++) {
      groups[8 - tail.length + i] = hextet(tail[i]);
    }
    for (int g : groups) {
      if (g < 0) {
        return null;
      }
    }
    return groups;
  }

  private static int hextet(String text) {
    return text.matches("[0-9a-f]{1,4}") ? Integer.parseInt(text, 16) : -1;
  }

  private static String compressed(int[] groups) {
    int bestStart = -1;
    int bestLength = 1;
    for (int i = 0; i < 8; ) {
      int j = i;
      while (j < 8 && groups[j] == 0) {
        j++;
      }
      if (j - i > bestLength) {
        bestStart = i;
        bestLength = j - i;
      }
      i = j == i ? i + 1 : j;
    }
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < 8; i++) {
      if (i == bestStart) {
        text.append("::");
        i += bestLength - 1;
        continue;
      }
      if (text.length() > 0 && text.charAt(text.length() - 1) != ':') {
        text.append(':');
      }
      text.append(Integer.toHexString(groups[i]));
    }
    return text.toString();
  }
}
