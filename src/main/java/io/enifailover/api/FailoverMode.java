package io.enifailover.api;

/** Who moves the interface: a person editing spec.active, or also the operator when a side fails its health check. */
public enum FailoverMode {
  Manual,
  Automatic
}
