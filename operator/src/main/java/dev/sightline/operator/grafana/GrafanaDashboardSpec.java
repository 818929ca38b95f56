package dev.sightline.operator.grafana;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.fabric8.kubernetes.api.model.ConfigMapKeySelector;
import io.fabric8.kubernetes.api.model.LabelSelector;
import java.util.Objects;

/** grafana-operator GrafanaDashboard spec fields Sightline sets. */
// grafana-operator defaults more fields than Sightline writes; server-side apply only owns ours
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"instanceSelector", "allowCrossNamespaceImport", "folder", "uid", "resyncPeriod", "configMapRef"})
public class GrafanaDashboardSpec {
  public LabelSelector instanceSelector;
  public Boolean allowCrossNamespaceImport;
  public String folder;
  public String uid;
  public String resyncPeriod;
  public ConfigMapKeySelector configMapRef;

  @Override
  public boolean equals(Object o) {
    return o instanceof GrafanaDashboardSpec s
        && Objects.equals(instanceSelector, s.instanceSelector)
        && Objects.equals(allowCrossNamespaceImport, s.allowCrossNamespaceImport)
        && Objects.equals(folder, s.folder)
        && Objects.equals(uid, s.uid)
        && Objects.equals(resyncPeriod, s.resyncPeriod)
        && Objects.equals(configMapRef, s.configMapRef);
  }

  @Override
  public int hashCode() {
    return Objects.hash(instanceSelector, allowCrossNamespaceImport, folder, uid, resyncPeriod, configMapRef);
  }
}
