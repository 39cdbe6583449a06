package io.enifailover.status;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.Map;

/**
 * A JSON merge patch (RFC 7386) that replaces one object with another. A merge patch leaves keys it does
 * not mention alone, so every key the old object has and the new one lacks is sent as an explicit null;
 * arrays are replaced whole, as the RFC says.
 */
public final class MergePatch {
  private MergePatch() {}

  /** The patch that turns {@code before} (missing or null: nothing yet) into {@code after}. */
  public static ObjectNode replacing(JsonNode before, ObjectNode after) {
    ObjectNode patch = after.deepCopy();
    if (before == null || !before.isObject()) {
      return patch;
    }
    for (Iterator<Map.Entry<String, JsonNode>> fields = before.fields(); fields.hasNext(); ) {
      Map.Entry<String, JsonNode> old = fields.next();
      JsonNode now = after.get(old.getKey());
      if (now == null || now.isNull()) {
        patch.set(old.getKey(), JsonNodeFactory.instance.nullNode());
      } else if (now.isObject() && old.getValue().isObject()) {
        patch.set(old.getKey(), replacing(old.getValue(), (ObjectNode) now));
      }
    }
    return patch;
  }
}
