package io.slotgate.api.booking;

import io.slotgate.api.booking.BookingDtos.CombinationBranch;
import io.slotgate.api.booking.BookingDtos.CombinationReservationRequest;
import io.slotgate.api.booking.BookingDtos.CombinationTimeslot;
import io.slotgate.api.booking.BookingDtos.CombinationView;
import io.slotgate.api.booking.BookingDtos.CombinedService;
import io.slotgate.api.booking.BookingDtos.ResourceRef;
import io.slotgate.api.booking.BookingDtos.SegmentSlot;
import io.slotgate.api.http.RequestHash;
import io.slotgate.api.http.Times;
import io.slotgate.core.DomainFailure;
import io.slotgate.core.appointment.Actor;
import io.slotgate.core.booking.BookingService;
import io.slotgate.core.booking.CombinationBooking;
import io.slotgate.core.catalogue.ServiceCombination;
import io.slotgate.core.schedule.CombinationPlan;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Service combinations in seed 003's style: branches with their combinations, start times, reservations. */
final class CombinationMapper {

  private CombinationMapper() {}

  /** Each branch that has combinations, with them in their order; names in the caller's language. */
  static List<CombinationBranch> toBranches(CombinationBooking.Listing listing, String locale) {
    String fallback = listing.defaultLocale();
    return listing.branches().values().stream()
        .sorted(java.util.Comparator.comparing(branch -> branch.name))
        .map(branch -> new CombinationBranch(BookingMapper.branch(branch), listing.combinations().stream()
            .filter(combination -> combination.branchId.equals(branch.id))
            .map(combination -> view(combination, listing, locale, fallback)).toList()))
        .filter(branch -> !branch.serviceCombinations().isEmpty())
        .toList();
  }

  private static CombinationView view(ServiceCombination combination, CombinationBooking.Listing listing,
      String locale, String fallback) {
    List<CombinedService> services = combination.serviceIds.stream().map(listing.services()::get)
        .map(service -> new CombinedService(service.id.toString(), BookingService.text(service.names, locale, fallback),
            service.durationMinutes)).toList();
    return new CombinationView(combination.id.toString(), BookingService.text(combination.names, locale, fallback),
        services, services.stream().mapToInt(CombinedService::duration).sum(), combination.trailingBufferMinutes,
        combination.sameResource, CombinationBooking.onlineBookable(combination, listing.services()));
  }

  static List<CombinationTimeslot> toTimeslots(CombinationBooking.Timeslots found) {
    CombinationPlan plan = found.plan();
    return found.starts().stream().map(free -> {
      List<Instant> starts = plan.starts(free.slot().start());
      List<SegmentSlot> segments = new ArrayList<>();
      for (int i = 0; i < plan.parts().size(); i++) {
        CombinationPlan.Part part = plan.parts().get(i);
        segments.add(new SegmentSlot(part.serviceId().toString(), Times.format(starts.get(i)),
            Times.format(starts.get(i).plus(part.length())), free.freeByPart().get(i).stream()
                .map(id -> new ResourceRef(id.toString(), plan.resourceNames().getOrDefault(id, ""))).toList()));
      }
      return new CombinationTimeslot(Times.format(free.slot().start()), Times.format(free.slot().end()), segments);
    }).toList();
  }

  static CombinationBooking.Reserve toReserve(String tenant, String idempotencyKey,
      CombinationReservationRequest request, Actor actor) {
    if (request == null) {
      throw DomainFailure.invalid("A JSON body with serviceCombinationId, startTime and endTime is required");
    }
    List<String> problems = new ArrayList<>();
    UUID combinationId = BookingMapper.uuid(request.serviceCombinationId(), "serviceCombinationId", true, problems);
    Instant start = BookingMapper.instant(request.startTime(), "startTime", problems);
    Instant end = BookingMapper.instant(request.endTime(), "endTime", problems);
    int count = BookingMapper.holdTerms(start, end, request.notes(), request.numberOfReservations(), idempotencyKey,
        problems);
    return new CombinationBooking.Reserve(tenant, idempotencyKey, RequestHash.of(request.serviceCombinationId(),
        start.toString(), end.toString(), String.valueOf(request.notes()), String.valueOf(count)), combinationId,
        start, end, request.notes(), count, actor);
  }
}
