package io.slotgate.api.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.security.identity.SecurityIdentity;
import io.slotgate.core.DomainFailure;
import io.slotgate.core.SqlStates;
import io.slotgate.core.idempotency.IdempotencyKeys;
import io.slotgate.core.idempotency.IdempotencyKeys.Claim;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import jakarta.annotation.Priority;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.RestResponse;

/**
 * Idempotency-Key on every write (after the IETF draft "The Idempotency-Key HTTP Header Field"): the first request
 * with a key claims it, runs, and stores its successful answer; a retry with the same key and request gets that
 * answer again, status and body, with {@code Idempotent-Replayed: true}, even when the first answer never reached the
 * client (a 503 after the request bound, a dropped connection: the work runs on and stores its answer once our
 * database resumes). The same key for another request is 409 DUPLICATE_ID; a retry while the first is still being
 * answered is 503 with Retry-After 1. A refused request (4xx, or our database failing) gives its key up, so a retry runs
 * afresh. Keys are per tenant and kept {@code slotgate.idempotency.retention}. Runs inside {@link RequestBound}, so a
 * late answer is still stored. Writes that take the header themselves (the booking face's reservation, whose key is the
 * reservation's own id) are left to them. Without the header nothing changes: the seeds' strict answers stay.
 */
@Idempotent
@Interceptor
@Priority(Interceptor.Priority.PLATFORM_AFTER + 10)
public class IdempotentWrites {

  public static final String HEADER = "Idempotency-Key";
  public static final int MAX_KEY_LENGTH = 255;
  private static final Logger LOG = Logger.getLogger(IdempotentWrites.class);
  private static final Set<Class<? extends Annotation>> WRITES = Set.of(POST.class, PUT.class, PATCH.class, DELETE.class);
  private static final Set<String> TENANT_HEADERS = Set.of("Tenant", "X-TENANT-ID");

  private final IdempotencyKeys keys;
  private final HttpServerRequest request;
  private final SecurityIdentity identity;
  private final JacksonSetup jackson;
  private final MeterRegistry metrics;

  public IdempotentWrites(IdempotencyKeys keys, HttpServerRequest request, SecurityIdentity identity,
      JacksonSetup jackson, MeterRegistry metrics) {
    this.keys = keys;
    this.request = request;
    this.identity = identity;
    this.jackson = jackson;
    this.metrics = metrics;
  }

  @AroundInvoke
  Object keyed(InvocationContext invocation) throws Exception {
    Method method = invocation.getMethod();
    String key = request.getHeader(HEADER);
    if (key == null || !isWrite(method) || takesKeyItself(method)) {
      return invocation.proceed();
    }
    if (key.isBlank() || key.length() > MAX_KEY_LENGTH) {
      throw DomainFailure.malformed("Header '" + HEADER + "' must be 1-" + MAX_KEY_LENGTH + " characters, not blank");
    }
    // The method runs first up to its Uni: the tenant check and input validation refuse before any key is claimed.
    Object result = invocation.proceed();
    if (!(result instanceof Uni<?> action)) {
      return result;
    }
    String tenant = tenant(invocation);
    String hash = hash(invocation);
    return keys.claim(tenant, key, hash).chain(claim -> switch (claim) {
      case Claim.Mine mine -> run(action, tenant, key);
      case Claim.Taken taken when !taken.record().requestHash().equals(hash) -> {
        count("mismatch");
        yield Uni.createFrom().failure(DomainFailure.duplicateId("Idempotency-Key '" + key + "' was already used "
            + "for another request (method, path or body differ); use a new key for a new request"));
      }
      case Claim.Taken taken when taken.record().answered() -> {
        count("replayed");
        yield Uni.createFrom().item(replay(taken.record()));
      }
      case Claim.Taken taken -> {
        count("in_progress");
        yield Uni.createFrom().failure(new DomainFailure(DomainFailure.Kind.SERVICE_UNAVAILABLE,
            List.of("The first request with Idempotency-Key '" + key + "' is still being answered; retry with the "
                + "same key shortly to get its answer"), Map.of("retryAfterSeconds", "1")));
      }
    });
  }

