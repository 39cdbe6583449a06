package io.enifailover.health;

/** One side of one pair: what the operator watches. */
public record TargetKey(String namespace, String pairName, String side) {

  @Override
  public String toString() {
    return namespace + "/" + pairName + "/" + side;
  }
}
