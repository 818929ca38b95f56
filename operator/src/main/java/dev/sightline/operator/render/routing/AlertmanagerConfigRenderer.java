package dev.sightline.operator.render.routing;

import dev.sightline.operator.render.rules.ObjectiveRules;
import dev.sightline.operator.render.rules.PrometheusRuleRenderer;
import dev.sightline.operator.render.GeneratedMetadata;
import dev.sightline.operator.api.ReceiverSpec;
import dev.sightline.operator.api.SecretKeyRef;
import dev.sightline.operator.model.GeneratedNames;
import dev.sightline.operator.model.ObservedServiceModel;
import dev.sightline.operator.model.Routing;
import io.fabric8.kubernetes.api.model.SecretKeySelector;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.openshift.api.model.monitoring.v1alpha1.AlertmanagerConfig;
import io.fabric8.openshift.api.model.monitoring.v1alpha1.AlertmanagerConfigBuilder;
import io.fabric8.openshift.api.model.monitoring.v1alpha1.InhibitRule;
import io.fabric8.openshift.api.model.monitoring.v1alpha1.InhibitRuleBuilder;
import io.fabric8.openshift.api.model.monitoring.v1alpha1.Matcher;
import io.fabric8.openshift.api.model.monitoring.v1alpha1.PagerDutyConfigBuilder;
import io.fabric8.openshift.api.model.monitoring.v1alpha1.Receiver;
import io.fabric8.openshift.api.model.monitoring.v1alpha1.ReceiverBuilder;
import io.fabric8.openshift.api.model.monitoring.v1alpha1.Route;
import io.fabric8.openshift.api.model.monitoring.v1alpha1.RouteBuilder;
import io.fabric8.openshift.api.model.monitoring.v1alpha1.SlackConfigBuilder;
import io.fabric8.openshift.api.model.monitoring.v1alpha1.WebhookConfigBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The AlertmanagerConfig of an ObservedService: one route for its alerts (prometheus-operator adds the
 * namespace matcher), a child route per severity that has a receiver, and the inhibitions between its
 * alerts, so one incident is one page. Receivers take their credentials from Secrets by reference.
 */
public final class AlertmanagerConfigRenderer {
  /** The receiver of the top route: none; the severities' child routes deliver. */
  static final String UNROUTED = "unrouted";
  static final List<String> EQUAL = List.of("namespace", "job");
  /**
   * With named objectives: the same objective as well. An alert without the label (the service-wide ones)
   * matches another without it, so a service-wide page still mutes the service-wide tickets.
   */
  static final List<String> EQUAL_OBJECTIVE = List.of("namespace", "job", ObjectiveRules.SLO_LABEL);

  /**
   * One inhibition: while a source alert of the service fires, its target alerts are muted. A matcher is
   * null when the service has none of the alerts it names (switched off, or not applicable). perObjective: with
   * named objectives, source and target must also be of the same objective (label slo, absent on service-wide
   * alerts), so one objective's page never mutes another's alerts.
   *
   * @param why the reason, for the README's routing table
   */
  public record Inhibition(String why, Function<ObservedServiceModel, Matcher> source,
      Function<ObservedServiceModel, Matcher> target, boolean perObjective) {
    public Inhibition(String why, Function<ObservedServiceModel, Matcher> source,
        Function<ObservedServiceModel, Matcher> target) {
      this(why, source, target, false);
    }

    /** The labels source and target must share: the service's, and the objective's when it holds per objective. */
    public List<String> equal(ObservedServiceModel m) {
      return perObjective && !m.objectives().named().isEmpty() ? EQUAL_OBJECTIVE : EQUAL;
    }
  }

  /**
   * Which of two pages of one error storm stays: docs/alerts.md's scenario table measures both directions. Per
   * objective: the service-wide burn mutes the service-wide symptoms, a named objective's burn mutes nothing of
   * the service's.
   */
  public static final Inhibition FAST_BURN_MUTES_SYMPTOMS = new Inhibition("the fast burn is the SLO page and says"
      + " what is at stake; while it fires the symptom pages of the same incident add nothing",
      m -> alerts(m, "AvailabilityBudgetBurnFast"), m -> alerts(m, "HighErrorRate", "AllRequestsFail"), true);

