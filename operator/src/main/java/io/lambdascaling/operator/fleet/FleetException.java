package io.lambdascaling.operator.fleet;

/** A function cannot be brought to its planned state; permanent ones need a person. */
public final class FleetException extends RuntimeException {

  private final boolean permanent;

  public FleetException(String message, boolean permanent, Throwable cause) {
    super(message, cause);
    this.permanent = permanent;
  }

  public boolean permanent() {
    return permanent;
  }
}
