package io.slotgate.api.lifecycle;

import static io.restassured.RestAssured.given;
import static io.slotgate.testing.WholesaleFixture.BASE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.slotgate.testing.BookingFixture;
import io.slotgate.testing.Db;
import io.slotgate.testing.Requests;
import io.slotgate.testing.Tokens;
import io.slotgate.testing.WholesaleFixture;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;

/** Appointments booked through the wholesale and the branch faces read back in seed 002's shape. */
@QuarkusTest
class SeedShapeTest {

  static final JsonSchema SCHEMA = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
      .getSchema(SeedShapeTest.class.getResourceAsStream("/schemas/seed-002-appointment.schema.json"),
          SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build());

  @Test
  void aWholesaleInstallReadsBackAsAnOnLocationAppointment() throws Exception {
    WholesaleFixture supplier = WholesaleFixture.create(2, 900, false, "T-SHAPE");
    long clientId = ThreadLocalRandom.current().nextLong(1L << 47, 1L << 48);
    supplier.hold("T-SHAPE", clientId, supplier.available("T-SHAPE").getFirst()).then().statusCode(201);
    given().spec(Requests.gateway("T-SHAPE")).post(BASE + "/appointments/" + clientId + "/_actions/confirm")
        .then().statusCode(200);
    String id = Db.text("SELECT id::text FROM appointment WHERE tenant = 'T-SHAPE' AND external_id = '" + clientId + "'");
    JsonNode body = read(supplier.owner, id);
    assertValid(body);
    assertEquals("ON_LOCATION", body.at("/data/meetingType").asText());
    assertEquals(String.valueOf(clientId), body.at("/data/externalId").asText());
  }

  @Test
  void aBranchVisitReadsBackAsAnOfficeAppointmentWithItsAnswers() throws Exception {
    BookingFixture bank = BookingFixture.create(false, Map.of("informationQuestions",
        List.of(Map.of("id", "purpose", "required", true, "questionText", Map.of("en_US", "Why?")))));
    String id = bank.reserveFirstSlot();
    Map<String, Object> customer = new HashMap<>(BookingFixture.customer());
    customer.put("answers", List.of(Map.of("questionId", "purpose", "value", "First home")));
    bank.request().contentType(ContentType.JSON).body(customer).put("/external/v1/reservations/" + id)
        .then().statusCode(201);
    JsonNode body = read(bank.tenant, id);
    assertValid(body);
    assertEquals("OFFICE", body.at("/data/meetingType").asText());
    assertEquals(bank.branch, body.at("/data/office/id").asText());
    assertEquals(bank.service, body.at("/data/subject/id").asText());
    assertEquals("CUST1234567890", body.at("/data/appointmentParticipants/0/participant/id").asText());
    assertEquals("First home", body.at("/data/answers/0/value").asText());
    assertEquals("PLUGIN", body.at("/data/createdFrom").asText());
    assertEquals("Gent", body.at("/data/location/city/value").asText());
    assertEquals(51.0547, body.at("/data/location/geolocation/latitude").asDouble(), 1e-9);
    assertEquals("Korenmarkt 1, 9000 Gent, BE", body.at("/data/location/formattedAddress").asText());
  }

  @Test
  void theSchemaRejectsWhatTheSeedForbids() throws Exception {
    JsonNode extra = new ObjectMapper().readTree("{\"data\": {\"id\": \"1\", \"subject\": {\"id\": \"s\", \"extra\": 1}}}");
    assertTrue(SCHEMA.validate(extra).size() > 1, "closed objects and required fields are enforced");
  }

  private static JsonNode read(String tenant, String id) throws Exception {
    String json = given().auth().oauth2(Tokens.forTenants(Tokens.MANAGE, tenant))
        .get("/enterprises/" + tenant + "/appointments/" + id).then().statusCode(200).extract().asString();
    return new ObjectMapper().readTree(json);
  }

  private static void assertValid(JsonNode body) {
    Set<ValidationMessage> errors = SCHEMA.validate(body);
    assertTrue(errors.isEmpty(), "seed 002 schema: " + errors + "\n" + body.toPrettyString());
  }
}
