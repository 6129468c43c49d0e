package io.orkestra.katalog.internal.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import io.orkestra.katalog.internal.model.AdmissionSpec.Conversion;
import io.orkestra.katalog.internal.model.AdmissionSpec.ConversionPath;
import io.orkestra.katalog.internal.model.AdmissionSpec.MutationRule;
import io.orkestra.katalog.internal.model.AdmissionSpec.TemplateTree;
import io.orkestra.katalog.internal.model.AdmissionSpec.ValidationRule;
import io.orkestra.katalog.internal.template.Template;
import io.orkestra.katalog.internal.yaml.YEntry;
import io.orkestra.katalog.internal.yaml.YMap;
import io.orkestra.katalog.internal.yaml.YNode;
import io.orkestra.katalog.internal.yaml.YScalar;
import io.orkestra.katalog.internal.yaml.YSeq;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Binds the admission blocks of one CRD entry (spec §2.8): {@code admission.{validation,
 * mutation, conversion, webhooks}} or the legacy CRD-level keys of the same names (writing both is
 * reported by {@link ModelBinder}). Keys and scalar types were checked against {@link
 * KatalogSchema} already; this reads the values, compiles every template (messages, values,
 * template fields, conversion specs) and reports at their position: a validation rule without
 * {@code message}, a mutation rule with both or neither of {@code default}/{@code override}, a
 * field that is not a dotted path, and a conversion path that repeats another or converts a
 * version to itself. Whether the versions of conversion paths exist is checked by the loader,
 * which knows the CRD's versions.
 */
final class AdmissionBinder {

  private final Reader read;
  private final ConditionBinder conditions;

  AdmissionBinder(Reader read) {
    this.read = read;
    this.conditions = new ConditionBinder(read);
  }

  AdmissionSpec bind(YMap entry) {
    YMap admission = entry.get("admission") instanceof YMap m ? m : null;
    YMap validation = read.map(block(entry, admission, "validation"));
    YMap mutation = read.map(block(entry, admission, "mutation"));
    YMap conversion = read.map(block(entry, admission, "conversion"));
    YMap webhooks = read.map(block(entry, admission, "webhooks"));
    if (validation == null && mutation == null && conversion == null && webhooks == null) {
      return AdmissionSpec.NONE;
    }
    List<ValidationRule> rules = new ArrayList<>();
    YSeq vlist = validation == null ? null : read.list(validation.get("rules"));
    if (vlist != null) {
      for (YNode item : vlist.items()) {
        ValidationRule r = validationRule(item);
        if (r != null) {
          rules.add(r);
        }
      }
    }
    List<MutationRule> mutations = new ArrayList<>();
    YSeq mlist = mutation == null ? null : read.list(mutation.get("rules"));
    if (mlist != null) {
      for (YNode item : mlist.items()) {
        MutationRule r = mutationRule(item);
        if (r != null) {
          mutations.add(r);
        }
      }
    }
    Boolean mutateFirst = mutation == null ? null : read.bool(mutation.get("mutateFirst"));
    Boolean vHook = webhooks == null ? null : read.bool(webhooks.get("validation"));
    Boolean mHook = webhooks == null ? null : read.bool(webhooks.get("mutation"));
    List<String> operations = new ArrayList<>();
    YSeq ops = webhooks == null ? null : read.list(webhooks.get("operations"));
    if (ops != null) {
      for (YNode op : ops.items()) {
        String s = read.string(op);
        if (s != null && !operations.contains(s)) {
          operations.add(s);
        }
      }
    }
    return new AdmissionSpec(
        rules,
        mutations,
        Boolean.TRUE.equals(mutateFirst),
        conversion == null ? null : conversion(conversion),
        vHook,
        mHook,
        operations);
  }

  private static @Nullable YNode block(YMap entry, @Nullable YMap admission, String key) {
    YNode grouped = admission == null ? null : admission.get(key);
    return grouped != null ? grouped : entry.get(key);
  }

  private @Nullable ValidationRule validationRule(YNode item) {
    YMap m = read.map(item);
    if (m == null) {
      return null;
    }
    Condition check = conditions.single(m);
    Template message = read.template(read.require(m, "message"));
    Conditions applies = conditions.bind(m);
    String action = read.string(m.get("action"));
    Boolean fires = fires(m);
    String link = read.string(m.get("link"));
    String fieldText = read.string(m.get("field"));
    if (check == null || message == null || fieldText == null) {
      return null;
    }
    return new ValidationRule(
        check,
        fieldText,
        applies,
        message,
        "warn".equals(action),
        fires == null || fires,
        link,
        m.pos());
  }

