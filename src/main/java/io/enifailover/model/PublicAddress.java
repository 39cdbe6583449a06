package io.enifailover.model;

import java.util.Optional;

/**
 * The public IPv4 address on one private IP of an interface.
 *
 * @param allocationId empty for an address AWS assigned (not an Elastic IP)
 */
public record PublicAddress(String publicIp, Optional<String> allocationId) {}
