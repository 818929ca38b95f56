package dev.sightline.operator.render.rules;

import dev.sightline.operator.model.MetricNames;
import dev.sightline.operator.model.Objectives;
import dev.sightline.operator.model.ObservedServiceModel;
import dev.sightline.operator.model.Slo;
import dev.sightline.operator.render.Expr;
import dev.sightline.operator.render.PromQl;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.openshift.api.model.monitoring.v1.Rule;
import io.fabric8.openshift.api.model.monitoring.v1.RuleBuilder;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The recording rules of the named objectives (spec.slos). The raw counters are read once per service, into 5m
 * rates by route and method (and le for the latency buckets) that every objective shares; each objective sums
 * its requests from them into series labelled slo (and the route label when grouped), from which its long
 * windows and budget follow as the service-wide ones do. N objectives thus read the raw series once, not N times.
 * An objective whose requests see no traffic has no ratio and no budget instead of 0/0 = NaN, and cannot page.
 */
public final class ObjectiveRules {
  /**
   * How often the slow parts are evaluated, in a group of their own: the budgets (service-wide and named), and the
   * named objectives' windows only their slow-burn tickets read (2h, 1d, 3d) with those tickets. They read days of
   * samples (a 30-day budget is 86,400 samples at a 30 s evaluation interval) and were most of the cost; a ticket
   * that takes hours to fire loses nothing firing up to 5 minutes later, and a budget moves by the hour (the status
   * reads it every 5 minutes too). The pages and the windows they read stay in the service's group, evaluated
   * every interval.
   */
  public static final String SLOW_INTERVAL = "5m";
  /** The label every named objective's series and alerts carry: its name. */
  public static final String SLO_LABEL = "slo";
  static final String SHARED_REQUESTS = "namespace_job_route_method:sightline_http_requests:rate5m";
  static final String SHARED_ERRORS = "namespace_job_route_method:sightline_http_errors:rate5m";
  static final String SHARED_BUCKETS = "namespace_job_route_method_le:sightline_http_request_duration_seconds_bucket:rate5m";
  static final String SHARED_NATIVE = "namespace_job_route_method:sightline_http_request_duration_seconds:rate5m";
  private static final String LEVEL = "namespace_job:";
  private static final String OBJECTIVE_LEVEL = "namespace_job_slo:";

  private ObjectiveRules() {}

  /** A service-wide series name at the objectives' level, e.g. namespace_job_slo:sightline_http_requests:rate5m. */
  public static String perObjective(String serviceSeries) {
    if (!serviceSeries.startsWith(LEVEL)) {
      throw new IllegalArgumentException(serviceSeries);
    }
    return OBJECTIVE_LEVEL + serviceSeries.substring(LEVEL.length());
  }

  /** The labels an objective's requests are summed by: the service's, and the route's when grouped. */
  static String by(ObservedServiceModel model, Slo slo) {
    return Expr.BY_SERVICE + (slo.perRoute() ? ", " + model.metrics().names().routeLabel() : "");
  }

  /** The labels of an objective's recorded series: those its sums keep, and slo, which its rules add. */
  static String labels(ObservedServiceModel model, Slo slo) {
    return by(model, slo) + ", " + SLO_LABEL;
  }

  /** The matchers that pick one objective's recorded series. */
  static Map<String, String> matchers(Slo slo) {
    return Map.of(SLO_LABEL, "=" + PromQl.quote(slo.name()));
  }

  /**
   * The named objectives' rules in the service's group: the shared 5m rates, then per objective its 5m sums and the
   * windows its fast-burn page reads. None without named objectives.
   */
  public static List<Rule> render(ObservedServiceModel model) {
    List<Slo> named = model.objectives().named();
    List<Rule> rules = new ArrayList<>();
    if (named.isEmpty()) {
      return rules;
    }
    MetricNames m = model.metrics().names();
    String byRouteMethod = Expr.BY_SERVICE + ", " + m.routeLabel() + ", " + m.methodLabel();
    String requests = PromQl.series(m.requestsTotal(), model);
    rules.add(record(SHARED_REQUESTS, Expr.sumBy(byRouteMethod, Expr.rate(requests, "5m")), Map.of()));
    if (named.stream().anyMatch(s -> s.availability() != null)) {
      String errors = PromQl.series(m.requestsTotal(), model,
          Map.of(m.statusLabel(), "=~" + PromQl.quote(model.metrics().errorStatusRegex())));
      rules.add(record(SHARED_ERRORS, Expr.sumBy(byRouteMethod, Expr.rate(errors, "5m")), Map.of()));
    }
    Set<String> bounds = new LinkedHashSet<>();
    boolean nativeRate = false;
    for (Slo s : named) {
      if (model.latencySli(s.latency())) {
        bounds.addAll(bounds(s.latency()));
        nativeRate |= s.latency().method() == Objectives.Latency.Method.NATIVE;
      }
    }
    if (!bounds.isEmpty()) {
      bounds.add("\\+Inf");
      rules.add(record(SHARED_BUCKETS, Expr.sumBy(byRouteMethod + ", le", Expr.rate(PromQl.series(m.bucket(), model,
          Map.of("le", "=~" + PromQl.quote(String.join("|", bounds)))), "5m")), Map.of()));
    }
    if (nativeRate) {
      rules.add(record(SHARED_NATIVE,
          Expr.sumBy(byRouteMethod, Expr.rate(PromQl.series(m.durationHistogram(), model), "5m")), Map.of()));
    }
    for (Slo s : named) {
      rules.addAll(objective(model, s, true));
    }
    return rules;
  }

