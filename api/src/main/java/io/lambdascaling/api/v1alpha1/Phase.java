package io.lambdascaling.api.v1alpha1;

/** Where an experiment is in its life. */
public enum Phase {
  Pending,
  Provisioning,
  Running,
  Analyzing,
  Completed,
  Failed,
  Suspended
}
