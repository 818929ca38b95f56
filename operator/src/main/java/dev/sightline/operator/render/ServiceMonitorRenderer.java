package dev.sightline.operator.render;

import dev.sightline.operator.model.GeneratedNames;
import dev.sightline.operator.model.ObservedServiceModel;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.openshift.api.model.monitoring.v1.Endpoint;
import io.fabric8.openshift.api.model.monitoring.v1.EndpointBuilder;
import io.fabric8.openshift.api.model.monitoring.v1.RelabelConfig;
import io.fabric8.openshift.api.model.monitoring.v1.RelabelConfigBuilder;
import io.fabric8.openshift.api.model.monitoring.v1.ServiceMonitor;
import io.fabric8.openshift.api.model.monitoring.v1.ServiceMonitorBuilder;
import java.util.ArrayList;
import java.util.List;

/**
 * Renders the prometheus-operator ServiceMonitor. Every target gets job=<ObservedService name>, so
 * rules and dashboards select {namespace, job} whatever Services the selector matches.
 */
public final class ServiceMonitorRenderer {
  static final String FALLBACK_SCRAPE_PROTOCOL = "PrometheusText0.0.4";
  /** The endpoint's readiness, "true" or "false", on the up series of every target (and on no other series). */
  public static final String READY_LABEL = "sightline_ready";

  private ServiceMonitorRenderer() {}

  public static ServiceMonitor render(ObservedServiceModel model) {
    List<RelabelConfig> relabelings = new ArrayList<>();
    LabelSelector selector;
    if (model.scrape().serviceName() != null) {
      // A ServiceMonitor selects by labels only; pick the one Service by name with a keep rule.
      selector = new LabelSelector();
      relabelings.add(
          new RelabelConfigBuilder()
              .withAction("keep")
              .withSourceLabels("__meta_kubernetes_service_name")
              // Service names are DNS labels: no regex metacharacters to escape.
              .withRegex(model.scrape().serviceName())
              .build());
    } else {
      selector = model.scrape().selector();
    }
    relabelings.add(
        new RelabelConfigBuilder().withAction("replace").withTargetLabel("job").withReplacement(model.name()).build());
    // A pod that starts (or fails its readiness probe) is scraped too, and answers nothing for a while: its up is
    // 0 while the Service sends it no traffic. The endpoint's readiness, from either discovery role
    // prometheus-operator uses (Endpoints or EndpointSlice), lets TargetDown count only the pods users reach.
    relabelings.add(
        new RelabelConfigBuilder()
            .withAction("replace")
            .withSourceLabels("__meta_kubernetes_endpoint_ready",
                "__meta_kubernetes_endpointslice_endpoint_conditions_ready")
            .withSeparator(";")
            .withRegex(";?(true|false);?")
            .withTargetLabel(READY_LABEL)
            .withReplacement("$1")
            .build());

    EndpointBuilder endpoint =
        new EndpointBuilder()
            .withPath(model.scrape().path())
            .withInterval(model.scrape().interval())
            .withScrapeTimeout(model.scrape().scrapeTimeout())
            .withRelabelings(relabelings)
            // metric relabelling does not touch up and the other scrape report series: the readiness stays on
            // them only, so a pod turning ready keeps every series it exposes (no new series, no counter split)
            .withMetricRelabelings(new RelabelConfigBuilder().withAction("labeldrop").withRegex(READY_LABEL).build());
    if (model.scrape().port().getIntVal() != null) {
      endpoint.withTargetPort(model.scrape().port());
    } else {
      endpoint.withPort(model.scrape().port().getStrVal());
    }
    Endpoint ep = endpoint.build();
    return new ServiceMonitorBuilder()
        .withMetadata(GeneratedMetadata.forServiceMonitor(model, GeneratedNames.serviceMonitor(model.name())))
        .withNewSpec()
        .withSelector(selector)
        .withEndpoints(ep)
        // Prometheus 3 refuses a scrape with a missing or unknown Content-Type; fall back to the classic
        // text format, which every client library can speak (prometheus-operator omits it for Prometheus 2)
        .withFallbackScrapeProtocol(FALLBACK_SCRAPE_PROTOCOL)
        // with native histograms on, Prometheus keeps only the native form of a histogram that has both;
        // the latency SLI and the percentile rules read the classic _bucket series
        .withScrapeClassicHistograms(true)
        .endSpec()
        .build();
  }
}
