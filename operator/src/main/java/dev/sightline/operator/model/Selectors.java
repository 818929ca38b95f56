package dev.sightline.operator.model;

import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Label selector helpers: a readable description and in-memory matching against labels. */
public final class Selectors {
  private Selectors() {}

  /** The operator as Kubernetes spells it. */
  static String operator(dev.sightline.operator.api.SelectorOperator op) {
    return switch (op) {
      case IN -> "In";
      case NOT_IN -> "NotIn";
      case EXISTS -> "Exists";
      case DOES_NOT_EXIST -> "DoesNotExist";
    };
  }

  public static String describe(LabelSelector selector) {
    List<String> parts = new ArrayList<>();
    if (selector.getMatchLabels() != null) {
      new TreeMap<>(selector.getMatchLabels()).forEach((k, v) -> parts.add(k + "=" + v));
    }
    if (selector.getMatchExpressions() != null) {
      for (LabelSelectorRequirement r : selector.getMatchExpressions()) {
        String values = r.getValues() == null ? "" : String.join(",", r.getValues());
        parts.add(r.getKey() + " " + r.getOperator() + (values.isEmpty() ? "" : " (" + values + ")"));
      }
    }
    return parts.isEmpty() ? "(everything)" : String.join(",", parts);
  }

  /** Same semantics as metav1.LabelSelectorAsSelector: all requirements must hold. */
  public static boolean matches(LabelSelector selector, Map<String, String> labels) {
    Map<String, String> l = labels == null ? Map.of() : labels;
    if (selector.getMatchLabels() != null) {
      for (var e : selector.getMatchLabels().entrySet()) {
        if (!e.getValue().equals(l.get(e.getKey()))) {
          return false;
        }
      }
    }
    if (selector.getMatchExpressions() != null) {
      for (LabelSelectorRequirement r : selector.getMatchExpressions()) {
        List<String> values = r.getValues() == null ? List.of() : r.getValues();
        boolean has = l.containsKey(r.getKey());
        boolean ok = switch (r.getOperator()) {
          case "In" -> has && values.contains(l.get(r.getKey()));
          case "NotIn" -> !has || !values.contains(l.get(r.getKey()));
          case "Exists" -> has;
          case "DoesNotExist" -> !has;
          default -> false;
        };
        if (!ok) {
          return false;
        }
      }
    }
    return true;
  }
}
