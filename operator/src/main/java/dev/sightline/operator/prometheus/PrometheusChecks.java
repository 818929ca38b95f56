package dev.sightline.operator.prometheus;

import dev.sightline.operator.api.MetricConvention;
import dev.sightline.operator.api.ObservedService;
import dev.sightline.operator.model.ApiSpelling;
import dev.sightline.operator.model.GeneratedNames;
import dev.sightline.operator.model.Histogram;
import dev.sightline.operator.model.MetricNames;
import dev.sightline.operator.model.InvalidSpecException;
import dev.sightline.operator.model.ObservedServiceModel;
import dev.sightline.operator.prometheus.PrometheusSelection.Instance;
import dev.sightline.operator.status.Check;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.polling.PollingConfiguration;
import io.javaoperatorsdk.operator.processing.event.source.polling.PollingEventSource;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The check cycle, as a JOSDK polling event source: every interval it reads the cluster's
 * Prometheus resources (five list calls), asks each Prometheus (each shard of a sharded one) that
 * selects any ObservedService six questions about all of them and each such ThanosRuler two, and
 * judges each ObservedService ({@link ServiceChecks}). A report that differs from the last one
 * triggers that ObservedService's reconciliation; an equal one nothing. Nothing here writes to the
 * API server.
 */
public final class PrometheusChecks extends PollingEventSource<LiveReport, ObservedService, String> {
  private static final Logger log = LoggerFactory.getLogger(PrometheusChecks.class);

  private final AtomicReference<ClusterPrometheuses> cluster = new AtomicReference<>(ClusterPrometheuses.NONE);
  /** The model each ObservedService's last reconciliation built, for the generation it built it from. */
  private final Map<ResourceID, Built> models = new ConcurrentHashMap<>();
  /** What each asked Prometheus said in the last cycle, by instance id. */
  private final AtomicReference<Map<String, PrometheusState>> states = new AtomicReference<>(Map.of());

  private PrometheusChecks(PollingConfiguration<LiveReport, String> config) {
    super(LiveReport.class, config);
  }

  /**
   * The event source of a controller.
   *
   * @param registry counts the calls: sightline_checks_requests_total{api="kubernetes"|"prometheus"}
   */
  public static PrometheusChecks create(EventSourceContext<ObservedService> context, CheckSettings settings,
      MeterRegistry registry) {
    Counter kubernetes = Counter.builder("sightline.checks.requests").tag("api", "kubernetes")
        .description("Calls the check cycles made").register(registry);
    Counter prometheus = Counter.builder("sightline.checks.requests").tag("api", "prometheus")
        .description("Calls the check cycles made").register(registry);
    Counter cycles = Counter.builder("sightline.checks.cycles").description("Check cycles run").register(registry);
    KubernetesClient client = context.getClient();
    HttpClient http = HttpClient.newBuilder().connectTimeout(settings.timeout()).build();
    PrometheusChecks[] self = new PrometheusChecks[1];
    PollingEventSource.GenericResourceFetcher<LiveReport> fetcher = () -> {
      cycles.increment();
      try {
        return self[0].cycle(context, client, settings, http, kubernetes::increment, prometheus::increment);
      } catch (RuntimeException e) { // a bug must not stop the cycle nor the operator's start
        log.error("check cycle failed", e);
        return self[0].lastReports();
      }
    };
    self[0] = new PrometheusChecks(new PollingConfiguration<>("prometheus-checks", fetcher, settings.interval(),
        report -> "report"));
    return self[0];
  }

  /** Which Alertmanager picks up the service's AlertmanagerConfig (the Routed condition), or null without routing. */
  public Check routing(ObservedServiceModel model) {
    if (!model.routing().enabled()) {
      return null;
    }
    return AlertmanagerSelection.judge(cluster.get(), model.namespace(),
        GeneratedNames.alertmanagerConfig(model.name()), GeneratedNames.labels(model));
  }

  /** The last cycle's report of an ObservedService, if it was judged. */
  public Optional<LiveReport> last(ObservedService primary) {
    return getSecondaryResource(primary);
  }

  /** Keeps the model a reconciliation built, so that the check cycles judge by it instead of building another. */
  public void remember(ObservedService primary, ObservedServiceModel model) {
    models.put(ResourceID.fromResource(primary), new Built(primary.getMetadata().getGeneration(), model));
  }

  private record Built(Long generation, ObservedServiceModel model) {}

  /** Who selects this ObservedService's objects, by the last cycle's view of the cluster. */
  public Selection selection(ObservedServiceModel model) {
    return Selection.of(cluster.get(), model.namespace(), GeneratedNames.labels(model), model.addSelectorLabels());
  }

  /**
   * This cycle's report of an ObservedService; for one created since the last cycle, judged now from
   * what Prometheus said in the last cycle (so a new ObservedService gets its conditions with its
   * first status write, not one write later); null when a selecting Prometheus was not asked yet.
   */
  public LiveReport report(ObservedService primary, ObservedServiceModel model, Selection selection) {
    var cached = getSecondaryResource(primary);
    if (cached.isPresent()) {
      return cached.get();
    }
    return judge(model, selection, states.get());
  }

