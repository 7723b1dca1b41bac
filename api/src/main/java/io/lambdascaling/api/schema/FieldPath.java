package io.lambdascaling.api.schema;

import com.fasterxml.jackson.core.JsonPointer;

/**
 * A field's place in an object, twice: as kube-apiserver names it in messages ({@code
 * spec.workers[2]}, {@code spec.function.tags[owner]}) and as a JSON pointer that finds it again.
 */
public record FieldPath(String text, JsonPointer pointer) {

  /** The object itself (kube-apiserver's {@code body}). */
  public static final FieldPath ROOT = new FieldPath("", JsonPointer.empty());

  /** A field the schema declares in {@code properties}. */
  public FieldPath field(String name) {
    return new FieldPath(text.isEmpty() ? name : text + "." + name, pointer.appendProperty(name));
  }

  /** A key of a map ({@code additionalProperties}). */
  public FieldPath key(String key) {
    return new FieldPath(text + "[" + key + "]", pointer.appendProperty(key));
  }

  /** An item of a list. */
  public FieldPath index(int index) {
    return new FieldPath(text + "[" + index + "]", pointer.appendIndex(index));
  }

  public boolean isRoot() {
    return pointer.matches();
  }

  @Override
  public String toString() {
    return text;
  }
}
