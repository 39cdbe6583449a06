package io.enifailover.testing;

import io.enifailover.ec2.Ec2Failure;

/** What a gateway call failed with, for tests of EC2's refusals. */
public final class Ec2Failures {
  private Ec2Failures() {}

  /** The failure {@code call} threw; a call that succeeds fails the test. */
  public static Ec2Failure failure(Runnable call) {
    try {
      call.run();
    } catch (Ec2Failure e) {
      return e;
    }
    throw new AssertionError("expected an Ec2Failure");
  }
}
