package io.lambdascaling.operator.runner;

import static org.assertj.core.api.Assertions.assertThat;

import io.lambdascaling.analysis.Configuration;
import io.lambdascaling.analysis.Knee;
import io.lambdascaling.analysis.Measured;
import io.lambdascaling.analysis.Prices;
import io.lambdascaling.analysis.Summary;
import io.lambdascaling.analysis.ThreadsToMemory;
import io.lambdascaling.local.lambda.LocalLambda;
import io.lambdascaling.local.lambda.simulate.SimulatePlatform;
import io.lambdascaling.local.lambda.simulate.SimulationModel;
import io.lambdascaling.operator.TestLambdaClients;
import io.lambdascaling.operator.fleet.ControlPlane;
import io.lambdascaling.operator.fleet.DesiredFunction;
import io.lambdascaling.operator.fleet.Fleet;
import io.lambdascaling.operator.fleet.FunctionPackage;
import io.lambdascaling.operator.plan.FunctionNames;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.lambda.LambdaClient;

/**
 * Plan → fleet → runner → analysis on the simulated local Lambda, without Kubernetes: the table
 * comes out as the simulation's model says it must.
 */
class PipelineIT {

  @Test
  void a_small_simulated_matrix_yields_the_models_knees() throws Exception {
    SimulationModel model = SimulationModel.defaults(21);
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try (LocalLambda local =
            LocalLambda.start(LocalLambda.Options.defaults(), new SimulatePlatform(model));
        LambdaClient lambda = TestLambdaClients.of(local)) {
      Fleet fleet =
          new Fleet(
              lambda,
              new ControlPlane(ControlPlane.Settings.defaults()),
              FunctionPackage.embedded());
      List<ExperimentRun.Target> targets = new ArrayList<>();
      for (int workers : List.of(1, 2)) {
        for (int mb = 1024; mb <= 4096; mb += 512) {
          Configuration c = new Configuration("arm64", workers, mb);
          String name = FunctionNames.of("lse-", "pipeline", c);
          fleet.ensure(
              new DesiredFunction(
                  name,
                  c,
                  "java21",
                  "arn:aws:iam::123456789012:role/r",
                  900,
                  Map.of("lambdascaling.io/uid", "p"),
                  "lambdascaling.io/uid",
                  "p"),
              Duration.ofSeconds(30));
          targets.add(new ExperimentRun.Target(c, name));
        }
      }

      ExperimentRun run =
          new ExperimentRun(
              new LambdaInvoker(lambda),
              pool,
              new Semaphore(50),
              new Budget(5.0, 0),
              Prices.usEast1(),
              new ExperimentRun.Settings(
                  10,
                  Duration.ZERO,
                  1,
                  8,
                  LambdaInvoker.event(200, 100_000, "PBKDF2WithHmacSHA256"),
                  900,
                  3,
                  Duration.ofMinutes(2),
                  5),
              targets);
      run.run();

      assertThat(run.stopReason()).isEqualTo(ExperimentRun.StopReason.NONE);
      List<Measured> measured = new ArrayList<>();
      run.snapshot()
          .forEach(
              (c, v) -> {
                assertThat(v.succeeded()).isEqualTo(10);
                assertThat(v.steadyProcTimesMs()).hasSize(9);
                double[] x =
                    v.steadyProcTimesMs().stream().mapToDouble(Double::doubleValue).toArray();
                measured.add(
                    new Measured(
                        "arm64",
                        c.workers(),
                        c.memoryMb(),
                        Summary.of(x, 0.95),
                        v.steadyBilledMs().mean()));
              });
      List<Knee> rows = ThreadsToMemory.table(measured, 2, 0.95, Prices.usEast1()).get(0).rows();

      // model: time ∝ 1 / min(workers, memory / 1769); the first 512 MB step at or past W × 1769
      assertThat(rows.get(0).memoryMb()).isEqualTo(2048);
      assertThat(rows.get(1).memoryMb()).isEqualTo(3584);
      assertThat(rows.get(1).meanMs())
          .isCloseTo(
              model.expectedProcMs("arm64", 3584, 2, 200, 100_000),
              org.assertj.core.data.Percentage.withPercentage(5));
      assertThat(run.budget().spentUsd()).isPositive().isLessThan(5.0);
    } finally {
      pool.shutdownNow();
    }
  }
}
