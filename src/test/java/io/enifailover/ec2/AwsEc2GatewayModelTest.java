package io.enifailover.ec2;

import static org.assertj.core.api.Assertions.assertThat;

import io.enifailover.model.Attachment;
import io.enifailover.model.AttachmentStatus;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.model.NetworkInterfaceAttachment;

/** Shapes of EC2 answers the simulator does not produce. */
class AwsEc2GatewayModelTest {

  @Test
  void anInterfaceAttachedToALoadBalancerIsHeldBySomethingThatIsNotAnInstance() {
    Attachment attachment = AwsEc2Gateway.toModel(NetworkInterfaceAttachment.builder()
        .attachmentId("ela-attach-0123456789abcdef0")
        .instanceOwnerId("amazon-elb")
        .status("attached")
        .build());

    assertThat(attachment.instanceId()).contains("amazon-elb").doesNotStartWith("i-");
    assertThat(attachment.deviceIndex()).isEqualTo(-1);
    assertThat(attachment.status()).isEqualTo(AttachmentStatus.ATTACHED);
  }
}
