package io.enifailover.plan;

import io.enifailover.model.Reason;

/** A change EC2 refused (or another pair's reservation held) for the instance it would put the service on: where and why. */
public record RefusedTarget(String instanceId, Reason reason, String message) {}
