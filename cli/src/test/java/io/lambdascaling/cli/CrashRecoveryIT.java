package io.lambdascaling.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.lambdascaling.analysis.Attempt;
import io.lambdascaling.analysis.Outcome;
import io.lambdascaling.api.v1alpha1.ArchitectureTable;
import io.lambdascaling.api.v1alpha1.ConfigurationResult;
import io.lambdascaling.api.v1alpha1.ExperimentStatus;
import io.lambdascaling.api.v1alpha1.KneeRow;
import io.lambdascaling.api.v1alpha1.LambdaScalingExperiment;
import io.lambdascaling.api.v1alpha1.MemorySpec;
import io.lambdascaling.api.v1alpha1.Phase;
import io.lambdascaling.local.kube.LocalKubernetes;
import io.lambdascaling.local.lambda.LocalLambda;
import io.lambdascaling.local.lambda.simulate.SimulatePlatform;
import io.lambdascaling.local.lambda.simulate.SimulationModel;
import io.lambdascaling.operator.journal.AttemptCsv;
import io.lambdascaling.operator.journal.AttemptStore;
import io.lambdascaling.operator.plan.MemorySizes;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.lambda.LambdaClient;

/**
 * The operator as its own OS process (its production {@code main}, from {@code target/lib}), killed
 * with SIGKILL five times at random moments of the reference matrix (492 configurations × 5
 * invocations 4 s apart, simulated) and started again each time: the experiment ends with exactly
 * its target samples per configuration in status and in the kept attempts, the table of the quiet
 * simulation model, one CreateFunction per function, and no function once it is deleted.
 *
 * <p>Why the model's truth and not an undisturbed run's samples: a killed operator's invocations
 * that were not yet kept are made again, so later samples take other draws of the model's noise
 * than an undisturbed run's would. What must not change is the result: with noise of 0.2 % and no
 * outliers the table is the model's (as ReferenceMatrixIT shows for an undisturbed run).
 */
class CrashRecoveryIT {

  private static final long SEED = 20_260_808L;
  private static final int KILLS = 5;

  private static final String REFERENCE =
      """
      apiVersion: lambdascaling.io/v1alpha1
      kind: LambdaScalingExperiment
      metadata: {name: reference, namespace: default}
      spec:
        sampling: {invocationsPerConfiguration: 5, interval: 4s, maxConcurrency: 50}
        function: {roleArn: "arn:aws:iam::123456789012:role/lse-execution"}
        budget: {maxCostUsd: 50}
      """;

  @TempDir Path dir;

  private LocalKubernetes kubernetes;
  private LocalLambda lambda;
  private Process operator;

  @AfterEach
  void stop() {
    if (operator != null) {
      operator.destroyForcibly();
    }
    if (lambda != null) {
      lambda.close();
    }
    if (kubernetes != null) {
      kubernetes.close();
    }
  }

  /** The embedded Kubernetes API and a simulated local Lambda; a client of the API. */
  private KubernetesClient startStandIns(SimulationModel model) throws IOException {
    kubernetes =
        LocalKubernetes.start(
            new LocalKubernetes.Options(0, dir.resolve("kubeconfig.yaml")),
            List.of(LocalStack.crd()));
    lambda = LocalLambda.start(LocalLambda.Options.defaults(), new SimulatePlatform(model));
    return kubernetes.client();
  }

