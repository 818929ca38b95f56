package dev.sightline.operator.grafana;

import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.Version;

/**
 * Client-side model of grafana-operator v5's GrafanaDashboard (the subset Sightline writes). There
 * is no maintained Java model; a typed class lets informers start without API discovery, which
 * fails while grafana-operator's CRD is not installed. The CRD itself comes from grafana-operator.
 */
@Group("grafana.integreatly.org")
@Version("v1beta1")
@Kind("GrafanaDashboard")
@Plural("grafanadashboards")
public class GrafanaDashboard extends CustomResource<GrafanaDashboardSpec, Void> implements Namespaced {}
