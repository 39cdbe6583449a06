package io.enifailover.sim;

import java.util.List;

/**
 * An EC2 API error: the code and message EC2 puts in its {@code <Errors>} document, and the HTTP
 * status it answers with. Codes and messages mirror what real EC2 returns for the same mistake.
 */
final class Ec2Error extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final String code;
  private final int httpStatus;

  Ec2Error(int httpStatus, String code, String message) {
    super(message, null, false, false);
    this.code = code;
    this.httpStatus = httpStatus;
  }

  static Ec2Error client(String code, String message) {
    return new Ec2Error(400, code, message);
  }

  String code() {
    return code;
  }

  int httpStatus() {
    return httpStatus;
  }

  static Ec2Error networkInterfacesNotFound(List<String> eniIds) {
    return client("InvalidNetworkInterfaceID.NotFound", eniIds.size() == 1
        ? "The networkInterface ID '" + eniIds.get(0) + "' does not exist"
        : "The networkInterface IDs '" + String.join(", ", eniIds) + "' do not exist");
  }

  static Ec2Error instancesNotFound(List<String> instanceIds) {
    return client("InvalidInstanceID.NotFound", instanceIds.size() == 1
        ? "The instance ID '" + instanceIds.get(0) + "' does not exist"
        : "The instance IDs '" + String.join(", ", instanceIds) + "' do not exist");
  }

  static Ec2Error routeTablesNotFound(List<String> ids) {
    return client("InvalidRouteTableID.NotFound", "The routeTable ID '" + ids.get(0) + "' does not exist");
  }

  static Ec2Error allocationNotFound(String allocationId) {
    return client("InvalidAllocationID.NotFound",
        "The allocation ID '" + allocationId + "' does not exist");
  }

  static Ec2Error addressNotFound(String publicIp) {
    return client("InvalidAddress.NotFound", "Address '" + publicIp + "' not found.");
  }

  static Ec2Error attachmentNotFound(String attachmentId) {
    return client("InvalidAttachmentID.NotFound",
        "The network interface attachment ID '" + attachmentId + "' does not exist");
  }

  static Ec2Error associationNotFound(String associationId) {
    return client("InvalidAssociationID.NotFound",
        "The association ID '" + associationId + "' does not exist");
  }

  static Ec2Error invalidParameterValue(String message) {
    return client("InvalidParameterValue", message);
  }

  static Ec2Error missingParameter(String name) {
    return client("MissingParameter", "The request must contain the parameter " + name);
  }

  static Ec2Error missingAction() {
    return client("MissingAction", "The request must contain the parameter Action");
  }

  static Ec2Error invalidAction(String action) {
    return client("InvalidAction", "The action " + action + " is not valid for this web service.");
  }

  static Ec2Error requestLimitExceeded() {
    return new Ec2Error(503, "RequestLimitExceeded", "Request limit exceeded.");
  }

  static Ec2Error internalError() {
    return new Ec2Error(500, "InternalError", "An internal error has occurred");
  }

  static Ec2Error dryRunOperation() {
    return new Ec2Error(412, "DryRunOperation", "Request would have succeeded, but DryRun flag is set.");
  }

  static Ec2Error unauthorized() {
    return new Ec2Error(403, "UnauthorizedOperation",
        "You are not authorized to perform this operation.");
  }
}
