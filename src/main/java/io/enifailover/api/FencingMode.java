package io.enifailover.api;

/** What the operator does to a failed instance before the other side takes the interface. */
public enum FencingMode {
  /** Nothing: the failed instance keeps running. */
  None,
  /** Stops the failed instance (StopInstances), so that it cannot keep serving or writing. */
  StopInstance
}
