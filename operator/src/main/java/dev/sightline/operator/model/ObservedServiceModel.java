package dev.sightline.operator.model;

import dev.sightline.operator.api.AlertCatalog;
import dev.sightline.operator.api.AlertSpec;
import dev.sightline.operator.api.AllFailAlertSpec;
import dev.sightline.operator.api.AlertsSpec;
import dev.sightline.operator.api.BudgetBurnAlertSpec;
import dev.sightline.operator.api.DashboardDelivery;
import dev.sightline.operator.api.DashboardSpec;
import dev.sightline.operator.api.Defaults;
import dev.sightline.operator.api.ErrorRateAlertSpec;
import dev.sightline.operator.api.LatencyAlertSpec;
import dev.sightline.operator.api.LatencyObjectiveSpec;
import dev.sightline.operator.api.MetricConvention;
import dev.sightline.operator.api.MetricsSpec;
import dev.sightline.operator.api.ObjectivesSpec;
import dev.sightline.operator.api.ObservedService;
import dev.sightline.operator.api.ObservedServiceSpec;
import dev.sightline.operator.api.SaturationAlertSpec;
import dev.sightline.operator.api.Selector;
import dev.sightline.operator.api.SeveritiesSpec;
import dev.sightline.operator.api.SloGrouping;
import dev.sightline.operator.api.SloSpec;
import dev.sightline.operator.api.Severity;
import dev.sightline.operator.api.TargetDownAlertSpec;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirementBuilder;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * An ObservedService with every default applied (from {@link Defaults}): built once per
 * reconciliation by {@link #fromCrd}, the single input of every renderer. Objects the API server
 * did not default (tests, objects stored before a default existed) build the same model.
 */
public record ObservedServiceModel(
    String namespace,
    String name,
    Scrape scrape,
    Metrics metrics,
    Objectives objectives,
    Alerts alerts,
    Dashboard dashboard,
    Routing routing,
    Map<String, String> commonLabels,
    boolean addSelectorLabels,
    Map<String, String> monitorSelectorLabels,
    Map<String, String> ruleSelectorLabels) {

  private static final MetricConvention DEFAULT_CONVENTION = apiValue(MetricConvention.class, Defaults.CONVENTION);
  private static final DashboardDelivery DEFAULT_DELIVERY =
      apiValue(DashboardDelivery.class, Defaults.DASHBOARD_DELIVERY);

  /**
   * What Sightline learnt from the cluster and from Prometheus that shapes the objects.
   *
   * @param selectorLabels labels to add so that a Prometheus selects the ServiceMonitor and PrometheusRule
   * @param convention the convention found for {@code metrics.convention: auto}, or null
   * @param histogram the latency histogram's layout Prometheus has
   */
  public record Discovered(Map<String, String> selectorLabels, MetricConvention convention, Histogram histogram) {
    public static final Discovered NONE = new Discovered(Map.of(), null, Histogram.UNKNOWN);
  }

  public static ObservedServiceModel fromCrd(ObservedService resource) {
    return fromCrd(resource, Discovered.NONE);
  }

  public static ObservedServiceModel fromCrd(ObservedService resource, Discovered discovered) {
    ObservedServiceSpec spec = resource.getSpec() == null ? new ObservedServiceSpec() : resource.getSpec();
    MetricsSpec m = or(spec.metrics, new MetricsSpec());
    boolean auto = m.convention == MetricConvention.AUTO;
    MetricConvention convention = auto
        ? or(discovered.convention(), DEFAULT_CONVENTION) : or(m.convention, DEFAULT_CONVENTION);
    boolean addSelectorLabels = spec.addSelectorLabels == null
        ? Boolean.parseBoolean(Defaults.ADD_SELECTOR_LABELS) : spec.addSelectorLabels;
    Objectives objectives =
        objectives(or(spec.objectives, new ObjectivesSpec()), spec.slos, discovered.histogram());
    return new ObservedServiceModel(
        resource.getMetadata().getNamespace(),
        resource.getMetadata().getName(),
        new Scrape(
            serviceNameOf(resource),
            selector(spec.selector),
            spec.port == null ? new IntOrString(Defaults.PORT) : spec.port,
            or(spec.path, Defaults.PATH),
            or(spec.interval, Defaults.INTERVAL),
            or(spec.scrapeTimeout, Defaults.SCRAPE_TIMEOUT)),
        new Metrics(convention, auto, MetricNames.of(convention, m.custom),
            or(m.errorStatusRegex, Defaults.ERROR_STATUS_REGEX), discovered.histogram()),
        objectives,
        alerts(or(spec.alerts, new AlertsSpec()), objectives.latency()),
        dashboard(or(spec.dashboard, new DashboardSpec())),
        routing(or(spec.routing, new dev.sightline.operator.api.RoutingSpec())),
        sorted(spec.commonLabels),
        addSelectorLabels,
        selectorLabels(addSelectorLabels, discovered.selectorLabels()),
        selectorLabels(addSelectorLabels, discovered.selectorLabels()));
  }

  /** This model with the labels a Prometheus selects by on the objects it selects (none when adding is off). */
  public ObservedServiceModel withSelectorLabels(Map<String, String> labels) {
    return withSelectorLabels(labels, labels);
  }

  /**
   * This model with the labels the scraping instance selects the ServiceMonitor by, and those the
   * evaluating one selects the PrometheusRule by (a ThanosRuler's, when a sharded Prometheus scrapes).
   */
  public ObservedServiceModel withSelectorLabels(Map<String, String> monitor, Map<String, String> rule) {
    return new ObservedServiceModel(namespace, name, scrape, metrics, objectives, alerts, dashboard, routing,
        commonLabels, addSelectorLabels, selectorLabels(addSelectorLabels, monitor),
        selectorLabels(addSelectorLabels, rule));
  }

  private static Map<String, String> selectorLabels(boolean add, Map<String, String> labels) {
    return add ? new TreeMap<>(labels) : Map.of();
  }

  private static Routing routing(dev.sightline.operator.api.RoutingSpec r) {
    return new Routing(or(r.enabled, Boolean.parseBoolean(Defaults.ROUTING_ENABLED)),
        destination(r.page, Defaults.PAGE_GROUP_WAIT, Defaults.PAGE_GROUP_INTERVAL, Defaults.PAGE_REPEAT_INTERVAL),
        destination(r.ticket, Defaults.TICKET_GROUP_WAIT, Defaults.TICKET_GROUP_INTERVAL,
            Defaults.TICKET_REPEAT_INTERVAL));
  }

  private static Routing.Destination destination(
      dev.sightline.operator.api.ReceiverSpec r, String groupWait, String groupInterval, String repeatInterval) {
    return r == null ? null : new Routing.Destination(r, or(r.groupWait, groupWait),
        or(r.groupInterval, groupInterval), or(r.repeatInterval, repeatInterval));
  }

  /** The Service watched by name: spec.serviceName, else the resource's name; null when a selector is used. */
  public static String serviceNameOf(ObservedService resource) {
    ObservedServiceSpec spec = resource.getSpec();
    if (spec != null && spec.selector != null) {
      return null;
    }
    return or(spec == null ? null : spec.serviceName, resource.getMetadata().getName());
  }

  /** Whether the latency SLO rules apply: an objective, a histogram, and a bucket layout an SLI can use. */
  public boolean latencySli() {
    return latencySli(objectives.latency());
  }

  /** Whether a latency objective (the service's or a named one's; null for none) has an SLI. */
  public boolean latencySli(Objectives.Latency latency) {
    return latency != null && metrics.names().hasLatency() && latency.method() != Objectives.Latency.Method.NONE;
  }

  /** The API's selector as a Kubernetes LabelSelector, or null. */
  public static LabelSelector selector(Selector s) {
    if (s == null) {
      return null;
    }
    LabelSelectorBuilder b = new LabelSelectorBuilder();
    if (s.matchLabels != null) {
      b.withMatchLabels(new TreeMap<>(s.matchLabels));
    }
    if (s.matchExpressions != null) {
      s.matchExpressions.forEach(r -> b.addToMatchExpressions(new LabelSelectorRequirementBuilder()
          .withKey(r.key)
          .withOperator(Selectors.operator(r.operator))
          .withValues(r.values)
          .build()));
    }
    return b.build();
  }

  private static Objectives objectives(ObjectivesSpec o, List<SloSpec> slos, Histogram histogram) {
    String window = or(o.window, Defaults.WINDOW);
    List<Slo> named = new ArrayList<>();
    for (SloSpec s : slos == null ? List.<SloSpec>of() : slos) {
      named.add(new Slo(s.name, new Slo.Requests(match(s.routes, s.routeRegex), match(s.methods, s.methodRegex)),
          s.availability, latency(s.latency, histogram), or(s.window, window), s.groupBy == SloGrouping.ROUTE));
    }
    return new Objectives(or(o.availability, number(Defaults.AVAILABILITY)), latency(o.latency, histogram), window,
        named);
  }

  private static Objectives.Latency latency(LatencyObjectiveSpec l, Histogram histogram) {
    if (l == null || l.threshold == null) {
      return null;
    }
    return new Objectives.Latency(l.threshold, DurationParser.seconds(l.threshold),
        or(l.target, number(Defaults.LATENCY_TARGET)), histogram);
  }

  /** Exact values, else a regular expression, else null: every value. */
  private static Slo.LabelMatch match(List<String> values, String regex) {
    if (values != null && !values.isEmpty()) {
      return Slo.LabelMatch.anyOf(values);
    }
    return regex == null || regex.isEmpty() ? null : Slo.LabelMatch.regex(regex);
  }

  private static Alerts alerts(AlertsSpec a, Objectives.Latency latency) {
    SeveritiesSpec sev = or(a.severities, new SeveritiesSpec());
    String page = or(sev.page, Defaults.PAGE_SEVERITY);
    String ticket = or(sev.ticket, Defaults.TICKET_SEVERITY);
    // every alert's basics from its setting and the defaults its @Alert declares
    Map<String, Alerts.Basics> basics = new TreeMap<>();
    for (AlertCatalog.Setting s : AlertCatalog.SETTINGS) {
      if (s.forDuration() == null) {
        continue; // the burn-rate alerts: budgetBurn below
      }
      AlertSpec spec = (AlertSpec) s.of(a);
      Alerts.Basics b = basics(spec != null ? spec : new AlertSpec(), s.forDuration(), s.severity(), page, ticket);
      s.names().forEach(n -> basics.put(n, b));
    }
    TargetDownAlertSpec td = or(a.targetDown, new TargetDownAlertSpec());
    ErrorRateAlertSpec er = or(a.highErrorRate, new ErrorRateAlertSpec());
    AllFailAlertSpec af = or(a.allRequestsFail, new AllFailAlertSpec());
    LatencyAlertSpec hl = or(a.highLatency, new LatencyAlertSpec());
    String latencyThreshold = or(hl.threshold, latency != null ? latency.threshold() : Defaults.LATENCY_THRESHOLD);
    BudgetBurnAlertSpec bb = or(a.budgetBurn, new BudgetBurnAlertSpec());
    SaturationAlertSpec sat = or(a.saturation, new SaturationAlertSpec());
    String keepFiringFor = or(bb.keepFiringFor, Defaults.KEEP_FIRING_FOR);
    return new Alerts(
        or(a.namePrefix, Defaults.NAME_PREFIX),
        page,
        ticket,
        sorted(a.labels),
        a.runbookUrlBase == null ? null : stripTrailingSlash(a.runbookUrlBase),
        new Alerts.TargetDown(or(td.threshold, number(Defaults.TARGET_DOWN_THRESHOLD))),
        new Alerts.HighErrorRate(or(er.threshold, number(Defaults.ERROR_RATE_THRESHOLD)),
            or(er.minRequestsPerSecond, number(Defaults.MIN_REQUESTS_PER_SECOND))),
        new Alerts.AllRequestsFail(or(af.minFailures, Integer.valueOf(Defaults.MIN_FAILURES))),
        new Alerts.HighLatency(latencyThreshold, DurationParser.seconds(latencyThreshold),
            or(hl.percentile, Integer.valueOf(Defaults.LATENCY_PERCENTILE)),
            or(hl.minRequestsPerSecond, number(Defaults.MIN_REQUESTS_PER_SECOND))),
        new Alerts.BudgetBurn(enabled(bb.enabled), or(bb.minRequests, Integer.valueOf(Defaults.MIN_REQUESTS)),
            keepFiring(keepFiringFor)),
        new Alerts.Saturation(or(sat.heapThreshold, number(Defaults.HEAP_THRESHOLD)),
            or(sat.cpuThreshold, number(Defaults.CPU_THRESHOLD)),
            sat.inFlightThreshold),
        Collections.unmodifiableMap(basics));
  }

  private static Alerts.Basics basics(
      AlertSpec s, String defaultFor, String defaultSeverity, String page, String ticket) {
    Severity severity = s.severity != null ? s.severity : apiValue(Severity.class, defaultSeverity);
    // a page holds for the incident: one that comes and goes stays one page episode
    String keepFiringFor = or(s.keepFiringFor, severity == Severity.PAGE ? Defaults.KEEP_FIRING_FOR : null);
    return new Alerts.Basics(enabled(s.enabled), or(s.forDuration, defaultFor), severity == Severity.PAGE ? page : ticket,
        keepFiring(keepFiringFor));
  }

  /** A keep_firing_for as rendered: null when unset or zero. */
  private static String keepFiring(String duration) {
    return duration == null || DurationParser.seconds(duration) == 0 ? null : duration;
  }

  private static Dashboard dashboard(DashboardSpec d) {
    return new Dashboard(
        enabled(d.enabled),
        or(d.folder, Defaults.DASHBOARD_FOLDER),
        or(d.delivery, DEFAULT_DELIVERY),
        selector(d.instanceSelector));
  }

  /** The constant of an API enum spelt as in YAML (its @JsonProperty), e.g. configMap. */
  private static <E extends Enum<E>> E apiValue(Class<E> type, String value) {
    return ApiSpelling.parse(type, value)
        .orElseThrow(() -> new IllegalArgumentException("no " + type.getSimpleName() + " spelt " + value));
  }

  private static boolean enabled(Boolean enabled) {
    return enabled == null ? Boolean.parseBoolean(Defaults.ENABLED) : enabled;
  }

  private static double number(String value) {
    return Double.parseDouble(value);
  }

  private static String stripTrailingSlash(String s) {
    return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
  }

  private static <T> T or(T value, T fallback) {
    return value == null ? fallback : value;
  }

  private static String or(String value, String fallback) {
    return value == null || value.isEmpty() ? fallback : value;
  }

  private static Map<String, String> sorted(Map<String, String> map) {
    return map == null ? Map.of() : new TreeMap<>(map);
  }
}
