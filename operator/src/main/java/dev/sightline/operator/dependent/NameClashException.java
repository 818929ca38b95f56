package dev.sightline.operator.dependent;

/** An object with the name Sightline wants exists and belongs to someone else: it is left untouched. */
public class NameClashException extends RuntimeException {
  public NameClashException(String kind, String name, String owner) {
    super(kind + " " + name + " already exists and is not managed by this ObservedService (" + owner
        + "); Sightline leaves it untouched. Delete or rename it to let Sightline manage it.");
  }
}
