package dev.sightline.operator.render;

import java.math.BigDecimal;

/** Locale-independent, shortest decimal rendering of numbers in PromQL and labels. */
public final class Numbers {
  private Numbers() {}

  public static String format(double value) {
    BigDecimal d = BigDecimal.valueOf(value).stripTrailingZeros();
    return d.scale() < 0 ? d.setScale(0).toPlainString() : d.toPlainString();
  }
}
