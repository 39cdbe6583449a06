package io.enifailover.model;

/** The attachment of a network interface to an instance. */
public record Attachment(String attachmentId, String instanceId, int deviceIndex, AttachmentStatus status) {}
