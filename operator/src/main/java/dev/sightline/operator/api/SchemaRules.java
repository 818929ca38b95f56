package dev.sightline.operator.api;

import io.fabric8.crdv2.generator.v1.SchemaCustomizer;
import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaProps;
import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaPropsBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaPropsOrBool;
import io.fabric8.kubernetes.api.model.apiextensions.v1.ValidationRuleBuilder;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.util.List;
import java.util.Map;

/**
 * CRD-generation step, on the whole spec schema, for what field annotations cannot reach: the
 * values of label maps (commonLabels, matchLabels) become Kubernetes label values of at most 63
 * characters, and the items of matchExpressions values are bounded the same way (the bounds also
 * keep CEL rules on them inside the API server's cost budget). The alert settings' descriptions get
 * the defaults their {@link Alert} declares in place of "{defaults}". Runs only inside the CRD generator.
 */
public class SchemaRules implements SchemaCustomizer.Customizer {
  private static final List<String> LABEL_MAPS = List.of("commonLabels", "matchLabels");
  /** Where an alert setting's description takes the defaults its {@link Alert} declares. */
  private static final String DEFAULTS = "{defaults}";

  @Override
  public JSONSchemaProps apply(JSONSchemaProps schema, String input, KubernetesSerialization serialization) {
    walk(schema);
    JSONSchemaProps alerts = schema.getProperties().get("alerts");
    for (AlertCatalog.Setting s : AlertCatalog.SETTINGS) {
      JSONSchemaProps p = alerts.getProperties().get(s.field());
      p.setDescription(p.getDescription().replace(DEFAULTS, s.defaultsText()));
    }
    return schema;
  }

  private static void walk(JSONSchemaProps schema) {
    if (schema.getItems() != null && schema.getItems().getSchema() != null) {
      walk(schema.getItems().getSchema());
    }
    if (schema.getProperties() == null) {
      return;
    }
    for (Map.Entry<String, JSONSchemaProps> e : schema.getProperties().entrySet()) {
      String name = e.getKey();
      JSONSchemaProps p = e.getValue();
      if (LABEL_MAPS.contains(name)) {
        p.setAdditionalProperties(new JSONSchemaPropsOrBool(null, new JSONSchemaPropsBuilder()
            .withType("string")
            .withMaxLength(63L)
            .withXKubernetesValidations(new ValidationRuleBuilder()
                .withRule("self.matches('" + Syntax.LABEL_VALUE_RE + "')")
                .withMessage(name + " values must be " + Syntax.LABEL_VALUE_WORDS)
                .build())
            .build()));
      } else if (name.equals("values") && "array".equals(p.getType())) {
        p.getItems().getSchema().setMaxLength(63L);
      }
      walk(p);
    }
  }
}
