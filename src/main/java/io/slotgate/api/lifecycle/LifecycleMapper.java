package io.slotgate.api.lifecycle;

import io.slotgate.api.http.Times;
import io.slotgate.api.lifecycle.LifecycleDtos.AnswerView;
import io.slotgate.api.lifecycle.LifecycleDtos.AppointmentData;
import io.slotgate.api.lifecycle.LifecycleDtos.HistoryView;
import io.slotgate.api.lifecycle.LifecycleDtos.Participant;
import io.slotgate.api.lifecycle.LifecycleDtos.Ref;
import io.slotgate.core.appointment.Appointment;
import io.slotgate.core.appointment.Channel;
import io.slotgate.core.appointment.HistoryEntry;
import io.slotgate.core.appointment.Meeting;
import io.slotgate.core.catalogue.Branch;
import io.slotgate.core.events.EventRenderer;
import io.slotgate.core.events.Subscription;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Maps an appointment to seed 002: subject = service, office = branch, participants = customer and employee. */
@ApplicationScoped
public class LifecycleMapper implements EventRenderer {

  /**
   * Seed 002 views, office visits with their branch's location (installs at an address carry none), its texts in
   * the first of {@code languages} the branch has.
   */
  public List<AppointmentData> toViews(List<Appointment> found, Map<UUID, Branch> branches, List<String> languages) {
    return found.stream().map(a -> toView(a, a.who().channel() == Channel.WHOLESALE || a.what().branchId() == null
        ? null : location(branches.get(a.what().branchId()), languages))).toList();
  }

  /** A language tag whose first two letters name the language (fr, fr-BE, fr_BE). */
  private static final java.util.regex.Pattern LANGUAGE_TAG = java.util.regex.Pattern.compile("[a-z]{2}([-_].*)?");

  /** The languages of an Accept-Language header, most wanted first ("fr-BE, nl;q=0.8" is fr, nl); never null. */
  public static List<String> languages(String header) {
    if (header == null || header.length() > 256) {
      return List.of();
    }
    record Wanted(String language, double q) {}
    List<Wanted> wanted = new java.util.ArrayList<>();
    for (String part : header.split(",")) {
      String[] pieces = part.trim().split(";");
      String tag = pieces[0].trim().toLowerCase(java.util.Locale.ROOT);
      double q = 1;
      for (int i = 1; i < pieces.length; i++) {
        String parameter = pieces[i].trim();
        if (parameter.startsWith("q=")) {
          try {
            q = Double.parseDouble(parameter.substring(2));
          } catch (NumberFormatException e) {
            q = 0;
          }
        }
      }
      if (LANGUAGE_TAG.matcher(tag).matches() && q > 0) {
        wanted.add(new Wanted(tag.substring(0, 2), q));
      }
    }
    return wanted.stream().sorted(java.util.Comparator.comparingDouble(Wanted::q).reversed()).map(Wanted::language)
        .distinct().toList();
  }

  /**
   * The branch as seed 002's location; null for installs at an address (only its UPRN is known) and
   * for branches without coordinates, since the seed requires a geolocation.
   */
  public LifecycleDtos.Location location(Branch branch, List<String> languages) {
    if (branch == null || branch.latitude == null || branch.longitude == null || branch.city == null
        || branch.streetName == null) {
      return null;
    }
    Map<String, Branch.Place> texts = new java.util.LinkedHashMap<>();
    texts.put(branch.language, new Branch.Place(branch.city, branch.streetName));
    // The branch's own language first, then the others in alphabetical order.
    new java.util.TreeMap<>(branch.translations == null ? Map.<String, Branch.Place>of() : branch.translations)
        .forEach(texts::putIfAbsent);
    String language = languages.stream().filter(texts::containsKey).findFirst().orElse(branch.language);
    Branch.Place chosen = texts.get(language);
    LifecycleDtos.Text city = new LifecycleDtos.Text(language, chosen.city() != null ? chosen.city() : branch.city);
    LifecycleDtos.Text street = new LifecycleDtos.Text(language,
        chosen.streetName() != null ? chosen.streetName() : branch.streetName);
    String formatted = String.join(", ", java.util.stream.Stream.of(street.value(),
        (branch.zipCode == null ? "" : branch.zipCode + " ") + city.value(), branch.country)
        .filter(part -> part != null && !part.isBlank()).toList());
    return new LifecycleDtos.Location(city, null, street, null, branch.zipCode, branch.country, formatted,
        new LifecycleDtos.Geolocation(branch.latitude, branch.longitude),
        new LifecycleDtos.Translations(translations(texts, Branch.Place::city), List.of(),
            translations(texts, Branch.Place::streetName), List.of()));
  }

