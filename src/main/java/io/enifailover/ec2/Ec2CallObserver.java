package io.enifailover.ec2;

/** Told about every attempt of every EC2 request, retries included. */
public interface Ec2CallObserver {
  Ec2CallObserver NONE = (action, outcome) -> {};

  /**
   * @param action the EC2 action, for example {@code DetachNetworkInterface}
   * @param outcome {@code success}, {@code throttled}, {@code client_error}, {@code server_error} or {@code no_answer}
   */
  void attempt(String action, String outcome);
}
