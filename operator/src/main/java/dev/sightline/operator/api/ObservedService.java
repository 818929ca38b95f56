package dev.sightline.operator.api;

import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.generator.annotation.ValidationRule;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Version;

/** One service a team wants scraped, alerted on and shown on a dashboard. */
@Group(ObservedService.GROUP)
@Version(ObservedService.VERSION)
@ShortNames("osvc")
@AdditionalPrinterColumn(name = "Service", jsonPath = ".status.service")
@AdditionalPrinterColumn(name = "Ready", jsonPath = ".status.conditions[?(@.type==\"Ready\")].status")
@AdditionalPrinterColumn(name = "SLO", jsonPath = ".status.slo")
@AdditionalPrinterColumn(name = "Objectives", jsonPath = ".status.objectiveCount",
    type = AdditionalPrinterColumn.Type.INTEGER)
@AdditionalPrinterColumn(name = "Budget", jsonPath = ".status.worstBudget")
@AdditionalPrinterColumn(name = "Targets", jsonPath = ".status.targets")
@AdditionalPrinterColumn(name = "Firing", jsonPath = ".status.firing", type = AdditionalPrinterColumn.Type.INTEGER)
@AdditionalPrinterColumn(name = "Monitored", jsonPath = ".status.conditions[?(@.type==\"Monitored\")].status")
@AdditionalPrinterColumn(
    name = "Age",
    jsonPath = ".metadata.creationTimestamp",
    type = AdditionalPrinterColumn.Type.DATE)
// the name becomes the value of the sightline.dev/observed-service label on every generated object
@ValidationRule(
    value = "self.metadata.name.size() <= 63",
    message = "an ObservedService name must be at most 63 characters: it is a label value on the generated objects")
public class ObservedService extends CustomResource<ObservedServiceSpec, ObservedServiceStatus>
    implements Namespaced {
  public static final String GROUP = "sightline.dev";
  public static final String VERSION = "v1alpha1";

  @Override
  protected ObservedServiceSpec initSpec() {
    return new ObservedServiceSpec();
  }
}
