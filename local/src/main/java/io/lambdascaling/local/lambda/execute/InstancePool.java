package io.lambdascaling.local.lambda.execute;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.Semaphore;

/**
 * The instances of one function: the slots that bound how many run at once, the warm ones waiting
 * for work, and the epoch that moves on when the function changes or goes, so that instances of an
 * older epoch never serve again. The caller stops the instances this hands back.
 */
final class InstancePool {

  final Semaphore slots;
  private final Deque<FunctionInstance> idle = new ArrayDeque<>();
  private long epoch;

  InstancePool(int functionConcurrency) {
    this.slots = new Semaphore(functionConcurrency, true);
  }

  /** Read before an invocation: a retire from then on makes its instance stop after use. */
  synchronized long epoch() {
    return epoch;
  }

  /** A warm, live instance for this revision, or null; the others taken on the way go to stale. */
  synchronized FunctionInstance takeIdle(long revision, List<FunctionInstance> stale) {
    while (!idle.isEmpty()) {
      FunctionInstance candidate = idle.pop();
      if (candidate.function.revision() == revision && candidate.alive()) {
        return candidate;
      }
      stale.add(candidate);
    }
    return null;
  }

  /**
   * After an invocation: keeps the instance warm when it is alive and its epoch still current;
   * false when it must stop.
   */
  synchronized boolean keep(FunctionInstance instance, boolean alive, long startedEpoch) {
    boolean keep = alive && instance.alive() && epoch == startedEpoch;
    if (keep) {
      instance.idleSinceNanos = System.nanoTime();
      idle.push(instance);
    }
    return keep;
  }

  /** The function changed or went: a new epoch, and the idle instances to stop. */
  synchronized List<FunctionInstance> retire() {
    epoch++;
    List<FunctionInstance> out = new ArrayList<>(idle);
    idle.clear();
    return out;
  }

  /** Removes and returns the idle instances past the timeout, and any that died. */
  synchronized List<FunctionInstance> expired(long nowNanos, long idleTimeoutNanos) {
    List<FunctionInstance> expired = new ArrayList<>();
    idle.removeIf(
        i -> {
          boolean old = nowNanos - i.idleSinceNanos > idleTimeoutNanos;
          if (old || !i.alive()) {
            expired.add(i);
          }
          return old || !i.alive();
        });
    return expired;
  }

  synchronized void clear() {
    idle.clear();
  }
}
