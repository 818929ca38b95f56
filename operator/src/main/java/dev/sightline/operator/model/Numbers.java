package dev.sightline.operator.model;

import java.math.BigDecimal;

/** Locale-independent, shortest decimal rendering of numbers in PromQL and labels. */
public final class Numbers {
  private Numbers() {}

  /** Removes binary floating-point noise (1 - 0.995 = 0.0050000000000000044) at 12 significant digits. */
  public static double round(double value) {
    return new BigDecimal(value).round(new java.math.MathContext(12)).doubleValue();
  }

  public static String format(double value) {
    BigDecimal d = BigDecimal.valueOf(value).stripTrailingZeros();
    return d.scale() < 0 ? d.setScale(0).toPlainString() : d.toPlainString();
  }

  /** Seconds as a duration users write, e.g. 0.1 -> 100ms, 2.5 -> 2.5s. */
  public static String durationOf(double seconds) {
    return seconds >= 1 ? format(round(seconds)) + "s" : format(round(seconds * 1000)) + "ms";
  }
}