  /**
   * The slow group's rules ({@link #SLOW_INTERVAL}): the service-wide budgets left, then the named objectives' windows
   * only their slow-burn tickets read, the tickets, and their budgets left.
   */
  public static List<Rule> slow(ObservedServiceModel model) {
    List<Rule> rules = new ArrayList<>(RecordingRules.budgets(model));
    for (Slo s : model.objectives().named()) {
      rules.addAll(objective(model, s, false));
    }
    rules.addAll(BurnRateAlerts.tickets(model));
    rules.addAll(budgets(model));
    return rules;
  }

  /** The windows the fast-burn pages read (each at least four scrapes): evaluated with them, every interval. */
  static Set<String> pageWindows(ObservedServiceModel model) {
    Set<String> out = new LinkedHashSet<>();
    for (Windows.Pair p : Windows.PAIRS) {
      if (p.page()) {
        out.add(Windows.atLeastFourScrapes(model, p.longWindow()));
        out.add(Windows.atLeastFourScrapes(model, p.shortWindow()));
      }
    }
    return out;
  }

  /** The le regular expressions of the buckets an objective's latency SLI reads. */
  private static List<String> bounds(Objectives.Latency latency) {
    return switch (latency.method()) {
      case NATIVE -> List.of();
      case BUCKET, NONE -> List.of(BucketBoundary.leRegex(latency.thresholdSeconds()));
      case INTERPOLATED -> latency.boundBelow() == null ? List.of(BucketBoundary.leRegex(latency.boundAtOrAbove()))
          : List.of(BucketBoundary.leRegex(latency.boundBelow()), BucketBoundary.leRegex(latency.boundAtOrAbove()));
    };
  }

  /**
   * One objective's recording rules: with {@code page}, its 5m sums and the windows the fast burn reads; else the
   * windows only the slow burn reads.
   */
  private static List<Rule> objective(ObservedServiceModel model, Slo slo, boolean page) {
    Map<String, String> labels = Map.of(SLO_LABEL, slo.name());
    String by = by(model, slo);
    List<Rule> rules = new ArrayList<>();
    String requests5m = perObjective(RecordingRules.REQUESTS_RATE5M);
    Expr requests = Expr.sumBy(by, Expr.of(shared(model, slo, SHARED_REQUESTS, Map.of())));
    if (page) {
      rules.add(record(requests5m, requests, labels));
    }
    Set<String> pageWindows = pageWindows(model);
    List<String> windows = Windows.sli(model).stream().filter(w -> pageWindows.contains(w) == page).toList();
    if (slo.availability() != null) {
      String errors5m = perObjective(RecordingRules.ERRORS_RATE5M);
      if (page) {
        rules.add(record(errors5m, Expr.sumBy(by, Expr.of(shared(model, slo, SHARED_ERRORS, Map.of())))
            .then("or", Expr.number(0).inline("*", requests)), labels));
      }
      for (String w : windows) {
        rules.add(record(perObjective(RecordingRules.errorRatio(w)), ratio(model, slo, errors5m, requests5m, w), labels));
      }
    }
    for (Windows.Pair p : Windows.PAIRS) {
      String w = Windows.atLeastFourScrapes(model, p.longWindow());
      if (!RecordingRules.requestsRate(w).equals(RecordingRules.REQUESTS_RATE5M) && pageWindows.contains(w) == page) {
        rules.add(record(perObjective(RecordingRules.requestsRate(w)), Expr.avgOverTime(series(model, slo,
            requests5m), w), labels));
      }
    }
    boolean latency = model.latencySli(slo.latency());
    String fast5m = perObjective(RecordingRules.FAST_RATE5M);
    String histogram5m = perObjective(RecordingRules.HISTOGRAM_RATE5M);
    if (latency) {
      Objectives.Latency l = slo.latency();
      if (page) {
        rules.add(record(fast5m, RecordingRules.atOrUnder(l,
            bound -> Expr.sumBy(by, Expr.of(bucket(model, slo, BucketBoundary.leRegex(bound)))),
            () -> Expr.sumBy(by, Expr.of(shared(model, slo, SHARED_NATIVE, Map.of())))), labels));
        rules.add(record(histogram5m, histogramRate(model, slo, by), labels));
      }
      for (String w : windows) {
        rules.add(record(perObjective(RecordingRules.slowRatio(w)),
            Expr.number(1).inline("-", ratio(model, slo, fast5m, histogram5m, w)), labels));
      }
    }
    return rules;
  }

