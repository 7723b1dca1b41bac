package io.lambdascaling.api.v1alpha1;

/** Regular expressions shared by the schema and the Java validator. */
public final class Patterns {

  /** A Kubernetes-style (Go) duration: 0, 90s, 2m, 1h30m, 500ms, 1.5h. */
  public static final String DURATION = "^(0|([0-9]+(\\.[0-9]+)?(ns|us|µs|ms|s|m|h))+)$";

  /** An IAM role ARN in any AWS partition, with an optional path. */
  public static final String ROLE_ARN =
      "^arn:aws(-cn|-us-gov|-iso|-iso-b|-iso-e|-iso-f|-eusc)?:iam::[0-9]{12}:role/"
          + "[A-Za-z0-9+=,.@_/-]{1,512}$";

  /**
   * Function names allow letters, digits, hyphens and underscores; the rest of the name follows.
   */
  public static final String NAME_PREFIX = "^[A-Za-z0-9_-]{1,20}$";

  /** AWS region names such as us-east-1, eu-central-2, us-gov-west-1, cn-north-1. */
  public static final String REGION = "^[a-z]{2}(-[a-z]+)+-[0-9]{1,2}$";

  private Patterns() {}
}
