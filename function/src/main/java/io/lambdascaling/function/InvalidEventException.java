package io.lambdascaling.function;

/** The event asks for something the function cannot do; the message names the field. */
public final class InvalidEventException extends IllegalArgumentException {
  InvalidEventException(String message) {
    super(message);
  }
}