  /** The budgets left of the named objectives. */
  static List<Rule> budgets(ObservedServiceModel model) {
    List<Rule> rules = new ArrayList<>();
    for (Slo slo : model.objectives().named()) {
      Map<String, String> labels = Map.of(SLO_LABEL, slo.name());
      String requests5m = perObjective(RecordingRules.REQUESTS_RATE5M);
      if (slo.availability() != null) {
        rules.add(record(perObjective(RecordingRules.budgetRemaining("availability")), budgetLeft(
            ratio(model, slo, perObjective(RecordingRules.ERRORS_RATE5M), requests5m, slo.window()),
            slo.availabilityBudget()), labels));
      }
      if (model.latencySli(slo.latency())) {
        rules.add(record(perObjective(RecordingRules.budgetRemaining("latency")), budgetLeft(
            Expr.grouped(Expr.number(1).inline("-", ratio(model, slo, perObjective(RecordingRules.FAST_RATE5M),
                perObjective(RecordingRules.HISTOGRAM_RATE5M), slo.window()))), slo.latency().budget()), labels));
      }
    }
    return rules;
  }

  /**
   * Requests the histogram counted per second: of the series that have the bucket the fast rate reads, so that
   * both sides of the ratio stop together when a layout without that bucket rolls out.
   */
  private static Expr histogramRate(ObservedServiceModel model, Slo slo, String by) {
    Objectives.Latency l = slo.latency();
    if (l.method() == Objectives.Latency.Method.NATIVE) {
      return Expr.call("histogram_count", Expr.sumBy(by, Expr.of(shared(model, slo, SHARED_NATIVE, Map.of()))));
    }
    double bound = l.method() == Objectives.Latency.Method.INTERPOLATED ? l.boundAtOrAbove() : l.thresholdSeconds();
    return Expr.sumBy(by, Expr.of(bucket(model, slo, "\\+Inf"))
        .inline("and ignoring (le)", Expr.of(bucket(model, slo, BucketBoundary.leRegex(bound)))));
  }

  /**
   * part over all within a window, traffic-weighted from the recorded 5m rates; absent, not NaN, while the
   * window saw no request.
   */
  private static Expr ratio(ObservedServiceModel model, Slo slo, String part, String all, String window) {
    if (window.equals("5m")) {
      return Expr.of(series(model, slo, part)).inline("/", Expr.of("(" + series(model, slo, all) + " > 0)"));
    }
    return Expr.block(Expr.sumOverTime(series(model, slo, part), window), "/",
        Expr.grouped(Expr.sumOverTime(series(model, slo, all), window).gt(0)));
  }

  private static Expr budgetLeft(Expr badRatio, double budget) {
    return Expr.number(1).inline("-", Expr.block(badRatio, "/", Expr.number(budget)));
  }

  /** One objective's recorded series. */
  static String series(ObservedServiceModel model, Slo slo, String name) {
    return PromQl.series(name, model, matchers(slo));
  }

  /** A shared 5m rate narrowed to the objective's requests (and extra matchers). */
  private static String shared(ObservedServiceModel model, Slo slo, String name, Map<String, String> extra) {
    Map<String, String> matchers = new TreeMap<>(extra);
    matchers.putAll(requestMatchers(model, slo));
    return PromQl.series(name, model, matchers);
  }

  /**
   * The label matchers that pick an objective's requests, label to operator and quoted value: the route's, then the
   * method's (none: every request).
   */
  public static Map<String, String> requestMatchers(ObservedServiceModel model, Slo slo) {
    MetricNames m = model.metrics().names();
    Map<String, String> matchers = new java.util.LinkedHashMap<>();
    if (slo.requests().route() != null) {
      matchers.put(m.routeLabel(), slo.requests().route().op() + PromQl.quote(slo.requests().route().value()));
    }
    if (slo.requests().method() != null) {
      matchers.put(m.methodLabel(), slo.requests().method().op() + PromQl.quote(slo.requests().method().value()));
    }
    return matchers;
  }

  private static String bucket(ObservedServiceModel model, Slo slo, String leRegex) {
    return shared(model, slo, SHARED_BUCKETS, Map.of("le", "=~" + PromQl.quote(leRegex)));
  }

  private static Rule record(String name, Expr expr, Map<String, String> labels) {
    RuleBuilder b = new RuleBuilder().withRecord(name).withExpr(new IntOrString(expr.text()));
    return labels.isEmpty() ? b.build() : b.withLabels(new TreeMap<>(labels)).build();
  }
}
