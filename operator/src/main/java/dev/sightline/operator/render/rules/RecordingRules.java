package dev.sightline.operator.render.rules;

import dev.sightline.operator.render.Expr;
import dev.sightline.operator.render.PromQl;
import dev.sightline.operator.model.DurationParser;
import dev.sightline.operator.model.MetricNames;
import dev.sightline.operator.model.Numbers;
import dev.sightline.operator.model.Objectives;
import dev.sightline.operator.model.ObservedServiceModel;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.openshift.api.model.monitoring.v1.Rule;
import io.fabric8.openshift.api.model.monitoring.v1.RuleBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.DoubleFunction;
import java.util.function.Supplier;

/**
 * Recording rules, named level:metric:operations and keyed by {namespace, job}: golden signals
 * for dashboards and alerts, and the SLI ratios over every window the burn-rate alerts need. They
 * normalise every metric convention to one vocabulary.
 */
public final class RecordingRules {
  public static final String REQUESTS_RATE5M = requestsRate("5m");
  public static final String ERRORS_RATE5M = "namespace_job:sightline_http_errors:rate5m";
  public static final String ERROR_RATIO5M = errorRatio("5m");
  public static final String IN_FLIGHT = "namespace_job:sightline_http_in_flight:sum";
  /** Requests under the latency threshold, and all requests the histogram counted, per second over 5m. */
  public static final String FAST_RATE5M = "namespace_job:sightline_http_fast:rate5m";
  public static final String HISTOGRAM_RATE5M = "namespace_job:sightline_http_histogram_requests:rate5m";
  public static final int[] PERCENTILES = {50, 95, 99};

  private RecordingRules() {}

  public static String latencyQuantile(int percentile) {
    return "namespace_job:sightline_http_request_duration_seconds:p" + percentile + "_rate5m";
  }

  /** Requests per second over a window. */
  public static String requestsRate(String window) {
    return "namespace_job:sightline_http_requests:rate" + window;
  }

  /** Share of failed requests over a window. */
  public static String errorRatio(String window) {
    return "namespace_job:sightline_http_errors:ratio_rate" + window;
  }

  /** Share of requests slower than the latency objective over a window. */
  public static String slowRatio(String window) {
    return "namespace_job:sightline_http_slow:ratio_rate" + window;
  }

  /** Error budget left over the SLO window, 1 = untouched, below 0 = overspent. */
  public static String budgetRemaining(String slo) {
    return "namespace_job:sightline_slo_" + slo + ":error_budget_remaining";
  }

  /**
   * How windows longer than 5 minutes are computed. Sloth's optimised SLI rules, traffic-weighted: from
   * the recorded 5m rates summed over the window (failed over all requests, not a mean of ratios), which
   * reads one series per service instead of every route and status of the raw counters over days.
   * Equivalent within the 5m edge of the window; a new rule has history only from its first evaluation.
   * The raw counters are kept as the baseline the rule-cost benchmark compares with (Sloth's
   * --disable-optimizations).
   */
  public enum LongWindows { FROM_RECORDED_5M, FROM_COUNTERS }

  public static List<Rule> render(ObservedServiceModel model) {
    return render(model, LongWindows.FROM_RECORDED_5M);
  }

