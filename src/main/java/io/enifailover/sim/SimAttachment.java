package io.enifailover.sim;

/** A network interface attachment as the simulator currently sees it; status is an EC2 attachment status. */
public record SimAttachment(String attachmentId, String instanceId, int deviceIndex, String status) {}
