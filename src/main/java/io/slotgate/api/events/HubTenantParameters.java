package io.slotgate.api.events;

import io.quarkus.smallrye.openapi.OpenApiFilter;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.media.Schema.SchemaType;
import org.eclipse.microprofile.openapi.models.parameters.Parameter;

/**
 * Declares each hub face's tenant in the OpenAPI document as the scanner declares a method's parameter. A face's
 * resource reads its tenant in its field {@code tenant}, and the scanner reads fields only of the class that declares
 * the operations (SubscriptionsResource, for every face). It runs before OpenApiCompletion (a higher priority), which
 * then completes these operations like any other of their face.
 */
@OpenApiFilter(stages = OpenApiFilter.RunStage.BUILD, priority = 100)
public class HubTenantParameters implements OASFilter {

  private static final List<Class<? extends SubscriptionsResource>> FACES = List.of(
      BookingSubscriptionsResource.class, WholesaleSubscriptionsResource.class, OwnerSubscriptionsResource.class);

  @Override
  public void filterOpenAPI(OpenAPI openAPI) {
    if (openAPI.getPaths() == null) {
      return;
    }
    openAPI.getPaths().getPathItems().forEach((path, item) -> FACES.forEach(face -> {
      String base = face.getAnnotation(Path.class).value();
      if (path.equals(base) || path.startsWith(base + "/")) {
        item.getOperations().values().forEach(operation -> declare(operation, tenant(face)));
      }
    }));
  }

  private static Parameter tenant(Class<? extends SubscriptionsResource> face) {
    Field field;
    try {
      field = face.getDeclaredField("tenant");
    } catch (NoSuchFieldException e) {
      throw new IllegalStateException(face.getSimpleName() + " reads no tenant field", e);
    }
    HeaderParam header = field.getAnnotation(HeaderParam.class);
    Parameter tenant = header != null
        ? OASFactory.createParameter().name(header.value()).in(Parameter.In.HEADER)
        : OASFactory.createParameter().name(field.getAnnotation(PathParam.class).value()).in(Parameter.In.PATH)
            .required(true);
    return tenant.schema(OASFactory.createSchema().addType(SchemaType.STRING));
  }

  /** Path parameters first, as the scanner orders them. */
  private static void declare(Operation operation, Parameter tenant) {
    List<Parameter> parameters = new ArrayList<>(operation.getParameters() == null ? List.of()
        : operation.getParameters());
    long path = parameters.stream().filter(p -> p.getIn() == Parameter.In.PATH).count();
    parameters.add(tenant.getIn() == Parameter.In.PATH ? 0 : (int) path, tenant);
    operation.setParameters(parameters);
  }
}
