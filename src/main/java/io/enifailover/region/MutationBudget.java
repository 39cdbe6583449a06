package io.enifailover.region;

import io.enifailover.model.Ec2Actions;
import io.enifailover.model.Step;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The region's share of EC2's mutating buckets, and the order in which pairs get it. EC2 throttles each
 * action on its own bucket, so the operator keeps one per action it sends. A service that is down comes
 * first: attaching an interface takes any attach token, while starting a move (the attach's dry run, then
 * the detach) leaves one attach token per move already waiting to attach, and starts only while fewer
 * than the cap of moves are in flight, so that the number of services attached to nothing at once is
 * bounded. A pair refused a token is told when to come back; no thread waits for one.
 */
public final class MutationBudget {
  private final Function<Instant, TokenBucket> newBucket;
  private final int movesInFlightCap;
  private final Clock clock;
  private final Map<String, TokenBucket> buckets = new HashMap<>();
  /** Interfaces the operator detached and has not seen attached again: services down, or about to be. */
  private final Map<String, Instant> moving = new ConcurrentHashMap<>();
  /** Interfaces whose pair was last told to wait, with the action it waits for. */
  private final Map<String, String> waiting = new ConcurrentHashMap<>();
  /** When each pair waiting its turn may come back, and for which action, by move key. */
  private final Map<String, Turn> turns = new HashMap<>();

  private record Turn(String action, Instant at) {}
  /** A turn starts this long after its token is due, so that the pair never comes a hair early. */
  private static final Duration TURN_MARGIN = Duration.ofMillis(2);

  private record Need(String action, int reserve) {}

  public MutationBudget(Function<Instant, TokenBucket> newBucket, int movesInFlightCap, Clock clock) {
    if (movesInFlightCap < 1) {
      throw new IllegalArgumentException("the cap of moves in flight is at least 1: " + movesInFlightCap);
    }
    this.newBucket = newBucket;
    this.movesInFlightCap = movesInFlightCap;
    this.clock = clock;
  }

  /** What {@link #admit} would answer now, taking nothing: a pair told to wait spends no read on a fresh plan. */
  public Optional<Duration> wouldWait(Step.Change step, String moveKey) {
    return decide(step, moveKey, false);
  }

  /** Empty: the change may be sent now (its tokens are taken). Otherwise: how long until it may be tried again. */
  public Optional<Duration> admit(Step.Change step, String moveKey) {
    Optional<Duration> wait = decide(step, moveKey, true);
    if (wait.isPresent()) {
      waiting.put(moveKey, mainAction(step));
    } else {
      waiting.remove(moveKey);
      synchronized (this) {
        turns.remove(moveKey);
      }
    }
    return wait;
  }

  /**
   * How long until the pair's turn at {@code step}'s action. Pairs told to wait come back one refill apart, in
   * the order they asked, instead of all at once when a token is back (when one of them gets it and the others
   * are told to wait again, a thousand pairs' claims take many times the bucket's bound). A pair keeps its
   * turn until it comes; one whose turn came and found the token taken queues again at the end.
   */
  public synchronized Duration turn(Step.Change step, String moveKey) {
    Instant now = clock.instant();
    String action = mainAction(step);
    // Counted as queued until admitted: the queue's metric and alert see pairs waiting their turn.
    waiting.put(moveKey, action);
    Turn mine = turns.get(moveKey);
    if (mine != null && mine.at().isAfter(now)) {
      return Duration.between(now, mine.at());
    }
    TokenBucket bucket = bucket(action);
    Instant at = now.plus(bucket.untilAvailable(now, 0));
    // The queue's end is the latest turn still held: turns given up (a pair deleted, or admitted early) free their place.
    Optional<Instant> last = turns.values().stream().filter(t -> t.action().equals(action) && t.at().isAfter(now))
        .map(t -> t.at().minus(TURN_MARGIN)).max(Instant::compareTo);
    Instant afterLast = last.map(l -> l.plusNanos((long) Math.ceil(1e9 / bucket.refillPerSecond()))).orElse(at);
    at = afterLast.isAfter(at) ? afterLast : at;
    turns.put(moveKey, new Turn(action, at.plus(TURN_MARGIN)));
    return Duration.between(now, at.plus(TURN_MARGIN));
  }

  private synchronized Optional<Duration> decide(Step.Change step, String moveKey, boolean take) {
    Instant now = clock.instant();
    boolean newMove = step.startsMove() && !moving.containsKey(moveKey);
    if (newMove && moving.size() >= movesInFlightCap) {
      return Optional.of(Duration.ofMillis(500));
    }
    // A new move leaves a token per move in flight for that move to finish; a repeat or a forced change finishes one already counted.
    Optional<Duration> wait = take(now, take, step.draws().stream()
        .map(d -> new Need(d.action(), newMove && d.reservedForMoves() ? moving.size() : 0)).toArray(Need[]::new));
    if (wait.isEmpty() && take && newMove && !(step instanceof Step.Fence)) {
      moving.put(moveKey, now);
    }
    return wait;
  }

  /** EC2 throttled {@code step} despite the budget (another tool spent the bucket): the operator's share is spent too. */
  public synchronized void throttled(Step.Change step) {
    bucket(mainAction(step)).drain(clock.instant());
  }

  /** The pair is gone, or stopped moving: its move no longer counts. */
  public void moveEnded(String interfaceId) {
    moving.remove(interfaceId);
  }

  /** The interface's pair is no longer waiting for a token. */
  public void notWaiting(String interfaceId) {
    waiting.remove(interfaceId);
  }

  /** The pair is gone: nothing of it is counted or kept. */
  public synchronized void forget(String moveKey) {
    moveEnded(moveKey);
    waiting.remove(moveKey);
    turns.remove(moveKey);
  }

  /**
   * EC2 showed the interface attached (or attaching) on a read at {@code readAt}: its move has ended if that
   * read came after the move started (an older view still shows where it was).
   */
  public void seenAttached(String interfaceId, Instant readAt) {
    moving.computeIfPresent(interfaceId, (id, since) -> readAt.isAfter(since) ? null : since);
  }

  public int movesInFlight() {
    return moving.size();
  }

  public int movesInFlightCap() {
    return movesInFlightCap;
  }

  /** Pairs last told to wait for {@code action}'s bucket. */
  public int queued(String action) {
    return (int) waiting.values().stream().filter(action::equals).count();
  }

  public synchronized double tokens(String action) {
    return bucket(action).tokens(clock.instant());
  }

  private Optional<Duration> take(Instant now, boolean take, Need... needs) {
    Duration longest = Duration.ZERO;
    // A change drawing twice on one bucket (a dry run, then the call) needs a token for each.
    Map<String, Integer> before = new HashMap<>();
    for (Need need : needs) {
      int earlier = before.merge(need.action(), 1, Integer::sum) - 1;
      Duration wait = bucket(need.action()).untilAvailable(now, need.reserve() + earlier);
      longest = wait.compareTo(longest) > 0 ? wait : longest;
    }
    if (!longest.isZero()) {
      return Optional.of(longest);
    }
    for (int i = 0; take && i < needs.length; i++) {
      bucket(needs[i].action()).tryTake(now);
    }
    return Optional.empty();
  }

  private TokenBucket bucket(String action) {
    return buckets.computeIfAbsent(action, a -> newBucket.apply(clock.instant()));
  }

  /** The action the change is sent as: its last draw (the ones before it are dry runs). */
  private static String mainAction(Step.Change step) {
    return step.draws().get(step.draws().size() - 1).action();
  }
}
