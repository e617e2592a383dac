package io.slotgate.api.openapi;

import java.util.Map;

/**
 * The name of every operation, as generated clients call their methods: the seeds' and TMF646's verbs
 * (list, retrieve, create, confirm, cancel, ...) and one name per face where two faces share a shape.
 * They are part of the contract: OpenApiContractTest fails when one disappears or changes.
 */
final class OperationIds {

  private OperationIds() {}

  private static final String GATEWAY = "/WholesaleGateway/v1.0/gateway";
  private static final String LIFECYCLE = "/enterprises/{enterprise}";

  static final Map<String, String> BY_OPERATION = Map.ofEntries(
      // Wholesale gateway (seeds 000, 001; TMF646)
      Map.entry("GET " + GATEWAY + "/available-appointments", "listAvailableAppointments"),
      Map.entry("POST " + GATEWAY + "/appointments", "createAppointment"),
      Map.entry("GET " + GATEWAY + "/appointments/{id}", "retrieveAppointment"),
      Map.entry("PATCH " + GATEWAY + "/appointments/{id}", "rescheduleAppointment"),
      Map.entry("POST " + GATEWAY + "/appointments/{id}/_actions/confirm", "confirmAppointment"),
      Map.entry("POST " + GATEWAY + "/appointments/{id}/_actions/cancel", "cancelAppointment"),
      Map.entry("POST " + GATEWAY + "/hub", "createWholesaleSubscription"),
      Map.entry("GET " + GATEWAY + "/hub/{id}", "retrieveWholesaleSubscription"),
      Map.entry("DELETE " + GATEWAY + "/hub/{id}", "deleteWholesaleSubscription"),
      Map.entry("POST " + GATEWAY + "/hub/{id}/_actions/resume", "resumeWholesaleSubscription"),
      Map.entry("POST " + GATEWAY + "/hub/{id}/_actions/rotate-secret", "rotateWholesaleSubscriptionSecret"),
      // Branch booking (seed 003)
      Map.entry("GET /external/v1/services", "listServices"),
      Map.entry("GET /external/v1/services/groups", "listServiceGroups"),
      Map.entry("GET /external/v1/services/{serviceId}", "listServiceBranches"),
      Map.entry("GET /external/v1/services/{serviceId}/timeslots", "listTimeslots"),
      Map.entry("POST /external/v1/reservations", "createReservation"),
      Map.entry("GET /external/v1/reservations/{id}", "retrieveReservation"),
      Map.entry("PUT /external/v1/reservations/{id}", "confirmReservation"),
      Map.entry("DELETE /external/v1/appointments/{id}", "cancelBooking"),
      Map.entry("PUT /external/v1/appointments/{id}/customer", "updateCustomerDetails"),
      Map.entry("PUT /external/v1/appointments/{id}/timeslot", "rescheduleBooking"),
      Map.entry("POST /external/v1/hub", "createBookingSubscription"),
      Map.entry("GET /external/v1/hub/{id}", "retrieveBookingSubscription"),
      Map.entry("DELETE /external/v1/hub/{id}", "deleteBookingSubscription"),
      Map.entry("POST /external/v1/hub/{id}/_actions/resume", "resumeBookingSubscription"),
      Map.entry("POST /external/v1/hub/{id}/_actions/rotate-secret", "rotateBookingSubscriptionSecret"),
      // Appointment lifecycle, the owner's back office (seed 002)
      Map.entry("GET " + LIFECYCLE + "/appointments", "listEnterpriseAppointments"),
      Map.entry("POST " + LIFECYCLE + "/appointments", "inviteCustomer"),
      Map.entry("GET " + LIFECYCLE + "/appointments/{id}", "retrieveEnterpriseAppointment"),
      Map.entry("GET " + LIFECYCLE + "/appointments/{id}/history", "listAppointmentHistory"),
      Map.entry("POST " + LIFECYCLE + "/appointments/{id}/_actions/accept", "acceptAppointment"),
      Map.entry("POST " + LIFECYCLE + "/appointments/{id}/_actions/request-alternative-date", "requestAlternativeDate"),
      Map.entry("POST " + LIFECYCLE + "/appointments/{id}/_actions/complete", "completeAppointment"),
      Map.entry("POST " + LIFECYCLE + "/appointments/{id}/_actions/no-show", "markNoShow"),
      Map.entry("POST " + LIFECYCLE + "/appointments/{id}/_actions/cancel", "cancelEnterpriseAppointment"),
      Map.entry("POST " + LIFECYCLE + "/hub", "createOwnerSubscription"),
      Map.entry("GET " + LIFECYCLE + "/hub/{id}", "retrieveOwnerSubscription"),
      Map.entry("DELETE " + LIFECYCLE + "/hub/{id}", "deleteOwnerSubscription"),
      Map.entry("POST " + LIFECYCLE + "/hub/{id}/_actions/resume", "resumeOwnerSubscription"),
      Map.entry("POST " + LIFECYCLE + "/hub/{id}/_actions/rotate-secret", "rotateOwnerSubscriptionSecret"),
      // Admin: each tenant's catalogue, suppliers, grants and routes
      Map.entry("GET /admin/v1/settings", "retrieveSettings"),
      Map.entry("PUT /admin/v1/settings", "replaceSettings"),
      Map.entry("POST /admin/v1/demo", "loadDemoCatalogue"),
      Map.entry("GET /admin/v1/branches", "listBranches"),
      Map.entry("POST /admin/v1/branches", "createBranch"),
      Map.entry("GET /admin/v1/branches/{id}", "retrieveBranch"),
      Map.entry("PUT /admin/v1/branches/{id}", "replaceBranch"),
      Map.entry("DELETE /admin/v1/branches/{id}", "retireBranch"),
      Map.entry("GET /admin/v1/service-groups", "listCatalogueServiceGroups"),
      Map.entry("POST /admin/v1/service-groups", "createServiceGroup"),
      Map.entry("PUT /admin/v1/service-groups/{id}", "replaceServiceGroup"),
      Map.entry("DELETE /admin/v1/service-groups/{id}", "retireServiceGroup"),
      Map.entry("GET /admin/v1/services", "listCatalogueServices"),
      Map.entry("POST /admin/v1/services", "createService"),
      Map.entry("PUT /admin/v1/services/{id}", "replaceService"),
      Map.entry("DELETE /admin/v1/services/{id}", "retireService"),
      Map.entry("GET /admin/v1/resources", "listResources"),
      Map.entry("POST /admin/v1/resources", "createResource"),
      Map.entry("PUT /admin/v1/resources/{id}", "replaceResource"),
      Map.entry("DELETE /admin/v1/resources/{id}", "retireResource"),
      Map.entry("GET /admin/v1/schedule-rules", "listScheduleRules"),
      Map.entry("POST /admin/v1/schedule-rules", "createScheduleRule"),
      Map.entry("PUT /admin/v1/schedule-rules/{id}", "replaceScheduleRule"),
      Map.entry("DELETE /admin/v1/schedule-rules/{id}", "retireScheduleRule"),
      Map.entry("GET /admin/v1/suppliers", "listSuppliers"),
      Map.entry("POST /admin/v1/suppliers", "createSupplier"),
      Map.entry("GET /admin/v1/suppliers/{id}", "retrieveSupplier"),
      Map.entry("PUT /admin/v1/suppliers/{id}", "replaceSupplier"),
      Map.entry("DELETE /admin/v1/suppliers/{id}", "retireSupplier"),
      Map.entry("GET /admin/v1/suppliers/{id}/grants", "listSupplierGrants"),
      Map.entry("POST /admin/v1/suppliers/{id}/grants", "grantSupplier"),
      Map.entry("DELETE /admin/v1/suppliers/{id}/grants/{tenant}", "revokeSupplierGrant"),
      Map.entry("GET /admin/v1/grants", "listGrantsOffered"),
      Map.entry("GET /admin/v1/routes", "listRoutes"),
      Map.entry("POST /admin/v1/routes", "createRoute"),
      Map.entry("DELETE /admin/v1/routes/{id}", "deleteRoute"));
}
