package io.lambdascaling.api.v1alpha1;

/** What happens to the experiment's Lambda functions once it completes. */
public enum CleanupPolicy {
  /** Delete the functions; results stay in the status. */
  Delete,
  /** Keep the functions, e.g. to invoke them by hand. */
  Retain
}
