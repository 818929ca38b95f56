package dev.sightline.operator.api;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The operators of a label selector requirement, spelt as Kubernetes spells them. */
public enum SelectorOperator {
  @JsonProperty("In")
  IN,
  @JsonProperty("NotIn")
  NOT_IN,
  @JsonProperty("Exists")
  EXISTS,
  @JsonProperty("DoesNotExist")
  DOES_NOT_EXIST
}
