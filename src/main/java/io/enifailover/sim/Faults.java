package io.enifailover.sim;

import java.time.Duration;
import java.util.Collection;
import java.util.Objects;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** Faults injected into an {@link Ec2Simulator}: latency, throttling, server errors, denials, hung detaches. */
public final class Faults {

  private volatile Duration latency = Duration.ZERO;
  private final AtomicInteger throttleRemaining = new AtomicInteger();
  private volatile double throttleRate;
  private final java.util.Random random = new java.util.Random(20261125);
  private final AtomicInteger failRemaining = new AtomicInteger();
  private final Map<String, AtomicInteger> throttleRemainingByAction = new ConcurrentHashMap<>();
  private final Set<String> deniedActions = ConcurrentHashMap.newKeySet();
  /** Pairs of action and resource id, denied only for requests that name that resource (tag-restricted IAM). */
  private final Set<String> deniedOnResource = ConcurrentHashMap.newKeySet();
  private final Set<String> hungDetachEnis = ConcurrentHashMap.newKeySet();
  private final Set<String> hungAttachEnis = ConcurrentHashMap.newKeySet();

  Faults() {}

  /** Delays every response by {@code latency}. */
  public Faults latency(Duration latency) {
    Objects.requireNonNull(latency, "latency");
    if (latency.isNegative()) {
      throw new IllegalArgumentException("latency must not be negative: " + latency);
    }
    this.latency = latency;
    return this;
  }

  /** Each request answers 503 RequestLimitExceeded with probability {@code rate} (seeded, so runs repeat). */
  public Faults throttleRate(double rate) {
    if (rate < 0 || rate > 1) {
      throw new IllegalArgumentException("rate must be in [0, 1]: " + rate);
    }
    this.throttleRate = rate;
    return this;
  }

  /** The next {@code n} requests answer 503 RequestLimitExceeded. */
  public Faults throttleNext(int n) {
    throttleRemaining.set(requireNonNegative(n));
    return this;
  }

  /** The next {@code n} requests for {@code action} (dry runs included) answer 503 RequestLimitExceeded. */
  public Faults throttleNext(String action, int n) {
    throttleRemainingByAction.put(Objects.requireNonNull(action, "action"), new AtomicInteger(requireNonNegative(n)));
    return this;
  }

  /** The next {@code n} requests answer 500 InternalError. */
  public Faults failNext(int n) {
    failRemaining.set(requireNonNegative(n));
    return this;
  }

  /** Every request for {@code action} answers 403 UnauthorizedOperation, as if IAM denied it. */
  public Faults deny(String action) {
    deniedActions.add(Objects.requireNonNull(action, "action"));
    return this;
  }

  /** Requests for {@code action} that name {@code resourceId} answer 403 UnauthorizedOperation. */
  public Faults deny(String action, String resourceId) {
    deniedOnResource.add(Objects.requireNonNull(action, "action") + " " + Objects.requireNonNull(resourceId, "resourceId"));
    return this;
  }

  /** A non-forced detach of {@code eniId} stays {@code detaching} until a forced detach. */
  public Faults hangDetach(String eniId) {
    hungDetachEnis.add(Objects.requireNonNull(eniId, "eniId"));
    return this;
  }

  /** An attach of {@code eniId} stays {@code attaching} for ever, as one to an impaired instance can. */
  public Faults hangAttach(String eniId) {
    hungAttachEnis.add(Objects.requireNonNull(eniId, "eniId"));
    return this;
  }

  /** Removes every fault; detaches already hung stay hung until forced. */
  public Faults clear() {
    latency = Duration.ZERO;
    throttleRemaining.set(0);
    throttleRemainingByAction.clear();
    throttleRate = 0;
    failRemaining.set(0);
    deniedActions.clear();
    deniedOnResource.clear();
    hungDetachEnis.clear();
    hungAttachEnis.clear();
    return this;
  }

  Duration currentLatency() {
    return latency;
  }

  /** The fault the next request for {@code action} hits, consuming one throttle or failure if due. */
  Optional<Ec2Error> nextFault(String action, Collection<String> paramValues) {
    AtomicInteger forAction = throttleRemainingByAction.get(action);
    if (takeOne(throttleRemaining) || (forAction != null && takeOne(forAction)) || (throttleRate > 0 && randomBelow(throttleRate))) {
      return Optional.of(Ec2Error.requestLimitExceeded());
    }
    if (takeOne(failRemaining)) {
      return Optional.of(Ec2Error.internalError());
    }
    if (deniedActions.contains(action) || paramValues.stream().anyMatch(v -> deniedOnResource.contains(action + " " + v))) {
      return Optional.of(Ec2Error.unauthorized());
    }
    return Optional.empty();
  }

  private synchronized boolean randomBelow(double rate) {
    return random.nextDouble() < rate;
  }

  boolean attachHangs(String eniId) {
    return hungAttachEnis.contains(eniId);
  }

  boolean detachHangs(String eniId) {
    return hungDetachEnis.contains(eniId);
  }

  private static boolean takeOne(AtomicInteger remaining) {
    return remaining.getAndUpdate(n -> n > 0 ? n - 1 : 0) > 0;
  }

  private static int requireNonNegative(int n) {
    if (n < 0) {
      throw new IllegalArgumentException("count must not be negative: " + n);
    }
    return n;
  }
}