  private Uni<Object> run(Uni<?> action, String tenant, String key) {
    return action.onItemOrFailure().transformToUni((item, failure) -> {
      if (failure != null) {
        // Nothing was changed (refused), or our database failed and the change most likely did not commit. The
        // client may never see this failure (it had its 503 from the request bound), so say it here.
        if (SqlStates.databaseAway(failure)) {
          LOG.warnf("A write with an Idempotency-Key failed as unavailable (%s); its key is given up, a retry runs "
              + "it again", failure.getMessage());
        }
        return keys.release(tenant, key)
            .onFailure().invoke(releaseFailure -> later(keys.release(tenant, key), "it was not given up"))
            .onFailure().recoverWithNull()
            .chain(() -> Uni.createFrom().failure(failure));
      }
      Answer answer;
      try {
        answer = answer(item);
      } catch (JsonProcessingException e) {
        return Uni.createFrom().failure(e);
      }
      Uni<Void> store = keys.answer(tenant, key, answer.status(), answer.headers(), answer.body())
          .invoke(() -> count("stored"));
      // A store that fails (no connection free in time after a stall, a restart) is tried again in the background;
      // meanwhile a retry is told to wait (503), never run twice.
      return store.onFailure().invoke(storeFailure -> later(store, "its answer was not stored")).onFailure()
          .recoverWithNull().replaceWith(item);
    });
  }

  /**
   * Our database failed a key's bookkeeping (a stall's backlog, a restart): keep trying in the background for about
   * half a minute, so a retry gets its answer (or runs again) soon rather than after the key's lease.
   */
  private static void later(Uni<Void> bookkeeping, String what) {
    bookkeeping.onFailure().retry().withBackOff(Duration.ofMillis(500), Duration.ofSeconds(5)).atMost(8)
        .subscribe().with(done -> {}, failure -> LOG.warnf("An Idempotency-Key stays claimed until its lease (%s): "
            + "%s", failure.getMessage(), what));
  }

  private record Answer(int status, Map<String, String> headers, String body) {}

  private Answer answer(Object item) throws JsonProcessingException {
    int status = 200;
    Object entity = item;
    Map<String, String> headers = new LinkedHashMap<>();
    if (item instanceof RestResponse<?> rest) {
      status = rest.getStatus();
      entity = rest.getEntity();
      rest.getStringHeaders().forEach((name, values) -> headers.put(name, String.join(",", values)));
    } else if (item instanceof Response response) {
      status = response.getStatus();
      entity = response.getEntity();
      response.getStringHeaders().forEach((name, values) -> headers.put(name, String.join(",", values)));
    }
    if (entity == null) {
      return new Answer(item == null ? 204 : status, headers, null);
    }
    return new Answer(status, headers, jackson.requests().writeValueAsString(entity));
  }

  private static Response replay(IdempotencyKeys.Record record) {
    Response.ResponseBuilder builder = Response.status(record.status());
    record.headers().forEach(builder::header);
    if (record.body() != null) {
      builder.entity(record.body()).type(MediaType.APPLICATION_JSON_TYPE);
    }
    return builder.header("Idempotent-Replayed", "true").build();
  }

  private static boolean isWrite(Method method) {
    return WRITES.stream().anyMatch(method::isAnnotationPresent);
  }

  private static boolean takesKeyItself(Method method) {
    for (Annotation[] annotations : method.getParameterAnnotations()) {
      for (Annotation annotation : annotations) {
        if (annotation instanceof HeaderParam header && HEADER.equalsIgnoreCase(header.value())) {
          return true;
        }
      }
    }
    return false;
  }

  /** The tenant the request acts for, as the method checked it (header or path), else the caller itself. */
  private String tenant(InvocationContext invocation) {
    Annotation[][] annotations = invocation.getMethod().getParameterAnnotations();
    Object[] parameters = invocation.getParameters();
    for (int i = 0; i < parameters.length; i++) {
      for (Annotation annotation : annotations[i]) {
        boolean names = annotation instanceof HeaderParam header && TENANT_HEADERS.contains(header.value())
            || annotation instanceof PathParam path && path.value().equals("enterprise");
        if (names && parameters[i] != null) {
          return String.valueOf(parameters[i]);
        }
      }
    }
    return "caller:" + identity.getPrincipal().getName();
  }

  /** The request as the method received it: method, path, query and every parameter but the headers. */
  private String hash(InvocationContext invocation) throws JsonProcessingException {
    Annotation[][] annotations = invocation.getMethod().getParameterAnnotations();
    Object[] parameters = invocation.getParameters();
    List<Object> values = new ArrayList<>();
    for (int i = 0; i < parameters.length; i++) {
      boolean header = false;
      for (Annotation annotation : annotations[i]) {
        header |= annotation instanceof HeaderParam;
      }
      if (!header) {
        values.add(parameters[i]);
      }
    }
    return RequestHash.of(request.method().name(), request.path(), String.valueOf(request.query()),
        jackson.requests().writeValueAsString(values));
  }

  private void count(String outcome) {
    metrics.counter("slotgate.idempotency", "outcome", outcome).increment();
  }
}
