package io.slotgate.api.admin;

import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The admin face's wire records: inputs (validated) and views. The catalogue kinds' inputs and views are registered
 * for reflection here: {@link CatalogueKindResource} names them only as type parameters, so the native build does not
 * see them as a resource's body or answer, and Jackson (reading a body, converting to and from entities) met them
 * with no accessors: every field null.
 */
@RegisterForReflection(targets = {AdminDtos.BranchInput.class, AdminDtos.Place.class, AdminDtos.BranchView.class,
    AdminDtos.ServiceGroupInput.class, AdminDtos.ServiceGroupView.class, AdminDtos.InformationQuestion.class,
    AdminDtos.ScreeningQuestion.class, AdminDtos.ServiceInput.class, AdminDtos.ServiceView.class,
    AdminDtos.ServiceCombinationInput.class, AdminDtos.ServiceCombinationView.class, AdminDtos.ResourceInput.class,
    AdminDtos.ResourceView.class})
public final class AdminDtos {

  private AdminDtos() {}

  static final String DAYS = "MONDAY|TUESDAY|WEDNESDAY|THURSDAY|FRIDAY|SATURDAY|SUNDAY";
  static final String TENANT = "[A-Za-z0-9._-]{1,64}";
  static final String SUPPLIER_ID = "[A-Za-z0-9._-]{1,64}";
  static final String SPECIFICATION = "[A-Za-z0-9_-]{1,64}";
  static final String PURPOSES = "PROVIDE|REPAIR|MODIFY";
  static final String CLASSIFICATIONS = "(WEEKDAY|SATURDAY|SUNDAY)(_AM|_PM|_EARLY|_EVENING)?";

  public record BranchInput(
      @NotBlank @Size(max = 255) String name,
      @NotBlank String timeZone,
      String streetName, String zipCode, String city, String country,
      @DecimalMin("-90") @DecimalMax("90") Double latitude,
      @DecimalMin("-180") @DecimalMax("180") Double longitude,
      boolean requiresAcceptance,
      @Size(max = 2048) @Pattern(regexp = "https://[^\\s]+") String videoUrlTemplate,
      @Size(max = 2048) @Pattern(regexp = "https://[^\\s]+") String videoTestUrl,
      @Pattern(regexp = "[a-z]{2}") String language,
      @Size(max = 20) Map<@Pattern(regexp = "[a-z]{2}") String, @NotNull @Valid Place> translations) {

    public BranchInput {
      language = language == null ? "en" : language;
      translations = translations == null ? Map.of() : translations;
    }
  }

  /** A branch's city and street in one language. */
  public record Place(@Size(max = 255) String city, @Size(max = 255) String streetName) {}

  @Schema(name = "BranchAdminView")
  public record BranchView(UUID id, String name, String timeZone, String streetName, String zipCode, String city,
      String country, Double latitude, Double longitude, boolean requiresAcceptance, String videoUrlTemplate,
      String videoTestUrl, String language, Map<String, Place> translations, Instant retiredAt) {}

  public record ServiceGroupInput(@NotEmpty Map<@Pattern(regexp = "[A-Za-z]{2}_[A-Za-z]{2}") String, @NotBlank String> names,
      int position) {}

  @Schema(name = "ServiceGroupAdminView")
  public record ServiceGroupView(UUID id, Map<String, String> names, int position, Instant retiredAt) {}

  public record InformationQuestion(@NotBlank String id, boolean required, @NotEmpty Map<String, String> questionText,
      Map<String, String> clarificationText) {}

  public record ScreeningQuestion(@NotBlank String id, boolean yesRequiredAnswer, @NotEmpty Map<String, String> questionText,
      Map<String, String> clarificationText, Map<String, String> answerDeniedMessage) {}

  public record ServiceInput(
      @Pattern(regexp = "[A-Za-z0-9_-]{1,64}") String code,
      @NotEmpty Map<@Pattern(regexp = "[A-Za-z]{2}_[A-Za-z]{2}") String, @NotBlank String> names,
      Map<String, String> descriptions,
      @Min(1) @Max(1440) int durationMinutes,
      @Min(0) @Max(1440) int trailingBufferMinutes,
      @Schema(enumeration = {"OFFICE", "ON_LOCATION", "PHONE", "VIDEO"}) @Pattern(regexp = "OFFICE|ON_LOCATION|PHONE|VIDEO")
      String meetingType,
      boolean hybrid,
      UUID groupId,
      int position,
      @NotNull Boolean onlineBookable,
      @Min(1) @Max(100) int maxNumberOfReservations,
      boolean requiresDateOfBirth,
      boolean resourceSelection,
      List<@Valid InformationQuestion> informationQuestions,
      List<@Valid ScreeningQuestion> screeningQuestions) {

    public ServiceInput {
      descriptions = descriptions == null ? Map.of() : descriptions;
      // A wholesale install (a serviceSpecification code) is met at the customer's address, a branch visit there.
      meetingType = meetingType != null ? meetingType : code != null ? "ON_LOCATION" : "OFFICE";
      informationQuestions = informationQuestions == null ? List.of() : informationQuestions;
      screeningQuestions = screeningQuestions == null ? List.of() : screeningQuestions;
    }
  }