  /** The operator's real main, in a JVM of its own, configured as in a cluster: by environment. */
  private Process startOperator(int n) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    ProcessBuilder pb =
        new ProcessBuilder(
            java,
            "-Xmx512m",
            "-cp",
            "target" + File.separator + "lib" + File.separator + "*",
            "io.lambdascaling.operator.LambdaScalingOperator");
    Map<String, String> env = pb.environment();
    env.put("KUBECONFIG", kubernetes.kubeconfig().toString());
    env.put("LSE_LAMBDA_ENDPOINT", lambda.endpoint().toString());
    env.put("AWS_ACCESS_KEY_ID", "local");
    env.put("AWS_SECRET_ACCESS_KEY", "local");
    env.put("AWS_REGION", "us-east-1");
    env.put("LSE_METRICS_PORT", "0");
    // Rounds come 4 s apart and each takes well under a second: with a flush every 3 s a kill
    // often catches attempts made and not yet kept.
    env.put("LSE_FLUSH_INTERVAL", "PT3S");
    env.put("LSE_INSTALLATION_ID", "crash-recovery");
    // The local Lambda enforces no quota here: re-checking 492 functions after each start at
    // Lambda's 15 requests a second would take a minute each time.
    env.put("LSE_CONTROL_PLANE_RATE", "500");
    pb.redirectErrorStream(true);
    pb.redirectOutput(dir.resolve("operator-" + n + ".log").toFile());
    return pb.start();
  }

  private LambdaScalingExperiment get(KubernetesClient client) {
    return client
        .resources(LambdaScalingExperiment.class)
        .inNamespace("default")
        .withName("reference")
        .get();
  }

  private LambdaScalingExperiment await(
      KubernetesClient client, Predicate<LambdaScalingExperiment> done, Duration timeout)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    LambdaScalingExperiment e = get(client);
    while (!done.test(e)) {
      if (System.nanoTime() > deadline || !operator.isAlive()) {
        throw new AssertionError(
            "not there in "
                + timeout
                + (operator.isAlive() ? "" : " (the operator exited " + operator.exitValue() + ")")
                + "; last status: "
                + (e == null ? null : Serialization.asYaml(e.getStatus())));
      }
      Thread.sleep(250); // polling the API server, as kubectl wait would
      e = get(client);
    }
    return e;
  }

  /** The reference experiment's 41 sizes: the spec's default memory. */
  private static final List<Integer> REFERENCE_SIZES = MemorySizes.of(MemorySpec.reference());

  /** The smallest reference size whose noise-free time is within 2 % of the best. */
  private static int truth(int workers) {
    return SimulationModel.kneeMb(workers, REFERENCE_SIZES, 2);
  }

  @Test
  void a_sigterm_keeps_every_attempt_made_so_the_next_process_makes_none_again() throws Exception {
    KubernetesClient client = startStandIns(SimulationModel.defaults(SEED));
    client
        .resource(
            Serialization.unmarshal(
                """
                apiVersion: lambdascaling.io/v1alpha1
                kind: LambdaScalingExperiment
                metadata: {name: reference, namespace: default}
                spec:
                  architectures: [arm64]
                  workers: [1, 2]
                  memory: {sizesMb: [1024, 2048, 3584]}
                  sampling: {invocationsPerConfiguration: 30, interval: 300ms}
                  function: {roleArn: "arn:aws:iam::123456789012:role/lse-execution"}
                  budget: {maxCostUsd: 5}
                """,
                LambdaScalingExperiment.class))
        .create();

    operator = startOperator(0);
    long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
    while (lambda.requestCounts().getOrDefault("Invoke", 0L) < 40) {
      assertThat(System.nanoTime()).as("40 Invoke requests in time").isLessThan(deadline);
      assertThat(operator.isAlive()).as("the operator runs").isTrue();
      Thread.sleep(10); // polling the local Lambda's request counter
    }
    operator.destroy(); // SIGTERM, as Kubernetes stops a pod
    assertThat(operator.waitFor(60, java.util.concurrent.TimeUnit.SECONDS))
        .as("exits once drained")
        .isTrue();
    long invokes = lambda.requestCounts().get("Invoke");
    List<Attempt> kept =
        new AttemptStore(client)
            .chunks(get(client)).stream()
                .map(AttemptStore::text)
                .flatMap(t -> AttemptCsv.parse(t).stream())
                .toList();
    assertThat(kept).as("every Invoke made is kept").hasSize((int) invokes);
    assertThat(invokes).as("stopped mid-run").isLessThan(180);
    assertThat(Files.readString(dir.resolve("operator-0.log"))).contains("drained 1 experiments");

    operator = startOperator(1);
    ExperimentStatus s =
        await(
                client,
                e -> e.getStatus() != null && e.getStatus().getPhase() == Phase.Completed,
                Duration.ofMinutes(2))
            .getStatus();
    assertThat(s.getInvocations().getSucceeded()).isEqualTo(180);
    assertThat(lambda.requestCounts().get("Invoke")).as("none made twice").isEqualTo(180);
    System.out.printf(
        "SIGTERM: %d Invoke made and kept before the process exited; 180 in all%n", invokes);
  }

  @Test
  void five_sigkills_lose_nothing_and_make_nothing_twice() throws Exception {
    assertThat(Path.of("target", "lib")).as("cli/target/lib from package").isDirectory();
    long start = System.nanoTime();
    KubernetesClient client = startStandIns(SimulationModel.defaults(SEED).withNoise(0.002, 0));
    client.resource(Serialization.unmarshal(REFERENCE, LambdaScalingExperiment.class)).create();

    // What the status counts never goes down, across every death and restart.
    List<String> decreases = new java.util.concurrent.CopyOnWriteArrayList<>();
    java.util.concurrent.ScheduledExecutorService watcher =
        java.util.concurrent.Executors.newSingleThreadScheduledExecutor();
    long[] most = {0};
    watcher.scheduleWithFixedDelay(
        () -> {
          LambdaScalingExperiment e = get(client);
          if (e != null && e.getStatus() != null && e.getStatus().getInvocations() != null) {
            long counted = e.getStatus().getInvocations().getSucceeded();
            if (counted < most[0]) {
              decreases.add(most[0] + " -> " + counted + " (" + e.getStatus().getPhase() + ")");
            }
            most[0] = Math.max(most[0], counted);
          }
        },
        0,
        100,
        java.util.concurrent.TimeUnit.MILLISECONDS);

    Random random = new Random(SEED);
    List<String> kills = new ArrayList<>();
    for (int n = 0; n < KILLS; n++) {
      operator = startOperator(n);
      // The first two at random moments of the first seconds (creating functions); the others
      // when the Lambda has received a random number of Invoke requests, inside three bands
      // before the end: amid a round, with attempts made that are not yet kept.
      String after;
      long aliveMs;
      long began = System.nanoTime();
      if (n < 2) {
        aliveMs = 4000 + random.nextInt(8000);
        Thread.sleep(aliveMs);
        after = String.format("%.1f s after start", aliveMs / 1000.0);
      } else {
        long threshold = 600 + (n - 2) * 650L + random.nextInt(450);
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (lambda.requestCounts().getOrDefault("Invoke", 0L) < threshold) {
          assertThat(System.nanoTime())
              .as("Invoke request %d in time", threshold)
              .isLessThan(deadline);
          Thread.sleep(10); // polling the local Lambda's request counter
        }
        aliveMs = (System.nanoTime() - began) / 1_000_000;
        after =
            String.format("at Invoke request %d, %.1f s after start", threshold, aliveMs / 1000.0);
      }
      LambdaScalingExperiment at = get(client);
      ExperimentStatus s = at.getStatus();
      assertThat(s == null ? null : s.getPhase())
          .as("kill %d comes before the end", n + 1)
          .isNotEqualTo(Phase.Completed);
      operator.destroyForcibly(); // SIGKILL: no shutdown hook, nothing flushed
      operator.waitFor();
      String moment =
          String.format(
              "kill %d %s: %s, %d of 2460 counted, %d Invoke requests so far",
              n + 1,
              after,
              s == null ? "no status yet" : s.getPhase(),
              s == null || s.getInvocations() == null ? 0 : s.getInvocations().getSucceeded(),
              lambda.requestCounts().getOrDefault("Invoke", 0L));
      kills.add(moment);
      System.out.println("crash recovery (seed " + SEED + "): " + moment);
    }
    operator = startOperator(KILLS);
    LambdaScalingExperiment done =
        await(
            client,
            e -> e != null && e.getStatus() != null && e.getStatus().getPhase() == Phase.Completed,
            Duration.ofMinutes(4));
    double seconds = (System.nanoTime() - start) / 1e9;
    watcher.shutdownNow();
    ExperimentStatus s = done.getStatus();
    assertThat(decreases).as("the counted invocations never went down").isEmpty();

    // Exactly the target, in status and in what was kept.
    List<ConfigurationResult> results =
        s.getResults().stream().flatMap(r -> r.getSizes().stream()).toList();
    assertThat(results)
        .hasSize(492)
        .allSatisfy(
            r ->
                // A configuration whose cold start was lost with a killed process begins with a
                // warm-up: every success is a steady sample, a cold start or a warm-up, once.
                assertThat(
                        r.getSamples()
                            + r.getColdStarts()
                            + (r.getWarmups() == null ? 0 : r.getWarmups()))
                    .isEqualTo(5));
    assertThat(s.getInvocations().getSucceeded()).isEqualTo(2460);
    List<Attempt> kept =
        new AttemptStore(client)
            .chunks(done).stream()
                .map(AttemptStore::text)
                .flatMap(t -> AttemptCsv.parse(t).stream())
                .toList();
    Map<String, Long> successes =
        kept.stream()
            .filter(a -> a.outcome().kind() == Outcome.Kind.SUCCESS)
            .collect(Collectors.groupingBy(a -> a.configuration().key(), Collectors.counting()));
    assertThat(successes).hasSize(492).allSatisfy((k, n) -> assertThat(n).as(k).isEqualTo(5));

    // The model's table, as an undisturbed run finds it.
    assertThat(s.getTable()).hasSize(2);
    for (ArchitectureTable table : s.getTable()) {
      assertThat(table.getRows()).hasSize(6);
      for (KneeRow row : table.getRows()) {
        assertThat(row.getMemoryMb())
            .as("%s W=%d", table.getArchitecture(), row.getWorkers())
            .isEqualTo(truth(row.getWorkers()));
      }
    }

    Map<String, Long> requests = lambda.requestCounts();
    // Each function created once. A CreateFunction request that a killed process had begun to
    // send reaches the local Lambda's request count but creates nothing, so that count may exceed
    // 492 by at most one a kill.
    assertThat(lambda.functionsCreated())
        .hasSize(492)
        .allSatisfy((name, times) -> assertThat(times).as(name).isEqualTo(1));
    assertThat(requests.get("CreateFunction")).isBetween(492L, 492L + KILLS);
    long invokes = requests.get("Invoke");
    assertThat(invokes).isGreaterThanOrEqualTo(2460);

    // Deleted: the finalizer goes once no function is left (cleanup Delete already removed them).
    client.resource(done).delete();
    await(client, e -> e == null, Duration.ofMinutes(1));
    try (LambdaClient aws =
        LambdaClient.builder()
            .endpointOverride(lambda.endpoint())
            .region(Region.US_EAST_1)
            .credentialsProvider(
                StaticCredentialsProvider.create(AwsBasicCredentials.create("a", "b")))
            .httpClient(ApacheHttpClient.create())
            .build()) {
      assertThat(aws.listFunctions().functions()).isEmpty();
    }
    System.out.printf(
        "crash recovery (seed %d): %d SIGKILLs; completed in %.1f s with 492 x 5 kept and counted;"
            + " 492 functions each created once (%d CreateFunction requests); %d Invoke (%d made by"
            + " killed operators and not kept, so made again); table = the model's; no function"
            + " left%n",
        SEED, KILLS, seconds, requests.get("CreateFunction"), invokes, invokes - 2460);
    Files.writeString(dir.resolve("kills.txt"), String.join("\n", kills));
  }
}
