package io.lambdascaling.operator.reconciler;

import io.lambdascaling.operator.fleet.FleetException;
import java.util.concurrent.CountDownLatch;

/**
 * Deleting the functions of an experiment that is being deleted, in the background work the
 * reconciler's cleanup starts, so that the cleanup never waits on Lambda: it reads {@link
 * #finished()} and {@link #failure()} and removes the finalizer once every function is gone.
 */
final class FunctionDeletion implements Runnable {

  private final Execution execution;
  private final CountDownLatch finished = new CountDownLatch(1);
  private volatile String failure;

  /**
   * @param execution made for the experiment being deleted, never started: its functions are found
   *     by uid under the spec's prefix and the status's
   */
  FunctionDeletion(Execution execution) {
    this.execution = execution;
  }

  @Override
  public void run() {
    try {
      execution.deleteFunctions();
    } catch (FleetException | IllegalArgumentException e) {
      failure = e.getMessage();
    } catch (InterruptedException e) {
      failure = "interrupted";
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      failure = "unexpected: " + e;
    } finally {
      finished.countDown();
    }
  }

  /** True once it has ended, whether or not every function is gone. */
  boolean finished() {
    return finished.getCount() == 0;
  }

  /** Why not every function is gone, once finished; null when they all are. */
  String failure() {
    return failure;
  }
}
