package io.slotgate.core.booking;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.slotgate.core.DomainFailure;
import io.slotgate.core.appointment.Answer;
import io.slotgate.core.appointment.Customer;
import io.slotgate.core.catalogue.Service;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Seed 003's rules for a customer's details and answers: each broken rule is named, all of them at once. */
class CustomerRulesTest {

  private static final LocalDate TODAY = LocalDate.parse("2026-03-01");
  private static final Customer VALID = new Customer("AB12345678", "Ada", "Lovelace", "+44 (0)20 7946-0000",
      "ada@example.org", "1990-12-10");

  @Test
  void aCompleteCustomerWithNoQuestionsPasses() {
    assertDoesNotThrow(() -> CustomerRules.check(service(false), VALID, List.of(), TODAY));
    assertDoesNotThrow(() -> CustomerRules.check(service(false),
        new Customer("AB12345678", "Ada", "Lovelace", null, "ada@example.org", null), List.of(), TODAY),
        "phone and date of birth are optional unless the service needs it");
  }

  @Test
  void aCombinationAsksTheUnionOfItsServicesQuestionsEachAtItsStrictest() {
    Service advice = service(false);
    advice.informationQuestions = List.of(new Service.InformationQuestion("income", false, Map.of("en_US", "Income?"),
        Map.of()));
    Service signing = service(true);
    signing.informationQuestions = List.of(new Service.InformationQuestion("income", true, Map.of("en_US", "Income?"),
        Map.of()), new Service.InformationQuestion("job", false, Map.of("en_US", "Job?"), Map.of()));
    signing.screeningQuestions = List.of(new Service.ScreeningQuestion("resident", true, Map.of(), Map.of(), Map.of()));
    Service union = CustomerRules.union(List.of(advice, signing));
    // Optional in one service and required in the other: required, asked once; the date of birth of the second.
    assertEquals(List.of("income", "job"), union.informationQuestions.stream().map(q -> q.id()).toList());
    Customer noBirth = new Customer("AB12345678", "Ada", "Lovelace", null, "ada@example.org", null);
    DomainFailure refused = assertThrows(DomainFailure.class, () -> CustomerRules.check(union, noBirth,
        List.of(new Answer("resident", "yes")), TODAY));
    assertEquals(List.of("Field 'dateOfBirth' is required for this service, e.g. 2000-01-01",
        "Field 'answers': information question 'income' must be answered"), refused.messages());
    assertDoesNotThrow(() -> CustomerRules.check(union, VALID, List.of(new Answer("income", "50000"),
        new Answer("resident", "yes")), TODAY));
    // Two services wanting opposite screening answers cannot both be satisfied.
    Service elsewhere = service(false);
    elsewhere.screeningQuestions = List.of(new Service.ScreeningQuestion("resident", false, Map.of(), Map.of(), Map.of()));
    Service opposite = CustomerRules.union(List.of(signing, elsewhere));
    for (String answer : List.of("yes", "no")) {
      assertThrows(DomainFailure.class, () -> CustomerRules.check(opposite, VALID,
          List.of(new Answer("resident", answer)), TODAY), answer);
    }
  }

  @Test
  void noCustomerAtAllIsOneMessageNamingTheRequiredFields() {
    DomainFailure refused = assertThrows(DomainFailure.class,
        () -> CustomerRules.check(service(false), null, List.of(), TODAY));
    assertEquals(DomainFailure.Kind.INVALID_REQUEST, refused.kind());
    assertEquals(List.of("The customer's details are required: personalIdentifier, firstName, lastName, email"),
        refused.messages());
  }

  @Test
  void thePersonalIdentifierIs10To48LettersAndDigits() {
    for (String good : List.of("A123456789", "a".repeat(48), "0000000000")) {
      assertEquals(List.of(), problems(customer(good, "Ada", "ada@example.org", null, null)), good);
    }
    for (String bad : List.of("A12345678", "a".repeat(49), "AB-2345678", "AB 2345678", "ÄB12345678", "")) {
      assertEquals(List.of("Field 'personalIdentifier' must be 10-48 characters of A-Z, a-z and 0-9"),
          problems(customer(bad, "Ada", "ada@example.org", null, null)), bad);
    }
    assertEquals(1, problems(customer(null, "Ada", "ada@example.org", null, null)).size());
  }

