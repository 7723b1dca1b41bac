package io.lambdascaling.cli.report;

import io.lambdascaling.analysis.Configuration;
import io.lambdascaling.analysis.Report;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * One line of {@code samples.csv}: one invocation of one configuration, or — from the reference
 * experiment's aggregated file — one configuration's mean time, which is no invocation at all.
 *
 * @param startedAt when the invocation started; null when unknown (aggregates)
 * @param cores the processors the function saw; null when unknown
 * @param procTimeMs the processing time; NaN when the invocation did not succeed
 * @param cold a cold start or one of the warm-up invocations after it: not a steady-state sample
 * @param aggregate the time is a mean over an unknown number of invocations
 * @param detail what our own runs record besides; null for the reference experiment's rows
 */
public record SampleRow(
    Configuration configuration,
    Instant startedAt,
    Integer cores,
    double procTimeMs,
    boolean cold,
    boolean aggregate,
    Detail detail) {

  /** The reference experiment's sort key: the start in UTC, {@code YYYYMMDD_HHMMSS}. */
  public static final DateTimeFormatter SK =
      DateTimeFormatter.ofPattern("yyyyMMdd_HHmmss").withZone(ZoneOffset.UTC);

  /**
   * What our runs know of an invocation beyond the reference experiment's columns.
   *
   * @param outcome {@code SUCCESS}, {@code FUNCTION_ERROR}, {@code TIMEOUT}, {@code THROTTLED} or
   *     {@code SERVICE_ERROR}
   * @param cpuTimeMs the worker threads' CPU time; NaN when unknown
   * @param report Lambda's REPORT line, when there was one
   * @param costUsd what Lambda billed for it
   * @param platform what ran the function (says SIMULATED when it was)
   */
  public record Detail(
      String outcome,
      double cpuTimeMs,
      String cpuModel,
      Report report,
      double costUsd,
      String error,
      String platform) {}

  /** A row of the reference experiment's per-configuration files. */
  public static SampleRow reference(
      Configuration configuration, Instant startedAt, Integer cores, double procTimeMs) {
    return new SampleRow(configuration, startedAt, cores, procTimeMs, false, false, null);
  }

  public boolean succeeded() {
    return !Double.isNaN(procTimeMs);
  }

  /** A steady-state processing time, the kind the statistics are made of. */
  public boolean steady() {
    return succeeded() && !cold;
  }

  /** The reference experiment's sort key, or "" when the start is unknown. */
  public String sk() {
    return startedAt == null ? "" : SK.format(startedAt);
  }

  public SampleRow asCold() {
    return new SampleRow(configuration, startedAt, cores, procTimeMs, true, aggregate, detail);
  }
}
