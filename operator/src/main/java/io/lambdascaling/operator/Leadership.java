package io.lambdascaling.operator;

import io.fabric8.kubernetes.client.extended.leaderelection.LeaderCallbacks;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Whether this replica leads, and what it does when it stops leading without being closed. */
final class Leadership {

  private static final Logger LOG = LoggerFactory.getLogger(Leadership.class);

  final AtomicBoolean leading;
  final AtomicBoolean closing = new AtomicBoolean();
  volatile Runnable onLoss = () -> {};

  Leadership(boolean leading) {
    this.leading = new AtomicBoolean(leading);
  }

  LeaderCallbacks callbacks() {
    return new LeaderCallbacks(
        () -> {
          leading.set(true);
          LOG.info("leading: this replica reconciles now");
        },
        () -> {
          leading.set(false);
          if (!closing.get()) {
            onLoss.run();
          }
        },
        leader -> LOG.info("the leader is {}", leader));
  }
}
