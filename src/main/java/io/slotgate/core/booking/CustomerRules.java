package io.slotgate.core.booking;

import io.slotgate.core.DomainFailure;
import io.slotgate.core.appointment.Answer;
import io.slotgate.core.appointment.Customer;
import io.slotgate.core.catalogue.Service;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** Seed 003's rules for a customer's details and answers, per service configuration. */
public final class CustomerRules {

  static final Pattern PERSONAL_ID = Pattern.compile("[A-Za-z0-9]{10,48}");
  private static final Pattern HYPHENATED_GUID =
      Pattern.compile("[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}");
  static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");
  static final Pattern PHONE = Pattern.compile("\\+?[0-9 ()-]{3,255}");
  static final int ANSWER_MAX = 2048;

  private CustomerRules() {}

  /**
   * What a customer of a service combination answers: the union of its services' questions and a date of birth where
   * any of them needs one. An information question two services share (by id) is asked once, required where either
   * requires it; a screening question is asked once per required answer, so two services that want opposite answers
   * cannot both be satisfied.
   */
  public static Service union(List<Service> services) {
    Service union = new Service();
    union.requiresDateOfBirth = services.stream().anyMatch(service -> service.requiresDateOfBirth);
    Map<String, Service.InformationQuestion> information = new java.util.LinkedHashMap<>();
    services.stream().flatMap(service -> service.informationQuestions.stream()).forEach(question ->
        information.merge(question.id(), question, (first, again) -> again.required() && !first.required()
            ? new Service.InformationQuestion(first.id(), true, first.questionText(), first.clarificationText())
            : first));
    union.informationQuestions = List.copyOf(information.values());
    java.util.Set<String> seen = new java.util.HashSet<>();
    union.screeningQuestions = services.stream().flatMap(service -> service.screeningQuestions.stream())
        .filter(question -> seen.add(question.id() + "=" + question.yesRequiredAnswer())).toList();
    return union;
  }

  /** Fails with INVALID_REQUEST listing every broken rule, each naming its field. */
  public static void check(Service service, Customer customer, List<Answer> answers, LocalDate today) {
    List<String> problems = new ArrayList<>();
    if (customer == null) {
      throw DomainFailure.invalid("The customer's details are required: personalIdentifier, firstName, lastName, email");
    }
    if (customer.personalIdentifier() == null || !PERSONAL_ID.matcher(customer.personalIdentifier()).matches()) {
      // Seed 003 calls it a "string (GUID)" that "must match A-Za-z0-9": a GUID is taken without its hyphens.
      String id = customer.personalIdentifier();
      boolean guid = id != null && HYPHENATED_GUID.matcher(id).matches();
      problems.add("Field 'personalIdentifier' must be 10-48 characters of A-Z, a-z and 0-9"
          + (guid ? " (a GUID is written without its hyphens, e.g. " + id.replace("-", "") + ")" : ""));
    }
    name(customer.firstName(), "firstName", problems);
    name(customer.lastName(), "lastName", problems);
    if (customer.email() == null || customer.email().isEmpty() || customer.email().length() > 255
        || !EMAIL.matcher(customer.email()).matches()) {
      problems.add("Field 'email' must be a well-formed address of 1-255 characters");
    }
    if (customer.phoneNumber() != null && !PHONE.matcher(customer.phoneNumber()).matches()) {
      problems.add("Field 'phoneNumber' must be digits (optionally +, spaces, dashes, brackets), at most 255");
    }
    if (customer.dateOfBirth() == null || customer.dateOfBirth().isBlank()) {
      if (service.requiresDateOfBirth) {
        problems.add("Field 'dateOfBirth' is required for this service, e.g. 2000-01-01");
      }
    } else {
      try {
        if (!LocalDate.parse(customer.dateOfBirth()).isBefore(today)) {
          problems.add("Field 'dateOfBirth' must be in the past");
        }
      } catch (DateTimeException e) {
        problems.add("Field 'dateOfBirth' must be an ISO date such as 2000-01-01");
      }
    }
    Map<String, String> given = new HashMap<>();
    for (Answer answer : answers) {
      if (answer.questionId() == null) {
        problems.add("Field 'answers[].questionId' is required");
      } else if (answer.value() != null && answer.value().length() > ANSWER_MAX) {
        problems.add("Field 'answers' for question '" + answer.questionId() + "' is longer than " + ANSWER_MAX);
      } else {
        given.put(answer.questionId(), answer.value());
      }
    }
    List<String> known = new ArrayList<>();
    for (Service.InformationQuestion question : service.informationQuestions) {
      known.add(question.id());
      String value = given.get(question.id());
      if (question.required() && (value == null || value.isBlank())) {
        problems.add("Field 'answers': information question '" + question.id() + "' must be answered");
      }
    }
    for (Service.ScreeningQuestion question : service.screeningQuestions) {
      known.add(question.id());
      String value = given.get(question.id());
      if (value == null || !(value.equalsIgnoreCase("true") || value.equalsIgnoreCase("false")
          || value.equalsIgnoreCase("yes") || value.equalsIgnoreCase("no"))) {
        problems.add("Field 'answers': screening question '" + question.id() + "' must be answered yes or no");
      } else if ((value.equalsIgnoreCase("true") || value.equalsIgnoreCase("yes")) != question.yesRequiredAnswer()) {
        String denied = BookingService.text(question.answerDeniedMessage(), "en_US", null);
        problems.add("Field 'answers': screening question '" + question.id() + "' "
            + (denied != null ? denied : "does not allow this booking"));
      }
    }
    given.keySet().stream().filter(id -> !known.contains(id)).sorted()
        .forEach(id -> problems.add("Field 'answers' names an unknown question '" + id + "'; known: " + known));
    if (!problems.isEmpty()) {
      throw DomainFailure.invalid(problems);
    }
  }

  private static void name(String value, String field, List<String> problems) {
    if (value == null || value.isBlank()) {
      problems.add("Field '" + field + "' is required");
    } else if (value.length() > 255) {
      problems.add("Field '" + field + "' must be at most 255 characters");
    }
  }
}
