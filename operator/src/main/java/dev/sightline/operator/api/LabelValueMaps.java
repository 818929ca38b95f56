package dev.sightline.operator.api;

import io.fabric8.crdv2.generator.v1.SchemaCustomizer;
import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaProps;
import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaPropsBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaPropsOrBool;
import io.fabric8.kubernetes.api.model.apiextensions.v1.ValidationRuleBuilder;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;

/**
 * CRD-generation step for what field annotations cannot reach: the values of the map properties
 * named in the input (comma-separated) become Kubernetes label values, bounded to 63 characters
 * (which also keeps CEL rules on the map inside the cost budget), and the items of list properties
 * named "list:NAME" are bounded the same way. Runs only inside the CRD generator.
 */
public class LabelValueMaps implements SchemaCustomizer.Customizer {
  @Override
  public JSONSchemaProps apply(JSONSchemaProps schema, String input, KubernetesSerialization serialization) {
    for (String entry : input.split(",")) {
      String name = entry.trim();
      if (name.startsWith("list:")) {
        JSONSchemaProps list = schema.getProperties().get(name.substring(5));
        list.getItems().getSchema().setMaxLength(63L);
        continue;
      }
      JSONSchemaProps map = schema.getProperties().get(name);
      map.setAdditionalProperties(new JSONSchemaPropsOrBool(null, new JSONSchemaPropsBuilder()
          .withType("string")
          .withMaxLength(63L)
          .withXKubernetesValidations(new ValidationRuleBuilder()
              .withRule("self.matches('" + Syntax.LABEL_VALUE_RE + "')")
              .withMessage(name + " values must be " + Syntax.LABEL_VALUE_WORDS)
              .build())
          .build()));
    }
    return schema;
  }
}
