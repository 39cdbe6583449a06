package io.enifailover.ec2;

import io.enifailover.model.Reason;
import java.util.Map;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;

/** Maps EC2 error codes to our reasons, and writes the message that names the call and the ids. */
final class Ec2ErrorMapper {
  private static final Map<String, Reason> BY_CODE = caseInsensitive(
      Map.ofEntries(
          Map.entry("UnauthorizedOperation", Reason.AccessDenied),
          Map.entry("AuthFailure", Reason.AccessDenied),
          Map.entry("InvalidClientTokenId", Reason.AccessDenied),
          Map.entry("MissingAuthenticationToken", Reason.AccessDenied),
          Map.entry("PendingVerification", Reason.AccessDenied),
          Map.entry("AccessDenied", Reason.AccessDenied),
          Map.entry("Blocked", Reason.AccessDenied),
          Map.entry("OptInRequired", Reason.AccessDenied),
          Map.entry("RequestLimitExceeded", Reason.Throttled),
          Map.entry("Throttling", Reason.Throttled),
          Map.entry("ThrottlingException", Reason.Throttled),
          Map.entry("InternalError", Reason.Ec2Unavailable),
          Map.entry("InternalFailure", Reason.Ec2Unavailable),
          Map.entry("ServiceUnavailable", Reason.Ec2Unavailable),
          Map.entry("Unavailable", Reason.Ec2Unavailable),
          Map.entry("InvalidNetworkInterfaceID.NotFound", Reason.NetworkInterfaceNotFound),
          Map.entry("InvalidNetworkInterfaceID.Malformed", Reason.NetworkInterfaceNotFound),
          Map.entry("InvalidInstanceID.NotFound", Reason.InstanceNotFound),
          Map.entry("InvalidInstanceID.Malformed", Reason.InstanceNotFound),
          Map.entry("InvalidAllocationID.NotFound", Reason.ElasticIpNotFound),
          Map.entry("Resource.AlreadyAssociated", Reason.ElasticIpAssociatedElsewhere),
          // The state EC2 answered about changed since we observed it: observe again and re-plan.
          Map.entry("InvalidAttachmentID.NotFound", Reason.Conflict),
          Map.entry("InvalidAssociationID.NotFound", Reason.Conflict),
          Map.entry("InvalidNetworkInterface.InUse", Reason.Conflict),
          Map.entry("IncorrectState", Reason.Conflict),
          Map.entry("IncorrectInstanceState", Reason.Conflict)));

  // EC2 spells some codes with "Id" and others with "ID" (InvalidNetworkInterfaceId.Malformed).
  private static Map<String, Reason> caseInsensitive(Map<String, Reason> byCode) {
    Map<String, Reason> map = new java.util.TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    map.putAll(byCode);
    return java.util.Collections.unmodifiableMap(map);
  }

  private Ec2ErrorMapper() {}

  static Ec2Failure map(SdkException e, String action, String subject) {
    if (e instanceof AwsServiceException service && service.awsErrorDetails() != null) {
      String code = service.awsErrorDetails().errorCode();
      String awsMessage = service.awsErrorDetails().errorMessage();
      Reason reason = BY_CODE.getOrDefault(code, service.statusCode() >= 500 ? Reason.Ec2Unavailable : Reason.Rejected);
      String advice = reason == Reason.AccessDenied ? "; grant ec2:" + action + " to the operator's IAM role" : "";
      String message =
          String.format(
              "EC2 %s for %s failed: %s: %s (request %s)%s",
              action, subject, code, awsMessage, service.requestId(), advice);
      return new Ec2Failure(reason, message, code);
    }
    if (String.valueOf(e.getMessage()).startsWith("Unable to load credentials")) {
      return new Ec2Failure(
          Reason.AccessDenied,
          String.format("EC2 %s for %s was not sent: the operator has no AWS credentials (IRSA, EKS Pod Identity, environment or profile)", action, subject),
          "");
    }
    return new Ec2Failure(
        Reason.Ec2Unavailable, String.format("EC2 %s for %s got no answer: %s", action, subject, e.getMessage()), "");
  }
}
