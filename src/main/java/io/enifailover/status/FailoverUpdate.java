package io.enifailover.status;

import io.enifailover.api.FailoverRecord;
import java.util.Optional;

/**
 * The failover record to show after this pass: the one in flight, or the one this pass completed.
 * Empty when no failover started or ended.
 */
public record FailoverUpdate(Optional<FailoverRecord> record, boolean completedNow) {
  public static final FailoverUpdate NONE = new FailoverUpdate(Optional.empty(), false);
}