  @Test
  void namesAreRequiredAndAtMost255Characters() {
    assertEquals(List.of("Field 'firstName' is required", "Field 'lastName' is required"),
        problems(new Customer("AB12345678", " ", null, null, "ada@example.org", null)));
    assertEquals(List.of(), problems(new Customer("AB12345678", "x".repeat(255), "y".repeat(255), null,
        "ada@example.org", null)));
    assertEquals(List.of("Field 'firstName' must be at most 255 characters",
        "Field 'lastName' must be at most 255 characters"), problems(new Customer("AB12345678", "x".repeat(256),
        "y".repeat(256), null, "ada@example.org", null)));
  }

  @Test
  void theEmailMustBeAWellFormedAddressOfAtMost255Characters() {
    String longest = "a".repeat(243) + "@example.org";
    assertEquals(255, longest.length());
    for (String good : List.of("a@b.co", "first.last+tag@sub.example.org", longest)) {
      assertEquals(List.of(), problems(customer("AB12345678", "Ada", good, null, null)), good);
    }
    for (String bad : List.of("", "ada", "ada@example", "@example.org", "ada@@example.org", "ada @example.org",
        "a" + longest)) {
      assertEquals(List.of("Field 'email' must be a well-formed address of 1-255 characters"),
          problems(customer("AB12345678", "Ada", bad, null, null)), bad);
    }
    assertEquals(1, problems(customer("AB12345678", "Ada", null, null, null)).size());
  }

  @Test
  void aPhoneNumberWhenGivenIsDigitsWithPlusSpacesDashesAndBrackets() {
    for (String good : List.of("123", "+44 20 7946 0000", "(020) 7946-0000")) {
      assertEquals(List.of(), problems(customer("AB12345678", "Ada", "ada@example.org", good, null)), good);
    }
    for (String bad : List.of("12", "call me", "+44 20 7946 0000 ext. 5", "1".repeat(256), "")) {
      assertEquals(List.of("Field 'phoneNumber' must be digits (optionally +, spaces, dashes, brackets), at most 255"),
          problems(customer("AB12345678", "Ada", "ada@example.org", bad, null)), bad);
    }
  }

  @Test
  void theDateOfBirthIsAnIsoDateInThePastAndRequiredOnlyWhereTheServiceSaysSo() {
    assertEquals(List.of("Field 'dateOfBirth' is required for this service, e.g. 2000-01-01"),
        problems(service(true), customer("AB12345678", "Ada", "ada@example.org", null, null), List.of()));
    assertEquals(1, problems(service(true), customer("AB12345678", "Ada", "ada@example.org", null, " "), List.of())
        .size(), "blank is missing");
    assertEquals(List.of(), problems(service(true), customer("AB12345678", "Ada", "ada@example.org", null,
        "2026-02-28"), List.of()), "yesterday is in the past");
    for (String notPast : List.of("2026-03-01", "2026-03-02", "2099-01-01")) {
      assertEquals(List.of("Field 'dateOfBirth' must be in the past"),
          problems(customer("AB12345678", "Ada", "ada@example.org", null, notPast)), notPast);
    }
    for (String malformed : List.of("01/02/1990", "1990-02-30", "1990-2-1", "yesterday")) {
      assertEquals(List.of("Field 'dateOfBirth' must be an ISO date such as 2000-01-01"),
          problems(customer("AB12345678", "Ada", "ada@example.org", null, malformed)), malformed);
    }
  }

  @Test
  void everyBrokenRuleIsReportedAtOnce() {
    List<String> all = problems(service(true), new Customer("short", null, "x".repeat(256), "phone?", "nope", null),
        List.of(new Answer("unknown", "x")));
    assertEquals(List.of("Field 'personalIdentifier' must be 10-48 characters of A-Z, a-z and 0-9",
        "Field 'firstName' is required", "Field 'lastName' must be at most 255 characters",
        "Field 'email' must be a well-formed address of 1-255 characters",
        "Field 'phoneNumber' must be digits (optionally +, spaces, dashes, brackets), at most 255",
        "Field 'dateOfBirth' is required for this service, e.g. 2000-01-01",
        "Field 'answers' names an unknown question 'unknown'; known: []"), all);
  }

