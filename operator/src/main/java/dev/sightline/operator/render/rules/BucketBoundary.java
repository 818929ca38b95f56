package dev.sightline.operator.render.rules;

import dev.sightline.operator.model.Numbers;
import java.math.BigDecimal;

/**
 * The histogram bucket a latency SLI counts as "fast": the bucket whose upper bound equals the
 * threshold. Client libraries print bounds differently (Go "1", Java and Python "1.0", "0.3"), so
 * the matcher accepts any trailing zeros. The service must publish a bucket at the threshold:
 * Micrometer's serviceLevelObjectives(...) or the client library's bucket list (see README).
 */
public final class BucketBoundary {
  private BucketBoundary() {}

  /** RE2 regex for the le label, e.g. 0.3 -> 0\.30*, 1 -> 1(\.0*)?. */
  public static String leRegex(double seconds) {
    String plain = BigDecimal.valueOf(seconds).stripTrailingZeros().toPlainString();
    int dot = plain.indexOf('.');
    if (dot < 0) {
      return plain + "(\\.0*)?";
    }
    return plain.substring(0, dot) + "\\." + plain.substring(dot + 1) + "0*";
  }

  /** The le value as users see it, e.g. le="0.3". */
  public static String describe(double seconds) {
    return "le=\"" + Numbers.format(seconds) + "\"";
  }
}
