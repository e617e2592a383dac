package io.slotgate.api.error;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonMappingException;
import java.util.Collection;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A request body with fields its face does not know (400 MALFORMED_REQUEST, one message per field naming its JSON
 * path): a misspelt field would otherwise be dropped without a word. Thrown once the whole body has been read, so it
 * names every unknown field, not only the first; rendered by {@link ExceptionMappers}.
 */
public final class UnknownFields extends JsonMappingException {

  /** Most unknown fields named one by one; the rest are counted. */
  static final int MOST_NAMED = 20;
  /** Longest path quoted in a message (a body may carry a 60 KiB field name). */
  private static final int LONGEST_NAME = 64;

  /** One unknown field: its JSON path ({@code customer.nmae}, {@code answers[0].remark}) and the fields known there. */
  public record Field(String path, Collection<String> known) {}

  private final List<Field> fields;

  public UnknownFields(JsonParser parser, List<Field> fields) {
    super(parser, "Unknown field(s): " + fields.stream().map(Field::path).collect(Collectors.joining(", ")));
    this.fields = List.copyOf(fields);
  }

  public List<Field> fields() {
    return fields;
  }

  /** The client's messages: what is unknown, where, and what is accepted there. */
  public List<String> messages() {
    List<String> messages = new java.util.ArrayList<>(fields.stream().limit(MOST_NAMED)
        .map(field -> message(field.path(), field.known())).toList());
    if (fields.size() > MOST_NAMED) {
      messages.add("... and " + (fields.size() - MOST_NAMED) + " more unknown field(s)");
    }
    return messages;
  }

  /** The message for one unknown field, also for bodies a face reads itself (the wholesale confirm). */
  public static String message(String path, Collection<String> known) {
    String shown = path.length() > LONGEST_NAME ? path.substring(0, LONGEST_NAME) + "..." : path;
    shown = shown.codePoints().map(c -> Character.isISOControl(c) ? '?' : c)
        .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
    return "Unknown field '" + shown + "': not part of this request, remove it or correct its spelling"
        + (known.isEmpty() ? "" : " (the fields accepted there: " + String.join(", ", known.stream().sorted().toList())
        + ")");
  }
}