  private static List<LifecycleDtos.Text> translations(Map<String, Branch.Place> texts,
      java.util.function.Function<Branch.Place, String> field) {
    return texts.entrySet().stream().filter(e -> field.apply(e.getValue()) != null)
        .map(e -> new LifecycleDtos.Text(e.getKey(), field.apply(e.getValue()))).toList();
  }

  public AppointmentData toView(Appointment a) {
    return toView(a, null);
  }

  public AppointmentData toView(Appointment a, LifecycleDtos.Location location) {
    Appointment.What what = a.what();
    Appointment.Details details = a.details();
    Appointment.Audit audit = a.audit();
    String customer = details.customer() != null ? details.customer().personalIdentifier()
        : a.where().addressId() != null ? a.where().addressType() + ":" + a.where().addressId() : a.who().tenant();
    // The employee is who serves first: a combination's first segment's.
    List<UUID> staff = what.segments().isEmpty() ? a.capacity().resourceIds()
        : what.segments().getFirst().resourceIds();
    String employee = !staff.isEmpty() ? staff.getFirst().toString()
        : what.supplierId() != null ? what.supplierId() : "unassigned";
    // The form is the service's questionnaire; each answer's id is its question's within that form.
    // Both participants join a video meeting by its one link (seed 002 gives each participant the fields).
    Meeting meeting = what.meeting();
    Ref form = new Ref(what.serviceId() != null ? what.serviceId().toString() : String.valueOf(what.serviceCode()));
    List<AnswerView> answers = details.answers().stream().map(answer -> new AnswerView(answer.value(), null, null,
        answer.questionId(), form, new Ref(answer.questionId()), "SUBJECT_QUESTIONNAIRE",
        Times.format(audit.updatedAt()), Times.format(audit.updatedAt()))).toList();
    // A combination is the subject, its services the segments; one service is the subject itself.
    Ref subject = new Ref(what.combinationId() != null ? what.combinationId().toString()
        : what.serviceId() != null ? what.serviceId().toString() : what.serviceCode());
    List<LifecycleDtos.Segment> segments = what.combinationId() == null ? null : what.segments().stream()
        .map(s -> new LifecycleDtos.Segment(new Ref(s.serviceId().toString()), Times.format(s.start()),
            Times.format(s.end()), s.resourceIds().stream().map(id -> new Ref(id.toString())).toList())).toList();
    return new AppointmentData(a.id().toString(),
        a.who().externalId() != null ? a.who().externalId() : what.supplierReference(),
        Times.format(a.when().start()), Times.format(a.when().end()), subject,
        new Ref(what.branchId() != null ? what.branchId().toString() : what.supplierId()),
        List.of(new Participant("PRIMARY", new Ref(customer), "CUSTOMER", meeting.videoUrl(), meeting.videoTestUrl()),
            new Participant("SECONDARY", new Ref(employee), "EMPLOYEE", meeting.videoUrl(), meeting.videoTestUrl())),
        answers, null, null, null, null,
        meeting.type().name(), a.status().name(), meeting.hybrid(), a.when().trailingBufferMinutes(),
        details.internalNotes(), details.messageForCustomer(),
        Times.format(audit.createdAt()), new Ref(audit.createdBy().id()), audit.createdBy().type(),
        audit.createdBy().source(),
        Times.format(audit.updatedAt()), new Ref(audit.updatedBy().id()), audit.updatedBy().type(),
        audit.updatedBy().source(),
        location, segments);
  }

  public HistoryView toView(HistoryEntry entry) {
    return new HistoryView(Times.format(entry.at()), new Ref(entry.actor().id()), entry.actor().type(),
        entry.actor().source(), entry.action(), entry.from() == null ? null : entry.from().name(), entry.to().name());
  }

  /** This face's subscribers get events with the appointment as the lifecycle face's (seed 002) shape. */
  @Override
  public Subscription.Face face() {
    return Subscription.Face.OWNER;
  }

  @Override
  public Uni<Object> render(Appointment appointment) {
    return Uni.createFrom().item(() -> toView(appointment));
  }
}
