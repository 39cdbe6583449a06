package io.enifailover.model;

import java.util.List;

/** The EC2 actions the operator changes things with: each has its own token bucket in EC2 and in the budget. */
public final class Ec2Actions {
  public static final String ATTACH = "AttachNetworkInterface";
  public static final String DETACH = "DetachNetworkInterface";
  public static final String ASSOCIATE = "AssociateAddress";
  public static final String CREATE_TAGS = "CreateTags";
  public static final String STOP_INSTANCES = "StopInstances";
  public static final String REPLACE_ROUTE = "ReplaceRoute";
  public static final String CREATE_ROUTE = "CreateRoute";
  public static final List<String> MUTATING =
      List.of(ATTACH, DETACH, ASSOCIATE, CREATE_TAGS, STOP_INSTANCES, REPLACE_ROUTE, CREATE_ROUTE);

  private Ec2Actions() {}
}