  public static List<Rule> render(ObservedServiceModel model, LongWindows longWindows) {
    MetricNames m = model.metrics().names();
    String requests = PromQl.series(m.requestsTotal(), model);
    String errors =
        PromQl.series(m.requestsTotal(), model, Map.of(m.statusLabel(), "=~" + PromQl.quote(model.metrics().errorStatusRegex())));
    List<Rule> rules = new ArrayList<>();
    rules.add(record(REQUESTS_RATE5M, Expr.serviceRate(requests, "5m")));
    // "or 0 * requests" keeps the error series at 0 instead of absent while nothing fails.
    rules.add(record(ERRORS_RATE5M, errorsOrZero(errors, requests, "5m")));
    List<String> windows = new ArrayList<>();
    windows.add(Windows.fastError(model));
    Windows.sli(model).stream().filter(w -> !windows.contains(w)).forEach(windows::add);
    for (String w : windows) {
      rules.add(record(errorRatio(w), fromRecorded(longWindows, w)
          ? ratioOfSums(ERRORS_RATE5M, REQUESTS_RATE5M, model, w)
          : Expr.indented(errorsOrZero(errors, requests, w)).then("/", Expr.serviceRate(requests, w))));
    }
    // the burn-rate guards' request counts, one per long window
    for (Windows.Pair p : Windows.PAIRS) {
      String w = Windows.atLeastFourScrapes(model, p.longWindow());
      if (!requestsRate(w).equals(REQUESTS_RATE5M)) {
        rules.add(record(requestsRate(w), fromRecorded(longWindows, w)
            ? Expr.avgOverTime(PromQl.series(REQUESTS_RATE5M, model), w) : Expr.serviceRate(requests, w)));
      }
    }
    if (m.hasLatency()) {
      // native buckets only when there are no classic ones: a histogram exposed both ways keeps the classic rules
      Expr buckets = model.metrics().nativeOnly() ? nativeRate(model, "5m")
          : Expr.sumBy(Expr.BY_SERVICE + ", le", Expr.rate(PromQl.series(m.bucket(), model), "5m"));
      for (int p : PERCENTILES) {
        rules.add(record(latencyQuantile(p), Expr.call("histogram_quantile", Expr.number(p / 100.0), buckets)));
      }
      if (model.latencySli()) {
        rules.add(record(FAST_RATE5M, fastRate(model, "5m")));
        rules.add(record(HISTOGRAM_RATE5M, histogramRate(model, "5m")));
        for (String w : Windows.sli(model)) {
          rules.add(record(slowRatio(w), oneMinus(fromRecorded(longWindows, w)
              ? ratioOfSums(FAST_RATE5M, HISTOGRAM_RATE5M, model, w)
              : Expr.block(fastRate(model, w), "/", histogramRate(model, w)))));
        }
      }
    }
    if (m.inFlight() != null) {
      rules.add(record(IN_FLIGHT, Expr.sumBy(Expr.BY_SERVICE, PromQl.expr(m.inFlight(), model))));
    }
    return rules;
  }

  /**
   * The service-wide budgets left over the whole SLO window: failed over all requests across it, summed from the
   * recorded 5m rates (traffic-weighted; a mean of 5m ratios would weigh a quiet hour like a busy one, and its
   * 0/0 = NaN would stay in the window for a month); NaN only when the window saw no request at all. They belong in
   * the slow group ({@link ObjectiveRules#SLOW_INTERVAL}): a 30-day budget reads 86,400 samples per series at a 30 s
   * evaluation interval, most of the service's rule cost when evaluated every interval, for a gauge that moves by
   * the hour.
   */
  public static List<Rule> budgets(ObservedServiceModel model) {
    List<Rule> rules = new ArrayList<>();
    rules.add(record(budgetRemaining("availability"), budgetLeft(
        ratioOfSums(ERRORS_RATE5M, REQUESTS_RATE5M, model, model.objectives().window()),
        model.objectives().availabilityBudget())));
    if (model.latencySli()) {
      rules.add(record(budgetRemaining("latency"), budgetLeft(
          Expr.grouped(oneMinus(ratioOfSums(FAST_RATE5M, HISTOGRAM_RATE5M, model, model.objectives().window()))),
          model.objectives().latency().budget())));
    }
    return rules;
  }

  /** Whether a window is computed from the recorded 5m rates: longer than 5m, and asked for. */
  private static boolean fromRecorded(LongWindows longWindows, String window) {
    return longWindows == LongWindows.FROM_RECORDED_5M && DurationParser.seconds(window) > 300;
  }

  /** Two recorded rates summed over a window, one over the other: a traffic-weighted ratio. */
  private static Expr ratioOfSums(String part, String all, ObservedServiceModel model, String window) {
    return Expr.block(Expr.sumOverTime(PromQl.series(part, model), window), "/",
        Expr.sumOverTime(PromQl.series(all, model), window));
  }

  /** Requests faster than the latency threshold per second, by the rules of {@link #atOrUnder}. */
  static Expr fastRate(ObservedServiceModel model, String window) {
    return atOrUnder(model.objectives().latency(), bound -> Expr.serviceRate(bucket(model, bound), window),
        () -> nativeRate(model, window));
  }

