package io.slotgate.api.wholesale;

import io.slotgate.api.http.Bounded;
import io.slotgate.api.http.Caller;
import io.slotgate.api.wholesale.WholesaleDtos.AvailableAppointments;
import io.slotgate.core.wholesale.WholesaleService;
import io.slotgate.core.wholesale.WholesaleService.Search;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

/** Face 1: which appointment slots are free for an address and service (seed 001). */
@Bounded
@Path("/WholesaleGateway/v1.0/gateway/available-appointments")
@RolesAllowed("appointments")
@Produces(MediaType.APPLICATION_JSON)
public class AvailableAppointmentsResource {

  private final WholesaleService wholesale;
  private final WholesaleMapper mapper;
  private final Caller caller;

  public AvailableAppointmentsResource(WholesaleService wholesale, WholesaleMapper mapper, Caller caller) {
    this.wholesale = wholesale;
    this.mapper = mapper;
    this.caller = caller;
  }

  @GET
  public Uni<AvailableAppointments> search(
      @HeaderParam("X-Request-ID") String requestId,
      @HeaderParam("X-Conversation-ID") String conversationId,
      @HeaderParam("Tenant") String tenant,
      @QueryParam("address") String address,
      @QueryParam("appointmentPurpose") String purpose,
      @QueryParam("serviceSpecification") String serviceSpecification,
      @QueryParam("appointmentFromDate") String fromDate,
      @QueryParam("classifications") String classifications) {
    Search search = mapper.toSearch(caller.actFor(tenant, "header Tenant"), address, serviceSpecification, purpose,
        fromDate, classifications);
    return wholesale.search(search).map(availability -> mapper.toView(search, availability));
  }
}
