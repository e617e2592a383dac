package io.slotgate.api.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The hub's wire records (TMF646 hub style), the same on every face. */
public final class SubscriptionDtos {

  private SubscriptionDtos() {}

  @Schema(name = "HubSubscriptionRequest")
  public record SubscribeRequest(
      @NotBlank @Size(max = 2048) @Schema(required = true, maxLength = 2048, example = "https://isp.example/slotgate/events",
          description = "Absolute http(s) URL that receives the events") String callback,
      @Size(max = 256) @Schema(maxLength = 256, example = "eventType=AppointmentStateChangeEvent",
          description = "Optional filter: eventType=<type>[,<type>] with AppointmentCreateEvent, "
              + "AppointmentStateChangeEvent, AppointmentAttributeValueChangeEvent") String query,
      @Min(1) @Max(30) @Schema(minimum = "1", maximum = "30", example = "10",
          description = "How long to wait for this subscriber's answer (default slotgate.hub.timeout, 5 s)") Integer timeoutSeconds) {}

  @Schema(name = "HubSubscription")
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record SubscriptionView(
      String id,
      String callback,
      String query,
      Integer timeoutSeconds,
      @Schema(description = "Only in the answers to POST and rotate-secret: the key of X-Slotgate-Signature's HMAC-SHA256")
      String secret,
      String createdAt,
      @Schema(description = "Since when deliveries fail; absent while healthy") String failingSince,
      String lastError,
      @Schema(description = "Set once retries gave up; POST .../_actions/resume restarts delivery") String parkedAt,
      @Schema(description = "Events not yet delivered") Long pending) {}
}