  public record ServiceView(UUID id, String code, Map<String, String> names, Map<String, String> descriptions,
      int durationMinutes, int trailingBufferMinutes,
      @Schema(enumeration = {"OFFICE", "ON_LOCATION", "PHONE", "VIDEO"}) String meetingType, boolean hybrid, UUID groupId, int position, boolean onlineBookable, int maxNumberOfReservations,
      boolean requiresDateOfBirth, boolean resourceSelection, List<InformationQuestion> informationQuestions,
      List<ScreeningQuestion> screeningQuestions, Instant retiredAt) {}

  /** Services booked together at a branch, back to back in serviceIds' order (seed 003's service combinations). */
  public record ServiceCombinationInput(
      @NotNull UUID branchId,
      @NotEmpty @Size(max = 20) Map<@Pattern(regexp = "[A-Za-z]{2}_[A-Za-z]{2}") String, @NotBlank @Size(max = 255) String> names,
      @NotNull @Size(min = 2, max = 5) List<@NotNull UUID> serviceIds,
      @Schema(description = "true (default): one resource serving every service takes the whole stretch; false: each "
          + "segment is taken by any resource serving its own service", defaultValue = "true") Boolean sameResource,
      @Schema(description = "Minutes the resources stay taken after the last segment ends (the services' own "
          + "buffers do not apply inside a combination)") @Min(0) @Max(1440) int trailingBufferMinutes,
      @Schema(defaultValue = "true") Boolean onlineBookable,
      int position) {

    public ServiceCombinationInput {
      sameResource = sameResource == null || sameResource;
      onlineBookable = onlineBookable == null || onlineBookable;
    }
  }

  @Schema(name = "ServiceCombinationAdminView")
  public record ServiceCombinationView(UUID id, UUID branchId, Map<String, String> names, List<UUID> serviceIds,
      boolean sameResource, int trailingBufferMinutes, boolean onlineBookable, int position, Instant retiredAt) {}

  public record ResourceInput(@NotNull UUID branchId, @NotBlank @Size(max = 255) String name,
      @NotNull List<@NotNull UUID> serviceIds) {}

  public record ResourceView(UUID id, UUID branchId, String name, List<UUID> serviceIds, Instant retiredAt) {}

  public record ScheduleRuleInput(
      @NotNull UUID branchId,
      List<@NotNull UUID> serviceIds,
      @NotEmpty List<@Pattern(regexp = DAYS) String> days,
      @NotNull LocalTime startTime,
      @NotNull LocalTime endTime,
      @Min(5) @Max(1440) Integer slotMinutes,
      boolean wholeWindow,
      @Schema(enumeration = {"WEEKDAY", "WEEKDAY_AM", "WEEKDAY_PM", "WEEKDAY_EARLY", "WEEKDAY_EVENING",
          "SATURDAY", "SATURDAY_AM", "SATURDAY_PM", "SATURDAY_EARLY", "SATURDAY_EVENING", "SUNDAY", "SUNDAY_AM",
          "SUNDAY_PM", "SUNDAY_EARLY", "SUNDAY_EVENING"})
      @Pattern(regexp = CLASSIFICATIONS) String classification,
      Boolean standard,
      @Schema(description = "The wholesale appointmentPurposes the rule opens slots for; absent or empty: every "
          + "purpose. A search or hold for a purpose uses only the rules that open it (the branch face, which has no "
          + "purposes, uses every rule).", example = "[\"REPAIR\"]", maxItems = 3)
      @Size(max = 3) List<@NotNull @Pattern(regexp = PURPOSES) String> purposes) {}

  public record ScheduleRuleView(UUID id, UUID branchId, List<UUID> serviceIds, List<String> days,
      LocalTime startTime, LocalTime endTime, Integer slotMinutes, boolean wholeWindow,
      @Schema(enumeration = {"WEEKDAY", "WEEKDAY_AM", "WEEKDAY_PM", "WEEKDAY_EARLY", "WEEKDAY_EVENING",
          "SATURDAY", "SATURDAY_AM", "SATURDAY_PM", "SATURDAY_EARLY", "SATURDAY_EVENING", "SUNDAY", "SUNDAY_AM",
          "SUNDAY_PM", "SUNDAY_EARLY", "SUNDAY_EVENING"}) String classification,
      boolean standard,
      @Schema(description = "The wholesale purposes the rule opens; empty: every purpose", example = "[\"REPAIR\"]")
      List<String> purposes, Instant retiredAt) {}

