package io.slotgate.api.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.slotgate.api.error.UnknownFields;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The request mapper's refusal of unknown fields, in milliseconds: every unknown field, each by its JSON path. */
class StrictFieldsTest {

  record Inner(String id, String type) {}

  record Item(String questionId, String value) {}

  record Outer(String name, Inner inner, List<Item> items, Map<String, String> names) {}

  static class Bean {
    public String name;
    public Inner inner;
  }

  private final ObjectMapper json = new ObjectMapper().registerModule(new StrictFields());

  private List<String> unknown(String body, Class<?> type) {
    return assertThrows(UnknownFields.class, () -> json.readValue(body, type)).fields().stream()
        .map(UnknownFields.Field::path).sorted().toList();
  }

  @Test
  void namesEveryUnknownFieldByItsPathWhateverItsValue() {
    assertEquals(List.of("extra", "inner.tpye", "items[1].remark", "last"), unknown("""
        {"name": "a", "extra": {"x": [1, {"y": null}]}, "inner": {"id": "1", "tpye": [[]]},
         "items": [{"questionId": "q"}, {"questionId": "r", "remark": {}}], "names": {"en_US": "x"}, "last": 1}""",
        Outer.class));
    assertEquals(List.of("inner.x", "name2"), unknown("{\"name2\": 1, \"inner\": {\"x\": {}}}", Bean.class));
    // A record whose last constructor field comes after the unknown one is built before its end.
    assertEquals(List.of("inner.x", "items[0].y"), unknown("""
        {"inner": {"id": "1", "x": 2, "type": "t"}, "items": [{"questionId": "q", "y": [], "value": "v"}]}""",
        Outer.class));
  }

  @Test
  void readsABodyWithKnownFieldsAndMapKeys() throws Exception {
    Outer outer = json.readValue("{\"name\": \"a\", \"names\": {\"anything\": \"x\"}, \"items\": []}", Outer.class);
    assertEquals("x", outer.names().get("anything"));
  }
}
