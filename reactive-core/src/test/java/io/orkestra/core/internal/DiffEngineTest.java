package io.orkestra.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.orkestra.core.Action;
import io.orkestra.core.ChildResource;
import io.orkestra.core.DesiredState;
import io.orkestra.core.ObservedState;
import io.orkestra.core.ResourceKey;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DiffEngineTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final ResourceKey OWNER = new ResourceKey("demo.io", "v1", "WebApp", "ns", "w");
  private static final ResourceKey CM = new ResourceKey("", "v1", "ConfigMap", "ns", "w-config");
  private static final ResourceKey DEP = new ResourceKey("apps", "v1", "Deployment", "ns", "w");

  static ObjectNode json(String s) {
    try {
      return (ObjectNode) JSON.readTree(s.replace('\'', '"'));
    } catch (Exception e) {
      throw new IllegalArgumentException(e);
    }
  }

  static DesiredState desired(ChildResource... children) {
    return new DesiredState(OWNER, List.of(children), json("{}"));
  }

  @Test
  void createsChildrenThatDoNotExistInDesiredOrder() {
    ChildResource cm = new ChildResource(CM, json("{'data':{'a':'1'}}"), true);
    ChildResource dep = new ChildResource(DEP, json("{'spec':{'replicas':2}}"), true);
    List<Action> actions = DiffEngine.diff(desired(cm, dep), ObservedState.empty());
    assertThat(actions).containsExactly(new Action.Create(cm), new Action.Create(dep));
  }

  @Test
  void writesNothingWhenDeclaredFieldsMatchDespiteServerFields() {
    ChildResource dep = new ChildResource(DEP, json("{'metadata':{'name':'w'},'spec':{'replicas':2}}"), true);
    ObjectNode observed =
        json("{'metadata':{'name':'w','resourceVersion':'17','uid':'x'},'spec':{'replicas':2,'progressDeadlineSeconds':600},'status':{}}");
    assertThat(DiffEngine.diff(desired(dep), new ObservedState(Map.of(DEP, observed)))).isEmpty();
  }

  @Test
  void patchesDriftCorrectedChildWhoseDeclaredFieldChanged() {
    ChildResource dep = new ChildResource(DEP, json("{'spec':{'replicas':3}}"), true);
    ObjectNode observed = json("{'spec':{'replicas':2}}");
    assertThat(DiffEngine.diff(desired(dep), new ObservedState(Map.of(DEP, observed))))
        .containsExactly(new Action.Patch(dep, observed));
  }

  @Test
  void leavesCreateOnlyChildAloneEvenWhenItDrifted() {
    ChildResource cm = new ChildResource(CM, json("{'data':{'a':'1'}}"), false);
    ObjectNode observed = json("{'data':{'a':'edited by a human'}}");
    assertThat(DiffEngine.diff(desired(cm), new ObservedState(Map.of(CM, observed)))).isEmpty();
  }

  @Test
  void deletesObservedChildrenNoLongerDesired() {
    ObjectNode observed = json("{'data':{}}");
    assertThat(DiffEngine.diff(desired(), new ObservedState(Map.of(CM, observed))))
        .containsExactly(new Action.Delete(CM));
  }

  @Test
  void comparesNumbersByValueAndArraysByPosition() {
    assertThat(DiffEngine.contains(json("{'a':2.0}"), json("{'a':2}"))).isTrue();
    assertThat(DiffEngine.contains(json("{'a':'2'}"), json("{'a':2}"))).isFalse();
    assertThat(DiffEngine.contains(json("{'l':[{'x':1,'y':2}]}"), json("{'l':[{'x':1}]}"))).isTrue();
    assertThat(DiffEngine.contains(json("{'l':[1,2]}"), json("{'l':[1]}"))).isFalse();
    assertThat(DiffEngine.contains(json("{}"), json("{'gone':null}"))).isTrue();
  }
}