  /** One coverage entry: a UPRN, or a postcode prefix (upper case, spaces removed when stored). */
  public record CoverageEntry(
      @Schema(required = true, enumeration = {"UPRN", "POSTCODE"}, example = "UPRN") @NotNull
      @Pattern(regexp = "UPRN|POSTCODE") String type,
      @Schema(required = true, example = "200004033694", maxLength = 12,
          description = "A UPRN (1-12 digits) or a postcode prefix (1-8 letters and digits, starting with a letter)")
      @NotNull @Size(min = 1, max = 12) String value) {}

  /** A few entries added to and removed from a supplier's coverage, in one transaction (removals first). */
  public record CoverageChange(
      @Schema(maxItems = 1000) @Size(max = 1000) List<@Valid @NotNull CoverageEntry> add,
      @Schema(maxItems = 1000) @Size(max = 1000) List<@Valid @NotNull CoverageEntry> remove) {}

  /** What a supplier's coverage holds. */
  public record CoverageView(String supplierId, long uprns, long postcodePrefixes,
      @Schema(description = "true while the supplier lists no entry: then it covers every address") boolean coversEveryAddress) {}

  /** A page of a supplier's coverage, in (type, value) order. */
  public record CoveragePage(String supplierId, long uprns, long postcodePrefixes, boolean coversEveryAddress,
      List<CoverageEntry> entries,
      @Schema(description = "Pass as `after` for the next page; absent on the last page", example = "UPRN:200004033694")
      String next) {}

  public record SupplierInput(
      @NotBlank @Pattern(regexp = "[a-z0-9-]{1,32}") String adapter,
      UUID branchId,
      @Min(1) @Max(86400) Integer holdTtlSeconds,
      @Min(1) @Max(366) Integer horizonDays,
      boolean requiresAcceptance) {}

  /** A new supplier: the tenant's own id for it, and its settings. */
  public record SupplierCreate(
      @NotNull @Pattern(regexp = SUPPLIER_ID) String id,
      @NotBlank @Pattern(regexp = "[a-z0-9-]{1,32}") String adapter,
      UUID branchId,
      @Min(1) @Max(86400) Integer holdTtlSeconds,
      @Min(1) @Max(366) Integer horizonDays,
      boolean requiresAcceptance) {

    SupplierInput settings() {
      return new SupplierInput(adapter, branchId, holdTtlSeconds, horizonDays, requiresAcceptance);
    }
  }

  public record SupplierView(String id, String adapter, UUID branchId, int holdTtlSeconds, int horizonDays,
      boolean requiresAcceptance, Instant retiredAt) {}

  /** Opens a supplier's capacity to a booker tenant for these serviceSpecifications. */
  @Schema(description = "An offer of the supplier's capacity to a booker tenant. It routes nothing: the booker "
      + "chooses its route itself (POST /admin/v1/routes naming this owner and supplier).")
  public record GrantInput(
      @Schema(description = "The booker tenant offered the capacity. Any name is accepted, also of a tenant that "
          + "does not exist yet: the grant is only an offer under that name and tells the owner nothing.",
          example = "RETAIL1", maxLength = 64)
      @NotNull @Pattern(regexp = TENANT) String tenant,
      @Schema(description = "Exactly the serviceSpecifications offered; granting again replaces the list (holds "
          + "for specifications left out are released)", example = "[\"fttp\", \"ftthl2r\"]")
      @NotEmpty @Size(max = 50) List<@NotNull @Pattern(regexp = SPECIFICATION) String> serviceSpecifications,
      @Schema(description = "Most live holds (RESERVED, not expired) the booker may have on this supplier at once; "
          + "beyond it a hold is 409 HOLD_LIMIT_REACHED. Absent: no cap.", minimum = "1", maximum = "100000",
          example = "20")
      @Min(1) @Max(100000) Integer maxActiveHolds) {}

  public record GrantView(String tenant, String supplierId, List<String> serviceSpecifications,
      Integer maxActiveHolds) {}

  /** A grant as the booker sees it: which owner's supplier it may route to, for what. */
  public record OfferedGrantView(String supplierTenant, String supplierId, List<String> serviceSpecifications,
      Integer maxActiveHolds) {}

  public record RouteInput(@NotNull @Pattern(regexp = SPECIFICATION) String serviceSpecification,
      @NotNull @Pattern(regexp = SUPPLIER_ID) String supplierId,
      @Schema(description = "The supplier's owner: the calling tenant itself (the default) or an owner whose grant "
          + "offers this supplier to it for the serviceSpecification (GET /admin/v1/grants)", example = "OPENFIBRE",
          maxLength = 64)
      @Pattern(regexp = TENANT) String supplierTenant) {}

  /** A route of the tenant: its serviceSpecification goes to supplierId of owner supplierTenant. */
  public record RouteView(UUID id, String serviceSpecification, String supplierId, String supplierTenant) {}

  public record TenantSettingsInput(@Pattern(regexp = "en_US|en_UK|fr_FR|nl_NL|de_DE|it_IT|ES_es") String defaultLocale,
      @Min(60) @Max(86400) Integer holdTtlSeconds) {}

  public record TenantSettingsView(String defaultLocale, int holdTtlSeconds) {}
}
