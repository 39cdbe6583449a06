package io.enifailover.api;

/**
 * The shapes of the addresses a pair names, for the CRD schema and the operator's own check. They accept only
 * the canonical form EC2 describes (decimal octets without leading zeros, lower-case hex), so that comparing a
 * declared address with EC2's is comparing strings. The schema's regular expressions run in Go's RE2 and in
 * java.util.regex alike.
 */
public final class IpPatterns {
  private static final String OCTET = "(25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])";
  private static final String V4 = "(" + OCTET + "\\.){3}" + OCTET;
  private static final String V4_CIDR = V4 + "/([0-9]|[12][0-9]|3[0-2])";
  /** Colon-separated groups of up to 4 hex digits, one empty run allowed for "::"; EC2 refuses what slips through. */
  private static final String V6_CIDR = "[0-9a-f]{0,4}(:[0-9a-f]{0,4}){2,7}/(12[0-8]|1[01][0-9]|[1-9]?[0-9])";

  /** An IPv4 address, e.g. 10.0.1.50. */
  public static final String IPV4 = "^" + V4 + "$";
  /** An IPv4 or IPv6 CIDR block, e.g. 192.168.100.10/32 or 2600:1f18:abcd::10/128. */
  public static final String CIDR = "^(" + V4_CIDR + "|" + V6_CIDR + ")$";

  private IpPatterns() {}
}
