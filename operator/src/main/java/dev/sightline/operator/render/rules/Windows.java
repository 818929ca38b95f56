package dev.sightline.operator.render.rules;

import dev.sightline.operator.model.DurationParser;
import dev.sightline.operator.model.Numbers;
import dev.sightline.operator.model.ObservedServiceModel;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Rate windows measured against the scrape interval. A rate needs two samples in its window; a
 * window of fewer than four scrape intervals loses one whenever a scrape is late or skipped, and
 * the series it records then has gaps that reset every {@code for:} (with {@code interval: 2m} a
 * 2m error ratio exists only every other evaluation and HighErrorRate never fires). Every window
 * is therefore at least four intervals long.
 */
public final class Windows {
  static final int MIN_SCRAPES = 4;

  /**
   * One window pair and the share of the error budget it may consume before it alerts, for a month
   * long SLO window (the SRE workbook's, Sloth's 30d and 28d catalogs) and for a week (Sloth's 7d
   * catalog); windows in between interpolate. factor = share x SLO window hours / long window hours:
   * 14.4, 6, 3 and 1 for 30d; 13.44, 3.5, 1.4 and 0.98 for 7d. A factor never goes below 1: a burn
   * rate of 1 spends the budget exactly at the end of the SLO window, anything lower the window
   * absorbs, so alerting on it would page or ticket while the objective is met.
   */
  public record Pair(String longWindow, String shortWindow, double monthShare, double weekShare, boolean page) {
    static final double WEEK_DAYS = 7;
    static final double MONTH_DAYS = 28;

    public double factor(String sloWindow) {
      double sloHours = DurationParser.seconds(sloWindow) / 3600;
      double days = sloHours / 24;
      double share = days <= WEEK_DAYS ? weekShare : days >= MONTH_DAYS ? monthShare
          : weekShare + (monthShare - weekShare) * (days - WEEK_DAYS) / (MONTH_DAYS - WEEK_DAYS);
      return Math.max(1, Numbers.round(share * sloHours / (DurationParser.seconds(longWindow) / 3600)));
    }
  }

  /** The burn-rate alerts' window pairs: the one table of windows, from which the SLI windows follow. */
  public static final List<Pair> PAIRS = List.of(
      new Pair("1h", "5m", 0.02, 0.08, true),
      new Pair("6h", "30m", 0.05, 0.125, true),
      new Pair("1d", "2h", 0.10, 0.20, false),
      new Pair("3d", "6h", 0.10, 0.42, false));

  /** Windows of the recorded SLI ratios: every window of a pair, shortest first. */
  public static final List<String> SLI = PAIRS.stream()
      .flatMap(p -> Stream.of(p.longWindow(), p.shortWindow()))
      .distinct()
      .sorted(Comparator.comparingDouble(DurationParser::seconds))
      .toList();

  /** HighErrorRate's window: short enough to page within 5 minutes, long enough to smooth scrapes. */
  public static final String FAST_ERROR = "2m";

  private Windows() {}

  /** {@code window}, or four scrape intervals of this service when that is longer. */
  public static String atLeastFourScrapes(ObservedServiceModel model, String window) {
    double seconds = Math.max(DurationParser.seconds(window),
        MIN_SCRAPES * DurationParser.seconds(model.scrape().interval()));
    return format(seconds);
  }

  /** HighErrorRate's window: 2m, short enough to page within 5 minutes, or four scrapes. */
  public static String fastError(ObservedServiceModel model) {
    return atLeastFourScrapes(model, FAST_ERROR);
  }

  /** The SLI windows of the burn-rate alerts, each at least four scrapes, without repeats. */
  public static List<String> sli(ObservedServiceModel model) {
    List<String> out = new ArrayList<>();
    for (String w : SLI) {
      String actual = atLeastFourScrapes(model, w);
      if (!out.contains(actual)) {
        out.add(actual);
      }
    }
    return out;
  }

  /** Seconds as the shortest Prometheus duration: 3d, 6h, 8m, 90s. */
  public static String format(double seconds) {
    long s = Math.round(Math.ceil(seconds));
    for (long[] unit : new long[][] {{86400, 'd'}, {3600, 'h'}, {60, 'm'}}) {
      if (s % unit[0] == 0) {
        return s / unit[0] + String.valueOf((char) unit[1]);
      }
    }
    return s + "s";
  }
}
