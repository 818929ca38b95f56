package dev.sightline.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Objects;

/** Reference to an object Sightline generates for an ObservedService. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class GeneratedObject {
  public String apiVersion;
  public String kind;
  public String name;

  public GeneratedObject() {}

  public GeneratedObject(String apiVersion, String kind, String name) {
    this.apiVersion = apiVersion;
    this.kind = kind;
    this.name = name;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof GeneratedObject g
        && Objects.equals(apiVersion, g.apiVersion)
        && Objects.equals(kind, g.kind)
        && Objects.equals(name, g.name);
  }

  @Override
  public int hashCode() {
    return Objects.hash(apiVersion, kind, name);
  }
}
