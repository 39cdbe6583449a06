package io.enifailover.api;

/** The shapes of the AWS ids a pair names: one definition for the CRD schema and the operator's own check. */
public final class AwsIds {
  public static final String NETWORK_INTERFACE = "^eni-[0-9a-f]{8,17}$";
  public static final String INSTANCE = "^i-[0-9a-f]{8,17}$";
  public static final String ALLOCATION = "^eipalloc-[0-9a-f]{8,17}$";
  public static final String ROUTE_TABLE = "^rtb-[0-9a-f]{8,17}$";

  private AwsIds() {}
}
