package dev.sightline.operator.model;

/** A spec the API server accepted but that cannot be rendered; reported in status, never thrown past the reconciler. */
public class InvalidSpecException extends RuntimeException {
  public InvalidSpecException(String message) {
    super(message);
  }
}
