package dev.sightline.operator.model;

import java.math.BigDecimal;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses the durations the API allows into seconds: Prometheus durations (y, w, d, h, m, s, ms) and
 * latencies, which may carry decimals (1.5s) as Go's time.ParseDuration reads them.
 */
public final class DurationParser {
  private static final Pattern PART = Pattern.compile("([0-9]+(?:\\.[0-9]+)?)(ms|y|w|d|h|m|s)");

  private DurationParser() {}

  public static double seconds(String duration) {
    if (duration == null || duration.isEmpty()) {
      throw new InvalidSpecException("empty duration");
    }
    if (duration.equals("0")) {
      return 0;
    }
    Matcher m = PART.matcher(duration);
    BigDecimal total = BigDecimal.ZERO;
    int end = 0;
    while (m.find()) {
      if (m.start() != end) {
        throw new InvalidSpecException("not a duration: " + duration);
      }
      BigDecimal unit = switch (m.group(2)) {
        case "y" -> BigDecimal.valueOf(365 * 86400L);
        case "w" -> BigDecimal.valueOf(7 * 86400L);
        case "d" -> BigDecimal.valueOf(86400L);
        case "h" -> BigDecimal.valueOf(3600L);
        case "m" -> BigDecimal.valueOf(60L);
        case "s" -> BigDecimal.ONE;
        default -> new BigDecimal("0.001");
      };
      total = total.add(new BigDecimal(m.group(1)).multiply(unit));
      end = m.end();
    }
    if (end != duration.length()) {
      throw new InvalidSpecException("not a duration: " + duration);
    }
    return total.doubleValue();
  }
}
