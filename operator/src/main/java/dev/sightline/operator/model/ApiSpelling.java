package dev.sightline.operator.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Optional;

/** API enum constants as YAML spells them (their @JsonProperty, e.g. prometheus-client), both ways. */
public final class ApiSpelling {
  private ApiSpelling() {}

  /** How YAML spells the constant. */
  public static String of(Enum<?> constant) {
    try {
      JsonProperty spelling = constant.getDeclaringClass().getField(constant.name()).getAnnotation(JsonProperty.class);
      return spelling == null ? constant.name() : spelling.value();
    } catch (NoSuchFieldException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The constant YAML spells so, if any. */
  public static <E extends Enum<E>> Optional<E> parse(Class<E> type, String value) {
    for (E constant : type.getEnumConstants()) {
      if (of(constant).equals(value)) {
        return Optional.of(constant);
      }
    }
    return Optional.empty();
  }
}
