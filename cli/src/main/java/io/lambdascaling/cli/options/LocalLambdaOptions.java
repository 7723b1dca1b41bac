package io.lambdascaling.cli.options;

import picocli.CommandLine.Option;

/**
 * The local Lambda's options, the same for {@code lse run} and {@code lse up}: which platform runs
 * the functions, its CPU scale (execute) and its seed (simulate).
 */
public final class LocalLambdaOptions {

  /** How the local Lambda runs functions. */
  public enum PlatformKind {
    execute,
    simulate
  }

  @Option(
      names = "--platform",
      defaultValue = "execute",
      description =
          "Local Lambda: execute (the real function in JVMs under CPU quotas proportional to"
              + " memory) or simulate (timings from a model, labelled SIMULATED). Default:"
              + " ${DEFAULT-VALUE}.")
  private PlatformKind platform;

  @Option(
      names = "--cpu-scale",
      defaultValue = "auto",
      description =
          "execute: host CPUs per Lambda vCPU. auto: 1 when the CPU the functions can use fits"
              + " this host, else as much as fits (run: what every configuration can use, its"
              + " vCPUs but at most one per worker; up: Lambda's largest size, 5.79 vCPUs)."
              + " Default: ${DEFAULT-VALUE}.")
  private String cpuScale;

  @Option(names = "--seed", defaultValue = "1", description = "simulate: the model's seed.")
  private long seed;

  public PlatformKind platform() {
    return platform;
  }

  /** A number, or {@code auto}. */
  public String cpuScale() {
    return cpuScale;
  }

  public long seed() {
    return seed;
  }
}
