package io.lambdascaling.operator.validation;

/**
 * One broken rule: the field's path in the manifest (e.g. {@code spec.workers[2]}) and what is
 * wrong with it, including what is allowed.
 */
public record Violation(String field, String message) {

  @Override
  public String toString() {
    return field + ": " + message;
  }
}
