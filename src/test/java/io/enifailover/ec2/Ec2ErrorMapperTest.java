package io.enifailover.ec2;

import static org.assertj.core.api.Assertions.assertThat;

import io.enifailover.model.Reason;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.ec2.model.Ec2Exception;

/** Error codes EC2 documents but our simulator does not send, and failures that never reach EC2. */
class Ec2ErrorMapperTest {

  private static Ec2Failure map(String code, int status) {
    Ec2Exception e = (Ec2Exception) Ec2Exception.builder()
        .statusCode(status)
        .requestId("req-1")
        .awsErrorDetails(AwsErrorDetails.builder().errorCode(code).errorMessage("EC2 says no").build())
        .build();
    return Ec2ErrorMapper.map(e, "DescribeNetworkInterfaces", "eni-0123456789abcdef0");
  }

  @Test
  void ec2sTwoSpellingsOfIdCodesMapAlike() {
    assertThat(map("InvalidNetworkInterfaceId.Malformed", 400).reason()).isEqualTo(Reason.NetworkInterfaceNotFound);
    assertThat(map("InvalidNetworkInterfaceID.Malformed", 400).reason()).isEqualTo(Reason.NetworkInterfaceNotFound);
  }

  @Test
  void unknownCodesAreRejectedOrUnavailableByStatus() {
    assertThat(map("Gateway.NotAttached", 400).reason()).isEqualTo(Reason.Rejected);
    assertThat(map("SomethingNew", 502).reason()).isEqualTo(Reason.Ec2Unavailable);
  }

  @Test
  void theMessageNamesTheCallTheIdsAndEc2sWords() {
    assertThat(map("Gateway.NotAttached", 400).getMessage())
        .contains("DescribeNetworkInterfaces", "eni-0123456789abcdef0", "Gateway.NotAttached", "EC2 says no", "req-1");
  }

  @Test
  void missingCredentialsAreAccessDeniedNotAnOutage() {
    Ec2Failure failure = Ec2ErrorMapper.map(
        SdkClientException.create("Unable to load credentials from any of the providers in the chain"),
        "DescribeNetworkInterfaces", "eni-0123456789abcdef0");

    assertThat(failure.reason()).isEqualTo(Reason.AccessDenied);
    assertThat(failure.getMessage()).contains("no AWS credentials");
  }
}
