package io.enifailover.plan;

import io.enifailover.model.Reason;

/** An attach EC2 refused right after the operator detached the interface: where, why, in EC2's words. */
public record RefusedAttach(String instanceId, Reason reason, String message) {}
