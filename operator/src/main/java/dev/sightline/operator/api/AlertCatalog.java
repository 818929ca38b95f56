package dev.sightline.operator.api;

import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.List;

/** Every alert setting of {@link AlertsSpec} with its {@link Alert} declaration, in the fields' order. */
public final class AlertCatalog {
  /**
   * One alert setting.
   *
   * @param field its name under spec.alerts
   * @param names the alerts it governs, without the prefix
   * @param forDuration the default for:, or null when the alerts derive it
   * @param severity the default page or ticket, or null when the alerts decide it
   */
  public record Setting(String field, List<String> names, String forDuration, String severity, Field javaField) {
    /** This setting's spec in an AlertsSpec, or null when unset. */
    public Object of(AlertsSpec alerts) {
      try {
        return javaField.get(alerts);
      } catch (IllegalAccessException e) {
        throw new IllegalStateException(e);
      }
    }

    /** "5m, page": the defaults as the field's description gives them. */
    public String defaultsText() {
      return forDuration + ", " + severity;
    }
  }

  public static final List<Setting> SETTINGS = read();
  /** Every alert name, without the prefix, in declaration order. */
  public static final List<String> NAMES = SETTINGS.stream().flatMap(s -> s.names().stream()).toList();

  private AlertCatalog() {}

  /** The setting that governs an alert name, or null. */
  public static Setting governing(String alertName) {
    return SETTINGS.stream().filter(s -> s.names().contains(alertName)).findFirst().orElse(null);
  }

  private static List<Setting> read() {
    List<Setting> out = new ArrayList<>();
    for (Field f : AlertsSpec.class.getFields()) {
      Alert a = f.getAnnotation(Alert.class);
      if (a != null) {
        out.add(new Setting(f.getName(), List.of(a.names()), a.forDuration().isEmpty() ? null : a.forDuration(),
            a.severity().isEmpty() ? null : a.severity(), f));
      }
    }
    return List.copyOf(out);
  }
}
