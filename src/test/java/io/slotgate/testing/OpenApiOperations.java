package io.slotgate.testing;

import static io.restassured.RestAssured.given;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The running app's OpenAPI document and its operations: what the contract, fuzz and tenant-wall tests walk. */
public final class OpenApiOperations {

  private static final List<String> METHODS = List.of("get", "post", "put", "patch", "delete");

  /** One operation: its HTTP method (lower case), path template and OpenAPI entry. */
  public record Operation(String method, String template, JsonNode spec) {
    public String label() {
      return method.toUpperCase(Locale.ROOT) + " " + template;
    }
  }

  private OpenApiOperations() {}

  /** {@code /q/openapi} as served. */
  public static JsonNode document() {
    try {
      return new ObjectMapper().readTree(given().spec(Requests.ops()).get("/q/openapi?format=json").then().statusCode(200).extract()
          .asString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Every operation of the document, in document order. */
  public static List<Operation> of(JsonNode document) {
    List<Operation> found = new ArrayList<>();
    for (Iterator<Map.Entry<String, JsonNode>> paths = document.get("paths").fields(); paths.hasNext(); ) {
      Map.Entry<String, JsonNode> path = paths.next();
      for (String method : METHODS) {
        if (path.getValue().has(method)) {
          found.add(new Operation(method, path.getKey(), path.getValue().get(method)));
        }
      }
    }
    return found;
  }
}
