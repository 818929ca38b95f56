package dev.sightline.operator.render.rules;

import dev.sightline.operator.render.Expr;
import dev.sightline.operator.render.PromQl;
import dev.sightline.operator.render.ServiceMonitorRenderer;
import dev.sightline.operator.model.DurationParser;
import dev.sightline.operator.model.Numbers;
import dev.sightline.operator.model.ObservedServiceModel;
import java.util.List;
import java.util.Map;

/**
 * When a scrape target counts as down for TargetDown. Only ready targets count (or targets whose
 * readiness is unknown): one that starts or is not ready gets no traffic from the Service, and the
 * ServiceMonitor puts the endpoint's readiness on its up series. A ready target is down when it has
 * answered no scrape for a short window after a steady hour, or none for a long window whatever came
 * before. A target that fails most of its scrapes at random has silent runs of ten minutes and more
 * within hours (at 70 % a run of 20 scrapes is likely), so silence alone would page on it again and
 * again; its hour is anything but steady, and only the long window, which such a target practically
 * never fills, sees it.
 */
final class TargetSilence {
  /** The short window: 5m, or fewer scrapes when they are frequent. */
  static final String WINDOW = "5m";
  static final int WINDOW_SCRAPES = 10;
  /**
   * The hour before: a steady target changed state at most this often in it (a restart or two), or
   * answered this share of its scrapes. A target failing most scrapes at random changes state dozens of
   * times an hour and answers a third of them.
   */
  static final String HISTORY = "1h";
  static final int STEADY_CHANGES = 4;
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
    String history = Windows.atLeastFourScrapes(m, HISTORY);
    Expr silentNow = Expr.of(overTime("max", up, window(m)) + " == 0");
    return Expr.grouped(Expr.lines("or", List.of(
        // steady before the silence: few changes of state in the hour (a young target has little history, and its
        // silence would outweigh its healthy minutes), or most of the hour before the silence answered
        silentNow.then("and", Expr.grouped(Expr.of("changes(" + up + "[" + history + "]) <= " + STEADY_CHANGES)
            .then("or", Expr.of("avg_over_time(" + up + "[" + history + "] offset " + window(m) + ") > "
                + Numbers.format(HEALTHY_SHARE))))),
        silentNow.andOnService(GoldenSignalAlerts.firing(m, "TargetDown")),
        Expr.of(overTime("max", up, Windows.atLeastFourScrapes(m, LONG_WINDOW)) + " == 0"))));
  }

  /** When it fires, in words (the README's alert table). */
  static String words() {
    return "answered no scrape for " + WINDOW + " (ten scrapes, when more frequent) after a steady " + HISTORY
        + " (at most " + STEADY_CHANGES + " changes of `up`, or " + Numbers.format(HEALTHY_SHARE * 100)
        + " % of its scrapes answered), or none for " + LONG_WINDOW;
  }

  private static String overTime(String fn, String selector, String window) {
    return fn + "_over_time(" + selector + "[" + window + "])";
  }
}
