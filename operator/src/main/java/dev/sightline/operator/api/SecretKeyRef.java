package dev.sightline.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;

/** A key of a Secret in the ObservedService's namespace: receivers' credentials are never written inline. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class SecretKeyRef {
  @JsonPropertyDescription("Name of the Secret, in this namespace.")
  @Required
  @Size(max = 253)
  @ValidationRule(value = "self.matches('" + Syntax.DNS_SUBDOMAIN_RE + "')",
      message = "a secret's name must be a Kubernetes object name (lowercase letters, digits, - and .), e.g. shop-slack")
  public String name;

  @JsonPropertyDescription("Key in the Secret's data.")
  @Required
  @Size(max = 253)
  @ValidationRule(value = "self.matches('^[-._a-zA-Z0-9]+$')",
      message = "a secret's key must be letters, digits, -, _ or ., e.g. url")
  public String key;

  public SecretKeyRef() {}

  public SecretKeyRef(String name, String key) {
    this.name = name;
    this.key = key;
  }
}
