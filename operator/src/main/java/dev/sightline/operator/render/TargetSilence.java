package dev.sightline.operator.render;

import dev.sightline.operator.model.DurationParser;
import dev.sightline.operator.model.Numbers;
import dev.sightline.operator.model.ObservedServiceModel;
import java.util.Map;

/**
 * When a scrape target counts as down for TargetDown. Only ready targets count (or targets whose
 * readiness is unknown): one that starts or is not ready gets no traffic from the Service, and the
 * ServiceMonitor puts the endpoint's readiness on its up series. A ready target is down when it has
 * answered no scrape for a short window after answering most scrapes of the hour before, or none for a
 * long window whatever came before. A target that fails most of its scrapes at random has silent runs
 * of ten minutes and more within hours (at 70 % a run of 20 scrapes is likely), so silence alone
 * would page on it again and again; its hour is mostly silent, and only the long window, which such a
 * target practically never fills, sees it.
 */
final class TargetSilence {
  /** The short window: 5m, or fewer scrapes when they are frequent. */
  static final String WINDOW = "5m";
  static final int WINDOW_SCRAPES = 10;
  /** The hour before, and the share of its scrapes a healthy target answered. */
  static final String HISTORY = "1h";
  static final double HEALTHY_SHARE = 0.75;
  /** Silent this long: down, whatever came before. */
  static final String LONG_WINDOW = "30m";

  private TargetSilence() {}

  /** The short window for this service: ten scrapes up to 5m, and at least four. */
  static String window(ObservedServiceModel m) {
    double tenScrapes = WINDOW_SCRAPES * DurationParser.seconds(m.scrape().interval());
    return Windows.atLeastFourScrapes(m, Windows.format(Math.min(tenScrapes, DurationParser.seconds(WINDOW))));
  }

  /**
   * TargetDown's expression: the share of ready targets that count as down above the threshold, in
   * percent; or 100 while targets exist and none is ready.
   */
  static Expr targetDown(ObservedServiceModel m) {
    return Expr.grouped(Expr.number(100).inline("*", Expr.block(
            Expr.aggregate("count", Expr.BY_SERVICE, silent(m)), "/",
            Expr.aggregate("count", Expr.BY_SERVICE, Expr.of(readyUp(m)))))
        .gt(m.alerts().targetDown().threshold()))
        .then("or", Expr.grouped(Expr.aggregate("count", Expr.BY_SERVICE, PromQl.expr("up", m)).inline("*",
                Expr.number(0)).inline("+", Expr.number(100))
            .then("unless on (" + Expr.BY_SERVICE + ")", Expr.of(readyUp(m)))));
  }

  /** The up series of the targets that are ready, or whose readiness is unknown. */
  static String readyUp(ObservedServiceModel m) {
    return PromQl.series("up", m, Map.of(ServiceMonitorRenderer.READY_LABEL, "!=\"false\""));
  }

  /**
   * The ready targets that count as down now, one series each. Once TargetDown fires, a target silent
   * for the short window stays down whatever its hour held (its own ALERTS series): else a target down for
   * a quarter of an hour fell below the healthy share and the page resolved mid-outage.
   */
  static Expr silent(ObservedServiceModel m) {
    String up = readyUp(m);
    Expr silentNow = Expr.of(overTime("max", up, window(m)) + " == 0");
    Map<String, String> firing = new java.util.LinkedHashMap<>();
    firing.put("alertname", "=" + PromQl.quote(m.alerts().namePrefix() + "TargetDown"));
    firing.put("alertstate", "=\"firing\"");
    return Expr.grouped(Expr.lines("or", java.util.List.of(
        silentNow.then("and", Expr.of(overTime("avg", up, Windows.atLeastFourScrapes(m, HISTORY)) + " > "
            + Numbers.format(HEALTHY_SHARE))),
        silentNow.andOnService(Expr.of(PromQl.series("ALERTS", m, firing))),
        Expr.of(overTime("max", up, Windows.atLeastFourScrapes(m, LONG_WINDOW)) + " == 0"))));
  }

  /** When it fires, in words (the README's alert table). */
  static String words() {
    return "answered no scrape for " + WINDOW + " (ten scrapes, when more frequent) after answering "
        + Numbers.format(HEALTHY_SHARE * 100) + " % of the last " + HISTORY + "'s, or none for " + LONG_WINDOW;
  }

  private static String overTime(String fn, String selector, String window) {
    return fn + "_over_time(" + selector + "[" + window + "])";
  }
}
