package io.enifailover.api;

/** After an automatic failover: stay on the other side until a person acts, or return once spec.active's side has been healthy for a while. */
public enum FailbackMode {
  Manual,
  Automatic
}
