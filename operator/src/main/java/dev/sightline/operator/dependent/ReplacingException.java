package dev.sightline.operator.dependent;

/** An immutable field of a generated object changed: the object was deleted and is created again next. */
public class ReplacingException extends RuntimeException {
  public ReplacingException(String kind, String name, String field) {
    super(kind + " " + name + " is being replaced: its " + field + " cannot change in place, so Sightline deleted it"
        + " and creates it again once it is gone.");
  }
}