  private @Nullable Boolean fires(YMap rule) {
    YMap fires = read.map(rule.get("fires"));
    return fires == null ? null : read.bool(fires.get("reconcile"));
  }

  private @Nullable MutationRule mutationRule(YNode item) {
    YMap m = read.map(item);
    if (m == null) {
      return null;
    }
    YNode fieldNode = read.require(m, "field");
    String fieldText = read.string(fieldNode);
    List<String> field = List.of();
    Template fieldTemplate = null;
    boolean fieldOk = fieldText != null;
    if (fieldText != null && fieldText.contains("{{")) {
      fieldTemplate = read.template(fieldNode);
      fieldOk = fieldTemplate != null;
    } else if (fieldText != null) {
      String path = fieldText.startsWith(".") ? fieldText.substring(1) : fieldText;
      field = Arrays.asList(path.split("\\.", -1));
      if (path.isBlank() || field.stream().anyMatch(String::isBlank)) {
        read.error(
            fieldNode.pos(), m.childPath("field") + " must be a dotted path, got '" + fieldText + "'");
        fieldOk = false;
      }
    }
    YEntry def = m.entry("default");
    YEntry over = m.entry("override");
    if (def != null && over != null) {
      read.error(
          over.keyPos(),
          "mutation rule " + m.path() + " has both default: and override:; keep one");
      return null;
    }
    if (def == null && over == null) {
      read.error(
          m.pos(),
          "mutation rule " + m.path() + " needs default: (only when absent) or override: (always)");
      return null;
    }
    YNode valueNode = (def != null ? def : over).value();
    Template value = null;
    JsonNode literal = null;
    if (valueNode instanceof YScalar s && s.value().isTextual()) {
      value = read.template(valueNode);
      if (value == null) {
        return null;
      }
    } else {
      literal = valueNode.toJson();
    }
    String valueType = read.string(m.get("valueType"));
    Conditions applies = conditions.bind(m);
    Boolean fires = fires(m);
    if (!fieldOk) {
      return null;
    }
    return new MutationRule(
        field,
        fieldTemplate,
        fieldText,
        over != null,
        value,
        literal,
        valueType,
        applies,
        fires == null || fires,
        m.pos());
  }

  private Conversion conversion(YMap block) {
    Located<String> storage = read.located(block.get("storageVersion"));
    List<ConversionPath> paths = new ArrayList<>();
    Map<String, ConversionPath> seen = new HashMap<>();
    YSeq list = read.list(block.get("paths"));
    if (list != null) {
      for (YNode item : list.items()) {
        YMap m = read.map(item);
        if (m == null) {
          continue;
        }
        Located<String> from = read.located(read.require(m, "from"));
        Located<String> to = read.located(read.require(m, "to"));
        YNode specNode = m.get("spec");
        TemplateTree spec = specNode == null ? null : tree(specNode);
        if (from == null || to == null) {
          continue;
        }
        if (from.value().equals(to.value())) {
          read.error(
              to.pos(),
              "conversion path converts " + from.value() + " to itself; remove it (same-version"
                  + " requests only rewrite apiVersion)");
          continue;
        }
        ConversionPath path = new ConversionPath(from, to, spec, m.pos());
        ConversionPath earlier = seen.putIfAbsent(from.value() + "\n" + to.value(), path);
        if (earlier != null) {
          read.error(
              m.pos(),
              "conversion path "
                  + from.value()
                  + " → "
                  + to.value()
                  + " is already declared at "
                  + earlier.pos());
          continue;
        }
        paths.add(path);
      }
    }
    return new Conversion(storage, paths, block.pos());
  }

  private @Nullable TemplateTree tree(YNode node) {
    if (node instanceof YMap map) {
      Map<String, TemplateTree> entries = new LinkedHashMap<>();
      for (YEntry e : map.entries()) {
        TemplateTree t = tree(e.value());
        if (t != null) {
          entries.put(e.key(), t);
        }
      }
      return new AdmissionSpec.TreeMap(entries);
    }
    if (node instanceof YSeq seq) {
      List<TemplateTree> items = new ArrayList<>();
      for (YNode item : seq.items()) {
        TemplateTree t = tree(item);
        if (t != null) {
          items.add(t);
        }
      }
      return new AdmissionSpec.TreeList(items);
    }
    YScalar s = (YScalar) node;
    if (s.isNull()) {
      return new AdmissionSpec.TreeLiteral(NullNode.getInstance());
    }
    if (s.value().isTextual()) {
      Template t = read.template(s);
      return t == null ? null : new AdmissionSpec.TreeText(t);
    }
    return new AdmissionSpec.TreeLiteral(s.value());
  }
}
