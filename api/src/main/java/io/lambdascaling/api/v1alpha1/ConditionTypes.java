package io.lambdascaling.api.v1alpha1;

/** The condition types an experiment's status carries. */
public final class ConditionTypes {
  /** Summary: the experiment has finished and its table is in the status. */
  public static final String READY = "Ready";

  /** Every planned Lambda function exists and is Active. */
  public static final String PROVISIONED = "Provisioned";

  /** Invocations are being made. */
  public static final String PROGRESSING = "Progressing";

  /** Spending more would pass {@code budget.maxCostUsd} or {@code budget.maxDuration}. */
  public static final String BUDGET_EXHAUSTED = "BudgetExhausted";

  /** Something failed that the operator keeps retrying, or some configurations failed. */
  public static final String DEGRADED = "Degraded";

  /** The spec breaks a rule; the message lists every violation with its field path. */
  public static final String INVALID_SPEC = "InvalidSpec";

  private ConditionTypes() {}
}
