package io.enifailover.conformance;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

/**
 * One operator per test class on a fresh moto for every test: pairs are deleted after each test (which
 * leaves EC2 as it is, as in production) and moto is reset before the next one builds its world.
 */
abstract class OperatorOnMotoBase {
  static MotoOperatorHarness h;
  MotoWorld w;

  @BeforeAll
  static void startOperator() {
    h = new MotoOperatorHarness();
  }

  @AfterAll
  static void stopOperator() {
    if (h != null) {
      h.close();
      h = null;
    }
  }

  @BeforeEach
  void freshWorld() {
    Moto.reset();
    w = MotoWorld.create(h.ec2);
    h.assign(w);
  }

  @AfterEach
  void deletePairs() {
    h.deleteAllPairs();
  }
}
