package io.enifailover.sim;

/** An Elastic IP association: which ENI private address the public address currently points at. */
public record SimAssociation(String associationId, String eniId, String privateIp, String publicIp) {}