  /**
   * Requests per second at or under a bound (the latency's threshold; the dashboard's Apdex counts T and 4T
   * the same way): the native histogram's fraction up to it when it has no classic bucket there; the bucket
   * at it (assumed while the layout is unknown); else linear interpolation between the buckets around it
   * (what histogram_quantile assumes inside a bucket), from 0 when it is below the first bucket.
   *
   * @param bucketRate the rate of the classic bucket with a bound
   * @param nativeRate the native histogram's rate
   */
  public static Expr atOrUnder(Objectives.Latency bound, DoubleFunction<Expr> bucketRate, Supplier<Expr> nativeRate) {
    double t = bound.thresholdSeconds();
    return switch (bound.method()) {
      case NATIVE -> {
        Expr histogram = nativeRate.get();
        yield Expr.call("histogram_count", histogram).inline("*",
            Expr.call("histogram_fraction", Expr.number(0), Expr.number(t), histogram));
      }
      case BUCKET, NONE -> bucketRate.apply(t);
      case INTERPOLATED -> {
        double hi = bound.boundAtOrAbove();
        Expr upper = bucketRate.apply(hi);
        Double lo = bound.boundBelow();
        if (lo == null) {
          yield upper.inline("*", Expr.number(Numbers.round(t / hi)));
        }
        Expr lower = bucketRate.apply(lo);
        yield Expr.grouped(lower.then("+", Expr.grouped(upper.then("-", lower))
            .inline("*", Expr.number(Numbers.round((t - lo) / (hi - lo))))));
      }
    };
  }

  /**
   * All requests the latency histogram counted, per second: of the classic histograms that have the bucket
   * the fast rate reads, only. A rolling deploy to another bucket layout otherwise went on counting the new
   * pods' requests while none of them could be fast, and the long windows and the budget read them all as
   * slow (a false page, a budget at -900 %); this way both sides stop together, the ratios keep their last
   * value and LatencySliMissing says why.
   */
  private static Expr histogramRate(ObservedServiceModel model, String window) {
    Objectives.Latency latency = model.objectives().latency();
    if (latency.method() == Objectives.Latency.Method.NATIVE) {
      return Expr.call("histogram_count", nativeRate(model, window));
    }
    double bound = latency.method() == Objectives.Latency.Method.INTERPOLATED ? latency.boundAtOrAbove()
        : latency.thresholdSeconds();
    // matched on the same window as the fast rate's, so both sides see a histogram come and go together
    return Expr.sumBy(Expr.BY_SERVICE, Expr.rate(bucket(model, "+Inf"), window)
        .inline("and ignoring (le)", Expr.rate(bucket(model, bound), window)));
  }

  /** The service's native histogram rate: one histogram per service. */
  private static Expr nativeRate(ObservedServiceModel model, String window) {
    return Expr.serviceRate(PromQl.series(model.metrics().names().durationHistogram(), model), window);
  }

  /** The classic bucket series with this upper bound, whatever its spelling. */
  static String bucket(ObservedServiceModel model, double bound) {
    return PromQl.series(model.metrics().names().bucket(), model,
        Map.of("le", "=~" + PromQl.quote(BucketBoundary.leRegex(bound))));
  }

  /** The classic bucket series with this le value, e.g. +Inf. */
  static String bucket(ObservedServiceModel model, String le) {
    return PromQl.series(model.metrics().names().bucket(), model, Map.of("le", "=" + PromQl.quote(le)));
  }

  /** The failed requests' rate, or 0 times all requests' rate while none fails. */
  private static Expr errorsOrZero(String errors, String requests, String window) {
    return Expr.serviceRate(errors, window).then("or", Expr.number(0).inline("*", Expr.serviceRate(requests, window)));
  }

  private static Expr budgetLeft(Expr badRatio, double budget) {
    return oneMinus(Expr.block(badRatio, "/", Expr.number(budget)));
  }

  private static Expr oneMinus(Expr e) {
    return Expr.number(1).inline("-", e);
  }

  private static Rule record(String name, Expr expr) {
    return new RuleBuilder().withRecord(name).withExpr(new IntOrString(expr.text())).build();
  }
}
