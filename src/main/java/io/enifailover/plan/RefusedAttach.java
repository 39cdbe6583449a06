package io.enifailover.plan;

import io.enifailover.model.Reason;

/** An attach refused right after the operator detached the interface (by EC2, or for a slot another pair holds): where and why. */
public record RefusedAttach(String instanceId, Reason reason, String message) {}
