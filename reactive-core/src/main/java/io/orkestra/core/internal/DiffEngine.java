package io.orkestra.core.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.orkestra.core.Action;
import io.orkestra.core.ChildResource;
import io.orkestra.core.DesiredState;
import io.orkestra.core.ObservedState;
import io.orkestra.core.ResourceKey;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Computes the writes that bring observed children to the desired state.
 *
 * <p>Rules: a desired child that does not exist is created; an existing child is patched only when
 * it is drift-corrected and some field the operator declares differs from what exists (fields set
 * by the API server or other controllers are ignored: the comparison is "desired is contained in
 * observed"); an observed child that is no longer desired is deleted. The order is stable: desired
 * order for creates and patches, then deletes in key order.
 */
public final class DiffEngine {

  private DiffEngine() {}

  /**
   * Diffs desired against observed.
   *
   * @param desired the desired state
   * @param observed what exists
   * @return actions in apply order; empty when nothing must change
   */
  public static List<Action> diff(DesiredState desired, ObservedState observed) {
    List<Action> actions = new ArrayList<>();
    Set<ResourceKey> wanted = new HashSet<>();
    for (ChildResource child : desired.children()) {
      wanted.add(child.key());
      ObjectNode existing = observed.children().get(child.key());
      if (existing == null) {
        actions.add(new Action.Create(child));
      } else if (child.drift() && !contains(existing, child.manifest())) {
        actions.add(new Action.Patch(child, existing));
      }
    }
    observed.children().keySet().stream()
        .filter(k -> !wanted.contains(k))
        .sorted((a, b) -> a.toString().compareTo(b.toString()))
        .forEach(k -> actions.add(new Action.Delete(k)));
    return actions;
  }

  /**
   * Whether every field of {@code desired} is present in {@code observed} with an equal value.
   * Objects compare field-wise (extra observed fields are fine), arrays element-wise with equal
   * length, numbers by value, everything else by equality.
   *
   * @param observed the existing tree
   * @param desired the declared tree
   * @return {@code true} when nothing declared differs
   */
  public static boolean contains(JsonNode observed, JsonNode desired) {
    if (desired.isObject()) {
      if (!observed.isObject()) {
        return false;
      }
      Iterator<Map.Entry<String, JsonNode>> fields = desired.fields();
      while (fields.hasNext()) {
        Map.Entry<String, JsonNode> f = fields.next();
        JsonNode o = observed.get(f.getKey());
        if (o == null) {
          if (f.getValue().isNull()) {
            continue;
          }
          return false;
        }
        if (!contains(o, f.getValue())) {
          return false;
        }
      }
      return true;
    }
    if (desired.isArray()) {
      if (!observed.isArray() || observed.size() != desired.size()) {
        return false;
      }
      for (int i = 0; i < desired.size(); i++) {
        if (!contains(observed.get(i), desired.get(i))) {
          return false;
        }
      }
      return true;
    }
    if (desired.isNumber() && observed.isNumber()) {
      return desired.decimalValue().compareTo(observed.decimalValue()) == 0;
    }
    return desired.equals(observed);
  }
}
