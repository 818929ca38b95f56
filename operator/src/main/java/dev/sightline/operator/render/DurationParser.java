package dev.sightline.operator.render;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses the Prometheus duration subset the API allows (y, w, d, h, m, s, ms) into seconds. */
public final class DurationParser {
  private static final Pattern PART = Pattern.compile("([0-9]+)(ms|y|w|d|h|m|s)");

  private DurationParser() {}

  public static double seconds(String duration) {
    if (duration == null || duration.isEmpty()) {
      throw new InvalidSpecException("empty duration");
    }
    Matcher m = PART.matcher(duration);
    double total = 0;
    int end = 0;
    while (m.find()) {
      if (m.start() != end) {
        throw new InvalidSpecException("not a Prometheus duration: " + duration);
      }
      long n = Long.parseLong(m.group(1));
      total += n * switch (m.group(2)) {
        case "y" -> 365 * 86400.0;
        case "w" -> 7 * 86400.0;
        case "d" -> 86400.0;
        case "h" -> 3600.0;
        case "m" -> 60.0;
        case "s" -> 1.0;
        default -> 0.001;
      };
      end = m.end();
    }
    if (end != duration.length() && !duration.equals("0")) {
      throw new InvalidSpecException("not a Prometheus duration: " + duration);
    }
    return total;
  }
}
