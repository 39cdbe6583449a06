package io.enifailover.model;

/**
 * EC2's state and status checks of one instance, as DescribeInstanceStatus reports them.
 *
 * @param impaired EC2's instance or system status check failed; false while the checks pass, are
 *     still initializing, or do not apply (an instance that is not running)
 */
public record InstanceCheck(String instanceId, InstanceState state, boolean impaired) {}
