package dev.sightline.operator.api;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Declares, on its field in {@link AlertsSpec}, the alerts a setting governs and their defaults: the
 * alert names (without the prefix), how long the condition must hold, and page or ticket. The
 * defaults table ({@link Defaults#TABLE}), the CRD's "Defaults:" in the field's description and the
 * model's defaults are read from here ({@link AlertCatalog}).
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.FIELD)
public @interface Alert {
  /** The alert names it governs, without the prefix. */
  String[] names();

  /** The default for:, a Prometheus duration; empty when the alerts derive it (burn-rate windows). */
  String forDuration() default "";

  /** page or ticket; empty when the alerts decide it (fast burn pages, slow burn tickets). */
  String severity() default "";
}