  /** One ObservedService judged from what the Prometheus servers said; null when one that selects it was not asked. */
  private static LiveReport judge(ObservedServiceModel model, Selection selection, Map<String, PrometheusState> said) {
    List<PrometheusState> its = new ArrayList<>();
    for (Instance i : selection.selectedBy()) {
      PrometheusState s = said.get(i.key());
      if (s == null) {
        return null;
      }
      its.add(s);
    }
    return ServiceChecks.evaluate(model, selection, its);
  }

  private Map<ResourceID, Set<LiveReport>> cycle(EventSourceContext<ObservedService> context,
      KubernetesClient client, CheckSettings settings, HttpClient http, Runnable kubernetesCall,
      Runnable prometheusCall) {
    cluster.set(ClusterPrometheuses.read(client, kubernetesCall));
    Map<ResourceID, ObservedServiceModel> judged = new LinkedHashMap<>();
    Map<ResourceID, Selection> selections = new HashMap<>();
    Map<String, Instance> asked = new LinkedHashMap<>();
    Set<String> metricNames = new TreeSet<>();
    Set<String> pools = new HashSet<>();
    Set<String> groups = new HashSet<>();
    Set<String> jobs = new HashSet<>();
    Set<ResourceID> present = new HashSet<>();
    context.getPrimaryCache().list().forEach(p -> {
      ResourceID id = ResourceID.fromResource(p);
      present.add(id);
      Built built = models.get(id);
      ObservedServiceModel model;
      if (built != null && Objects.equals(built.generation(), p.getMetadata().getGeneration())) {
        model = built.model();
      } else { // not reconciled since it changed (or since the operator started): judged by its spec as it is
        try {
          model = ObservedServiceModel.fromCrd(p, new ObservedServiceModel.Discovered(Map.of(), lastFound(p),
              Histogram.UNKNOWN));
        } catch (InvalidSpecException e) {
          return; // the reconciler reports it
        }
      }
      Selection selection = selection(model);
      judged.put(id, model);
      selections.put(id, selection);
      selection.selectedBy().forEach(i -> asked.put(i.key(), i));
      metricNames.addAll(ServiceChecks.metricNames(model));
      pools.add(GeneratedNames.scrapePool(model));
      groups.addAll(GeneratedNames.ruleGroups(model));
      jobs.add(PrometheusState.key(model.namespace(), model.name()));
    });
    models.keySet().retainAll(present);
    PrometheusState.Wanted wanted = new PrometheusState.Wanted(pools, groups, jobs, metricNames);
    Map<String, PrometheusState> fetched = new HashMap<>();
    for (Instance instance : asked.values()) {
      List<PrometheusState> shards = new ArrayList<>();
      URI querier = settings.querierUrl(instance);
      for (var url : settings.shardUrls(instance)) {
        PrometheusApi api = new PrometheusApi(http, url, settings.timeout(), prometheusCall);
        shards.add(switch (instance.kind()) {
          case THANOS_RULER -> PrometheusState.fetchRules(instance, api,
              querier == null ? null : new PrometheusApi(http, querier, settings.timeout(), prometheusCall), wanted);
          case AGENT -> PrometheusState.fetchTargets(instance, api, wanted);
          case PROMETHEUS -> PrometheusState.fetch(instance, api, wanted);
        });
      }
      PrometheusState state = PrometheusState.merge(instance, shards);
      if (state.unreachable() != null) {
        log.info("{}: {}", instance.title(), state.unreachable());
      }
      fetched.put(instance.key(), state);
    }
    states.set(Map.copyOf(fetched));
    Map<ResourceID, Set<LiveReport>> reports = new HashMap<>();
    // every instance that selects one of them was asked above, so each is judged
    judged.forEach((id, model) -> reports.put(id, Set.of(judge(model, selections.get(id), fetched))));
    return reports;
  }

  /** The convention an earlier check found for metrics.convention auto (kept in status), or null. */
  public static MetricConvention lastFound(ObservedService primary) {
    String spelt = primary.getStatus() == null ? null : primary.getStatus().metricsConvention;
    return ApiSpelling.parse(MetricConvention.class, spelt).filter(MetricNames.CONVENTIONS::containsKey)
        .orElse(null);
  }

  /** The latency histogram layout status keeps, or unknown. */
  public static Histogram lastHistogram(ObservedService primary) {
    var s = primary.getStatus();
    if (s == null) {
      return Histogram.UNKNOWN;
    }
    return new Histogram(s.latencyBuckets == null ? List.of() : s.latencyBuckets, Boolean.TRUE.equals(s.nativeHistogram));
  }

  private Map<ResourceID, Set<LiveReport>> lastReports() {
    Map<ResourceID, Set<LiveReport>> last = new HashMap<>();
    cache.forEach((id, reports) -> last.put(id, Set.copyOf(reports.values())));
    return last;
  }
}
