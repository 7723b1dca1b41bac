package io.lambdascaling.operator.reconciler;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.javaoperatorsdk.operator.api.reconciler.DeleteControl;
import io.lambdascaling.api.v1alpha1.ExperimentSpec;
import io.lambdascaling.api.v1alpha1.LambdaScalingExperiment;
import io.lambdascaling.operator.config.OperatorConfig;
import io.lambdascaling.operator.fleet.ControlPlane;
import io.lambdascaling.operator.fleet.Fleet;
import io.lambdascaling.operator.fleet.FunctionPackage;
import io.lambdascaling.operator.journal.AttemptStore;
import io.lambdascaling.operator.metrics.ExperimentMetrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.DeleteFunctionRequest;
import software.amazon.awssdk.services.lambda.model.DeleteFunctionResponse;
import software.amazon.awssdk.services.lambda.model.LambdaException;
import software.amazon.awssdk.services.lambda.model.ListFunctionsRequest;
import software.amazon.awssdk.services.lambda.model.ListFunctionsResponse;
import software.amazon.awssdk.services.lambda.model.ListTagsRequest;
import software.amazon.awssdk.services.lambda.model.ListTagsResponse;

/**
 * The reconciler's cleanup never waits on Lambda: it starts deleting the experiment's functions in
 * the background and returns at once, keeps the finalizer while the deletion runs or after it
 * failed (trying again), and removes it once every function is gone.
 */
class CleanupTest {

  private static final String UID = "uid-cleanup";

  private final ExecutorService background = Executors.newCachedThreadPool();
  private final KubernetesClient unreachable =
      new KubernetesClientBuilder()
          .withConfig(
              new ConfigBuilder()
                  .withMasterUrl("https://127.0.0.1:1")
                  .withRequestRetryBackoffLimit(0)
                  .withConnectionTimeout(200)
                  .build())
          .build();

  @AfterEach
  void stop() {
    background.shutdownNow();
    unreachable.close();
  }

  /** Lists one function of the experiment: after a failure first, then only once let through. */
  private static final class SlowLambda implements LambdaClient {
    final AtomicInteger lists = new AtomicInteger();
    final CountDownLatch letThrough = new CountDownLatch(1);
    final List<String> deleted = new CopyOnWriteArrayList<>();

    @Override
    public ListFunctionsResponse listFunctions(ListFunctionsRequest request) {
      if (lists.incrementAndGet() == 1) {
        throw (LambdaException) LambdaException.builder().statusCode(503).message("down").build();
      }
      try {
        letThrough.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return ListFunctionsResponse.builder()
          .functions(
              f ->
                  f.functionName("lse-cleanup-a")
                      .functionArn("arn:aws:lambda:us-east-1:1:function:lse-cleanup-a"))
          .build();
    }

    @Override
    public ListTagsResponse listTags(ListTagsRequest request) {
      return ListTagsResponse.builder().tags(Map.of("lambdascaling.io/uid", UID)).build();
    }

    @Override
    public DeleteFunctionResponse deleteFunction(DeleteFunctionRequest request) {
      deleted.add(request.functionName());
      return DeleteFunctionResponse.builder().build();
    }

    @Override
    public String serviceName() {
      return SERVICE_NAME;
    }

    @Override
    public void close() {}
  }

  /** Calls cleanup, as JOSDK would again, until it answers other than "still deleting". */
  private static DeleteControl awaitAnswer(
      ExperimentReconciler reconciler, LambdaScalingExperiment e) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    DeleteControl c = reconciler.cleanup(e, null);
    while (!c.isRemoveFinalizer()
        && c.getScheduleDelay().equals(Optional.of(Deletions.RECHECK_MS))
        && System.nanoTime() < deadline) {
      Thread.sleep(20);
      c = reconciler.cleanup(e, null);
    }
    return c;
  }

  @Test
  @Timeout(30) // a cleanup that waited on the hanging ListFunctions would never return
  void cleanup_returns_while_lambda_is_slow_or_down_and_removes_the_finalizer_once_all_are_gone()
      throws InterruptedException {
    SlowLambda lambda = new SlowLambda();
    OperatorConfig config = OperatorConfig.fromEnvironment(Map.of());
    // One attempt per call: a refused ListFunctions fails the deletion at once.
    Fleet fleet =
        new Fleet(
            lambda,
            new ControlPlane(
                new ControlPlane.Settings(1000, 1, Duration.ofMillis(1), Duration.ofMillis(1))),
            FunctionPackage.embedded());
    AttemptStore store = new AttemptStore(unreachable);
    ExperimentReconciler reconciler =
        new ExperimentReconciler(
            config,
            new ExperimentReconciler.Parts(
                experiment -> new Execution(experiment, config, fleet, null, store),
                () -> "test",
                background,
                store,
                new EventRecorder(unreachable),
                new ExperimentMetrics(new SimpleMeterRegistry())));
    LambdaScalingExperiment e = new LambdaScalingExperiment();
    e.setMetadata(
        new ObjectMetaBuilder().withName("cleanup").withNamespace("default").withUid(UID).build());
    e.setSpec(new ExperimentSpec());

    DeleteControl failed = awaitAnswer(reconciler, e);
    assertThat(failed.isRemoveFinalizer()).as("Lambda down: the finalizer stays").isFalse();
    assertThat(failed.getScheduleDelay()).contains(Deletions.RETRY_MS);
    assertThat(lambda.lists.get()).isEqualTo(1);

    long start = System.nanoTime();
    DeleteControl started = reconciler.cleanup(e, null);
    while (lambda.lists.get() < 2) {
      Thread.sleep(10); // the deletion has listed, and hangs there
    }
    DeleteControl running = reconciler.cleanup(e, null);
    long tookMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    assertThat(List.of(started, running))
        .allSatisfy(
            c -> {
              assertThat(c.isRemoveFinalizer()).isFalse();
              assertThat(c.getScheduleDelay()).contains(Deletions.RECHECK_MS);
            });
    assertThat(tookMs).as("cleanup while ListFunctions hangs").isLessThan(5_000);
    assertThat(lambda.deleted).isEmpty();

    lambda.letThrough.countDown();
    DeleteControl done = awaitAnswer(reconciler, e);
    assertThat(done.isRemoveFinalizer()).isTrue();
    assertThat(lambda.deleted).containsExactly("lse-cleanup-a");
  }
}
