package io.slotgate.api.admin;

import io.slotgate.api.admin.AdminDtos.CoverageChange;
import io.slotgate.api.admin.AdminDtos.CoverageEntry;
import io.slotgate.api.admin.AdminDtos.CoveragePage;
import io.slotgate.api.admin.AdminDtos.CoverageView;
import io.slotgate.api.http.Bounded;
import io.slotgate.api.http.Idempotent;
import io.slotgate.core.DomainFailure;
import io.slotgate.core.coverage.Coverage;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.ArrayList;
import java.util.List;

/**
 * Admin face: which addresses one of the tenant's suppliers serves. The whole list is replaced from CSV (the one
 * request allowed a body over 64 KiB: {@code slotgate.input.coverage-max-body-bytes}, 8 MiB), a few entries are
 * added or removed as JSON, and it is read as counts and pages. A supplier listing nothing covers every address.
 */
@Bounded
@Idempotent
@RolesAllowed("appointments:manage")
@Produces(MediaType.APPLICATION_JSON)
@Path("/admin/v1/suppliers/{id}/coverage")
public class SupplierCoverageResource {

  /** The path the body limit of InputGuard makes room for (PUT only). */
  public static final String PATH = "^/admin/v1/suppliers/[^/]+/coverage/?$";

  private final AdminCrud crud;
  private final Coverage coverage;

  public SupplierCoverageResource(AdminCrud crud, Coverage coverage) {
    this.crud = crud;
    this.coverage = coverage;
  }

  @GET
  public Uni<CoveragePage> coverage(@HeaderParam("Tenant") String tenant,
      @PathParam("id") @Size(max = 64) String id,
      @QueryParam("type") @Pattern(regexp = "UPRN|POSTCODE") String type,
      @QueryParam("after") @Size(max = 32) @Pattern(regexp = "(UPRN|POSTCODE):[A-Za-z0-9 ]{0,16}") String after,
      @QueryParam("limit") @DefaultValue("100") @Min(1) @Max(1000) int limit) {
    String owner = crud.tenant(tenant);
    Coverage.Entry from = after == null ? null
        : new Coverage.Entry(Coverage.Kind.valueOf(after.substring(0, after.indexOf(':'))),
            after.substring(after.indexOf(':') + 1));
    return coverage.page(owner, id, type == null ? null : Coverage.Kind.valueOf(type), from, limit)
        .map(page -> new CoveragePage(id, page.counts().uprns(), page.counts().postcodePrefixes(),
            page.counts().coversEveryAddress(),
            page.entries().stream().map(e -> new CoverageEntry(e.kind().name(), e.value())).toList(),
            page.next() == null ? null : page.next().kind().name() + ":" + page.next().value()));
  }

  @PUT
  @Consumes(MediaType.WILDCARD)
  public Uni<CoverageView> replaceCoverage(@HeaderParam("Tenant") String tenant,
      @HeaderParam("Content-Type") String contentType, @PathParam("id") @Size(max = 64) String id, String csv) {
    String owner = crud.tenant(tenant);
    // The supplier first (404 for another owner's or a missing one, whatever the body), then the body.
    return coverage.exists(owner, id).chain(() -> {
      if (contentType == null || !contentType.toLowerCase(java.util.Locale.ROOT).startsWith("text/csv")) {
        throw new NotSupportedException();
      }
      return coverage.replace(owner, id, CoverageCsv.parse(csv));
    }).map(counts -> view(id, counts));
  }

  @PATCH
  @Consumes(MediaType.APPLICATION_JSON)
  public Uni<CoverageView> changeCoverage(@HeaderParam("Tenant") String tenant,
      @PathParam("id") @Size(max = 64) String id, @Valid @NotNull CoverageChange change) {
    String owner = crud.tenant(tenant);
    return coverage.change(owner, id, entries(change.add(), "add"), entries(change.remove(), "remove"))
        .map(counts -> view(id, counts));
  }

  private static List<Coverage.Entry> entries(List<CoverageEntry> entries, String field) {
    if (entries == null) {
      return List.of();
    }
    List<String> problems = new ArrayList<>();
    List<Coverage.Entry> parsed = new ArrayList<>();
    for (int i = 0; i < entries.size(); i++) {
      List<String> problem = new ArrayList<>(1);
      Coverage.Entry entry = Coverage.entry(entries.get(i).type(), entries.get(i).value(), problem);
      if (entry == null) {
        problems.add("Field '" + field + "[" + i + "]': " + problem.getFirst());
      } else {
        parsed.add(entry);
      }
    }
    if (!problems.isEmpty()) {
      throw DomainFailure.invalid(problems);
    }
    return parsed;
  }

  private static CoverageView view(String id, Coverage.Counts counts) {
    return new CoverageView(id, counts.uprns(), counts.postcodePrefixes(), counts.coversEveryAddress());
  }
}