  @Test
  void requiredInformationQuestionsMustBeAnsweredAndOptionalOnesMayNot() {
    Service service = service(false);
    service.informationQuestions = List.of(new Service.InformationQuestion("floor", true, Map.of(), Map.of()),
        new Service.InformationQuestion("parking", false, Map.of(), Map.of()));
    assertEquals(List.of(), problems(service, VALID, List.of(new Answer("floor", "3"))));
    String missing = "Field 'answers': information question 'floor' must be answered";
    assertEquals(List.of(missing), problems(service, VALID, List.of()));
    assertEquals(List.of(missing), problems(service, VALID, List.of(new Answer("floor", "  "))));
    assertEquals(List.of(missing), problems(service, VALID, List.of(new Answer("floor", null))));
  }

  @Test
  void screeningAnswersAreYesOrNoAndMustBeTheRequiredOne() {
    Service service = service(false);
    service.screeningQuestions = List.of(
        new Service.ScreeningQuestion("adult", true, Map.of(), Map.of(), Map.of("en_US", "Only adults can book")),
        new Service.ScreeningQuestion("symptoms", false, Map.of(), Map.of(), Map.of()));
    for (String[] good : List.of(new String[] {"yes", "no"}, new String[] {"TRUE", "False"},
        new String[] {"Yes", "NO"})) {
      assertEquals(List.of(), problems(service, VALID, List.of(new Answer("adult", good[0]),
          new Answer("symptoms", good[1]))), good[0] + "/" + good[1]);
    }
    assertEquals(List.of("Field 'answers': screening question 'adult' Only adults can book",
        "Field 'answers': screening question 'symptoms' does not allow this booking"),
        problems(service, VALID, List.of(new Answer("adult", "no"), new Answer("symptoms", "yes"))));
    assertEquals(List.of("Field 'answers': screening question 'adult' must be answered yes or no",
        "Field 'answers': screening question 'symptoms' must be answered yes or no"),
        problems(service, VALID, List.of(new Answer("adult", "maybe"))));
  }

  @Test
  void answersAreCheckedForTheirQuestionAndLength() {
    Service service = service(false);
    service.informationQuestions = List.of(new Service.InformationQuestion("notes", false, Map.of(), Map.of()));
    assertEquals(List.of(), problems(service, VALID, List.of(new Answer("notes", "x".repeat(2048)))));
    assertEquals(List.of("Field 'answers' for question 'notes' is longer than 2048"),
        problems(service, VALID, List.of(new Answer("notes", "x".repeat(2049)))));
    assertEquals(List.of("Field 'answers[].questionId' is required"),
        problems(service, VALID, List.of(new Answer(null, "x"))));
    assertEquals(List.of("Field 'answers' names an unknown question 'a'; known: [notes]",
        "Field 'answers' names an unknown question 'b'; known: [notes]"),
        problems(service, VALID, List.of(new Answer("b", "x"), new Answer("a", "y"))), "sorted by id");
  }

  private static Customer customer(String personalId, String firstName, String email, String phone, String born) {
    return new Customer(personalId, firstName, "Lovelace", phone, email, born);
  }

  private static List<String> problems(Customer customer) {
    return problems(service(false), customer, List.of());
  }

  /** The messages of the INVALID_REQUEST the rules answer, or none. */
  private static List<String> problems(Service service, Customer customer, List<Answer> answers) {
    try {
      CustomerRules.check(service, customer, answers, TODAY);
      return List.of();
    } catch (DomainFailure refused) {
      assertEquals(DomainFailure.Kind.INVALID_REQUEST, refused.kind());
      assertTrue(!refused.messages().isEmpty());
      return new ArrayList<>(refused.messages());
    }
  }

  private static Service service(boolean requiresDateOfBirth) {
    Service service = new Service();
    service.requiresDateOfBirth = requiresDateOfBirth;
    service.informationQuestions = List.of();
    service.screeningQuestions = List.of();
    return service;
  }
}
