package io.slotgate.api.wholesale;

import io.slotgate.api.http.Bounded;
import io.slotgate.api.http.Caller;
import io.slotgate.api.wholesale.WholesaleDtos.Address;
import io.slotgate.api.wholesale.WholesaleDtos.ServiceQualification;
import io.slotgate.core.wholesale.WholesaleService;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

/**
 * Face 1: which serviceSpecifications the booker can book at an address (seed 001's quick start step 1, "Check
 * Service Availability"), shaped after TMF645 Service Qualification. A GET: it only reads, stores nothing, and takes
 * the address as available-appointments does (see docs/decisions.md).
 */
@Bounded
@Path("/WholesaleGateway/v1.0/gateway/serviceQualification")
@RolesAllowed("appointments")
@Produces(MediaType.APPLICATION_JSON)
public class ServiceQualificationResource {

  private final WholesaleService wholesale;
  private final WholesaleMapper mapper;
  private final Caller caller;

  public ServiceQualificationResource(WholesaleService wholesale, WholesaleMapper mapper, Caller caller) {
    this.wholesale = wholesale;
    this.mapper = mapper;
    this.caller = caller;
  }

  @GET
  public Uni<ServiceQualification> qualify(
      @HeaderParam("X-Request-ID") String requestId,
      @HeaderParam("X-Conversation-ID") String conversationId,
      @HeaderParam("Tenant") String tenant,
      @QueryParam("address") String address) {
    String booker = caller.actFor(tenant, "header Tenant");
    Address where = mapper.toQualification(address);
    return wholesale.qualify(booker, where.type(), where.id()).map(routes -> mapper.toView(where, routes));
  }
}
