package io.lambdascaling.analysis;

/**
 * What one configuration's attempts say, as shown: the same in the status's results and in {@code
 * summary.csv}. Times in ms, rounded by {@link Figures}; absent (null) when unknown.
 *
 * @param samples steady-state samples, the ones the statistics are made of
 * @param coldStarts invocations with an init phase
 * @param warmups invocations after a cold start kept out of the statistics, not cold themselves
 * @param errors function errors and timeouts; null when none
 * @param meanBilledMs the mean billed duration of the steady invocations
 * @param message why it failed, or what is special about its data
 */
public record ConfigurationFigures(
    Configuration configuration,
    State state,
    String message,
    Long samples,
    Long coldStarts,
    Long warmups,
    Long errors,
    Double meanMs,
    Double trimmedMeanMs,
    Double stddevMs,
    Double cvPercent,
    Double minMs,
    Double maxMs,
    Double p50Ms,
    Double p95Ms,
    Double ciHalfWidthMs,
    Double meanBilledMs,
    Integer maxMemoryUsedMb,
    Integer reportedCores,
    Double costUsd) {

  /** Where the configuration stands; pending before anything ran. */
  public enum State {
    PENDING("Pending"),
    RUNNING("Running"),
    DONE("Done"),
    FAILED("Failed");

    private final String word;

    State(String word) {
      this.word = word;
    }

    /** As the status and summary.csv write it. */
    public String word() {
      return word;
    }
  }

  /**
   * The figures of a tally.
   *
   * @param summary its steady-state samples' statistics; null when it has none
   */
  static ConfigurationFigures of(Configuration c, Tally.Snapshot t, Summary summary) {
    long errors = t.functionErrors() + t.timeouts();
    boolean s = summary != null;
    return new ConfigurationFigures(
        c,
        switch (t.state()) {
          case RUNNING -> State.RUNNING;
          case DONE -> State.DONE;
          case FAILED -> State.FAILED;
        },
        t.state() == Tally.State.FAILED ? t.lastError() : null,
        (long) t.steadyProcTimesMs().size(),
        t.coldStarts(),
        t.warmups(),
        errors == 0 ? null : errors,
        s ? Figures.ms(summary.mean()) : null,
        s ? Figures.ms(summary.trimmedMean()) : null,
        s ? Figures.spread(summary.stddev()) : null,
        s ? Figures.percent(summary.cv()) : null,
        s ? Figures.ms(summary.min()) : null,
        s ? Figures.ms(summary.max()) : null,
        s ? Figures.ms(summary.p50()) : null,
        s ? Figures.ms(summary.p95()) : null,
        s ? Figures.spread((summary.ciHigh() - summary.ciLow()) / 2) : null,
        t.steadyBilledMs().count() == 0 ? null : Figures.ms(t.steadyBilledMs().mean()),
        t.maxMemoryUsedMb() == 0 ? null : t.maxMemoryUsedMb(),
        t.reportedCores() == 0 ? null : t.reportedCores(),
        Figures.usd(t.costUsd()));
  }

  /** A configuration nothing has run for yet. */
  static ConfigurationFigures pending(Configuration c) {
    return new ConfigurationFigures(
        c,
        State.PENDING,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null);
  }

  /** The same figures with another message. */
  public ConfigurationFigures withMessage(String text) {
    return new ConfigurationFigures(
        configuration,
        state,
        text,
        samples,
        coldStarts,
        warmups,
        errors,
        meanMs,
        trimmedMeanMs,
        stddevMs,
        cvPercent,
        minMs,
        maxMs,
        p50Ms,
        p95Ms,
        ciHalfWidthMs,
        meanBilledMs,
        maxMemoryUsedMb,
        reportedCores,
        costUsd);
  }
}
