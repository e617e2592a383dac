package io.slotgate.api.lifecycle;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import io.slotgate.testing.BookingFixture;
import io.slotgate.testing.Tokens;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The lifecycle face answers a branch's location in the caller's Accept-Language where the branch has it. */
@QuarkusTest
class LocationLanguageTest {

  @Test
  void theLocationIsInTheFirstWantedLanguageTheBranchHasAndListsEveryTranslation() {
    BookingFixture bank = BookingFixture.create(false, Map.of());
    bank.updateBranch(Map.of("language", "nl", "translations", Map.of(
        "fr", Map.of("city", "Gand", "streetName", "Marché aux Grains 1"),
        "en", Map.of("city", "Ghent"))));
    String id = bank.reserveFirstSlot();
    String path = "/enterprises/" + bank.tenant + "/appointments/" + id;
    owner(bank).header("Accept-Language", "de-DE, fr-BE;q=0.9, nl;q=0.8").get(path).then().statusCode(200)
        .body("data.location.city.language", equalTo("fr")).body("data.location.city.value", equalTo("Gand"))
        .body("data.location.street1.value", equalTo("Marché aux Grains 1"))
        .body("data.location.formattedAddress", containsString("Gand"))
        .body("data.location.translations.city.language", equalTo(List.of("nl", "en", "fr")));
    // A translation without the street falls back to the branch's own street for it.
    owner(bank).header("Accept-Language", "en").get(path).then().statusCode(200)
        .body("data.location.city.value", equalTo("Ghent")).body("data.location.street1.value", equalTo("Korenmarkt 1"));
    // Nothing wanted that the branch has (or no header): the branch's own language.
    for (String header : new String[] {"de", "*", "x;q=abc", ""}) {
      owner(bank).header("Accept-Language", header).get(path).then().statusCode(200)
          .body("data.location.city.language", equalTo("nl")).body("data.location.city.value", equalTo("Gent"));
    }
    owner(bank).get("/enterprises/" + bank.tenant + "/appointments").then().statusCode(200);
    String listed = owner(bank).header("Accept-Language", "fr").get("/enterprises/" + bank.tenant + "/appointments")
        .then().statusCode(200).extract().path("data.find { it.id == '" + id + "' }.location.city.value");
    assertEquals("Gand", listed);
  }

  @Test
  void translationsAreRefusedUnlessKeyedByATwoLetterLanguage() {
    BookingFixture bank = BookingFixture.create(false, Map.of());
    given().auth().oauth2(Tokens.forTenants(Tokens.MANAGE, bank.tenant)).header("Tenant", bank.tenant)
        .contentType(ContentType.JSON).body(Map.of("name", "Brugge", "timeZone", "Europe/Brussels",
            "translations", Map.of("french", Map.of("city", "Bruges")))).post("/admin/v1/branches").then()
        .statusCode(422).body(containsString("translations"));
  }

  private static RequestSpecification owner(BookingFixture bank) {
    return given().auth().oauth2(Tokens.forTenants(Tokens.MANAGE, bank.tenant));
  }
}
