package io.slotgate.api.openapi;

import io.smallrye.openapi.api.util.MergeUtil;
import io.smallrye.openapi.runtime.io.OpenApiParser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Comparator;
import java.util.List;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.media.MediaType;
import org.eclipse.microprofile.openapi.models.parameters.Parameter;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;

/** The words of the OpenAPI document, kept out of the resources: META-INF/openapi-texts.yaml. */
final class OpenApiTexts {

  static final String FILE = "/META-INF/openapi-texts.yaml";
  private static final List<Parameter.In> PARAMETER_PLACES = List.of(Parameter.In.PATH, Parameter.In.QUERY,
      Parameter.In.HEADER, Parameter.In.COOKIE);

  private OpenApiTexts() {}

  /**
   * The operations' prose (summaries, descriptions, examples, parameter documentation) is written in
   * META-INF/openapi-texts.yaml, not on the resources. It is laid over the scanned document here, where it wins
   * over what the scanner guessed (a default "OK", a String body's text/plain); a static META-INF/openapi.yaml
   * would be merged under the scan instead.
   */
  static void layOver(OpenAPI openAPI) {
    OpenAPI texts;
    try {
      texts = OpenApiParser.parse(OpenApiTexts.class.getResource(FILE));
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + FILE, e);
    }
    texts.getPaths().getPathItems().forEach((path, item) -> item.getOperations().forEach((method, text) -> {
      PathItem served = openAPI.getPaths().getPathItem(path);
      Operation operation = served == null ? null : served.getOperations().get(method);
      if (operation == null) {
        throw new IllegalStateException(FILE + " documents " + method + " " + path + ", which no resource serves");
      }
      // The scanner shares some responses among operations (the 401 and 403 of every secured one): the merge
      // below must change this operation's alone, or one operation's words become every operation's.
      if (text.getResponses() != null && operation.getResponses() != null) {
        text.getResponses().getAPIResponses().keySet().forEach(code -> {
          APIResponse scanned = operation.getResponses().getAPIResponse(code);
          if (scanned != null) {
            operation.getResponses().addAPIResponse(code,
                MergeUtil.mergeObjects(OASFactory.createAPIResponse(), scanned));
          }
        });
      }
      // A documented schema replaces the scanned one (a merge would add "string" to an array's type).
      if (text.getParameters() != null && operation.getParameters() != null) {
        text.getParameters().stream().filter(p -> p.getSchema() != null).forEach(p -> operation.getParameters()
            .stream().filter(q -> q.getName().equals(p.getName()) && q.getIn() == p.getIn())
            .forEach(q -> q.setSchema(null)));
      }
      if (text.getRequestBody() != null && text.getRequestBody().getContent() != null
          && operation.getRequestBody() != null && operation.getRequestBody().getContent() != null) {
        text.getRequestBody().getContent().getMediaTypes().forEach((type, media) -> {
          MediaType scanned = operation.getRequestBody().getContent().getMediaType(type);
          if (media.getSchema() != null && scanned != null) {
            scanned.setSchema(null);
          }
        });
      }
    }));
    MergeUtil.mergeObjects(openAPI, texts);
    // The parameters in the scanner's order, by place then name (generated clients take them in this order).
    openAPI.getPaths().getPathItems().values().forEach(item -> item.getOperations().values().forEach(operation -> {
      if (operation.getParameters() != null) {
        operation.setParameters(operation.getParameters().stream().sorted(Comparator
            .comparing((Parameter p) -> PARAMETER_PLACES.indexOf(p.getIn())).thenComparing(Parameter::getName)).toList());
      }
    }));
  }
}
