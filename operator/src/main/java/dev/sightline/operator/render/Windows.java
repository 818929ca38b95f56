package dev.sightline.operator.render;

import dev.sightline.operator.model.DurationParser;
import dev.sightline.operator.model.ObservedServiceModel;
import java.util.ArrayList;
import java.util.List;

/**
 * Rate windows measured against the scrape interval. A rate needs two samples in its window; a
 * window of fewer than four scrape intervals loses one whenever a scrape is late or skipped, and
 * the series it records then has gaps that reset every {@code for:} (with {@code interval: 2m} a
 * 2m error ratio exists only every other evaluation and HighErrorRate never fires). Every window
 * is therefore at least four intervals long.
 */
public final class Windows {
  static final int MIN_SCRAPES = 4;

  private Windows() {}

  /** {@code window}, or four scrape intervals of this service when that is longer. */
  public static String atLeastFourScrapes(ObservedServiceModel model, String window) {
    double seconds = Math.max(DurationParser.seconds(window),
        MIN_SCRAPES * DurationParser.seconds(model.scrape().interval()));
    return format(seconds);
  }

  /** HighErrorRate's window: 2m, short enough to page within 5 minutes, or four scrapes. */
  public static String fastError(ObservedServiceModel model) {
    return atLeastFourScrapes(model, RecordingRules.ERROR_RATIO_FAST_WINDOW);
  }

  /** The SLI windows of the burn-rate alerts, each at least four scrapes, without repeats. */
  public static List<String> sli(ObservedServiceModel model) {
    List<String> out = new ArrayList<>();
    for (String w : RecordingRules.SLI_WINDOWS) {
      String actual = atLeastFourScrapes(model, w);
      if (!out.contains(actual)) {
        out.add(actual);
      }
    }
    return out;
  }

  /** Seconds as the shortest Prometheus duration: 3d, 6h, 8m, 90s. */
  static String format(double seconds) {
    long s = Math.round(Math.ceil(seconds));
    for (long[] unit : new long[][] {{86400, 'd'}, {3600, 'h'}, {60, 'm'}}) {
      if (s % unit[0] == 0) {
        return s / unit[0] + String.valueOf((char) unit[1]);
      }
    }
    return s + "s";
  }
}