  public static final List<Inhibition> INHIBITIONS = List.of(
      new Inhibition("a page of the service mutes its tickets: the page is the incident (with named objectives"
          + " (slos), the tickets of the same objective only: one objective's page says nothing of another's budget)",
          m -> equal("severity", m.alerts().pageSeverity()), m -> equal("severity", m.alerts().ticketSeverity()),
          true),
      new Inhibition("no target (TargetDown, MetricsAbsent): error, latency and SLO alerts only follow from it",
          m -> alerts(m, "TargetDown", "MetricsAbsent"),
          m -> alerts(m, "HighErrorRate", "AllRequestsFail", "HighLatency", "LatencySliMissing",
              "AvailabilityBudgetBurnFast", "AvailabilityBudgetBurnSlow", "LatencyBudgetBurnFast",
              "LatencyBudgetBurnSlow")),
      FAST_BURN_MUTES_SYMPTOMS,
      new Inhibition("HighErrorRate already pages a storm that fails (nearly) every request",
          m -> alerts(m, "HighErrorRate"), m -> alerts(m, "AllRequestsFail"), true));

  private AlertmanagerConfigRenderer() {}

  public static AlertmanagerConfig render(ObservedServiceModel model) {
    List<Receiver> receivers = new ArrayList<>();
    receivers.add(new ReceiverBuilder().withName(UNROUTED).build());
    List<Route> children = new ArrayList<>();
    severity("page", model.routing().page(), model.alerts().pageSeverity(), receivers, children);
    severity("ticket", model.routing().ticket(), model.alerts().ticketSeverity(), receivers, children);
    Route route = new RouteBuilder()
        .withReceiver(UNROUTED)
        .withMatchers(equal("job", model.name()))
        // one notification per alert, and per objective when there are named ones: two objectives burning at
        // once are two pages, each saying which objective
        .withGroupBy(model.objectives().named().isEmpty() ? List.of("alertname")
            : List.of("alertname", ObjectiveRules.SLO_LABEL))
        .withRoutes(children.stream().map(r -> Serialization.jsonMapper().<com.fasterxml.jackson.databind.JsonNode>valueToTree(r))
            .toList())
        .build();
    List<InhibitRule> inhibitions = new ArrayList<>();
    for (Inhibition i : INHIBITIONS) {
      Matcher source = i.source().apply(model);
      Matcher target = i.target().apply(model);
      if (source != null && target != null) {
        inhibitions.add(new InhibitRuleBuilder().withSourceMatch(equal("job", model.name()), source)
            .withTargetMatch(equal("job", model.name()), target).withEqual(i.equal(model)).build());
      }
    }
    return new AlertmanagerConfigBuilder()
        .withMetadata(GeneratedMetadata.of(model, GeneratedNames.alertmanagerConfig(model.name()), java.util.Map.of()))
        .withNewSpec()
        .withRoute(route)
        .withReceivers(receivers)
        .withInhibitRules(inhibitions)
        .endSpec()
        .build();
  }

  /** A child route and its receiver for one severity, when the spec names a receiver for it. */
  private static void severity(String name, Routing.Destination destination, String severity,
      List<Receiver> receivers, List<Route> routes) {
    if (destination == null) {
      return; // left to the platform's routes
    }
    ReceiverSpec spec = destination.receiver();
    ReceiverBuilder r = new ReceiverBuilder().withName(name);
    if (spec.webhook != null) {
      r.addToWebhookConfigs(new WebhookConfigBuilder().withUrlSecret(secret(spec.webhook.url)).withSendResolved(true)
          .build());
    }
    if (spec.slack != null) {
      r.addToSlackConfigs(new SlackConfigBuilder().withApiURL(secret(spec.slack.apiURL)).withChannel(spec.slack.channel)
          .withSendResolved(true).build());
    }
    if (spec.pagerDuty != null) {
      r.addToPagerdutyConfigs(new PagerDutyConfigBuilder().withRoutingKey(secret(spec.pagerDuty.routingKey))
          .withSendResolved(true).build());
    }
    receivers.add(r.build());
    routes.add(new RouteBuilder().withReceiver(name).withMatchers(equal("severity", severity))
        .withGroupWait(destination.groupWait()).withGroupInterval(destination.groupInterval())
        .withRepeatInterval(destination.repeatInterval()).build());
  }

  private static SecretKeySelector secret(SecretKeyRef ref) {
    return new SecretKeySelector(ref.key, ref.name, false);
  }

  static Matcher equal(String label, String value) {
    return new Matcher("=", label, null, value);
  }

  /**
   * alertname matching those of these alerts the service's rules define (names are the prefix, letters
   * and digits only, and the base name), or null when it defines none of them.
   */
  static Matcher alerts(ObservedServiceModel m, String... baseNames) {
    List<String> defined = PrometheusRuleRenderer.alertNames(m);
    List<String> names = new ArrayList<>();
    for (String b : baseNames) {
      if (defined.contains(m.alerts().namePrefix() + b)) {
        names.add(m.alerts().namePrefix() + b);
      }
    }
    return names.isEmpty() ? null : new Matcher("=~", "alertname", null, String.join("|", names));
  }
}
