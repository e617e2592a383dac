package io.slotgate.core.coverage;

import io.slotgate.config.SlotgateConfig;
import io.slotgate.core.DomainFailure;
import io.slotgate.core.cache.TtlCache;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Which addresses a supplier serves: the UPRNs and postcode prefixes its owner lists ({@code supplier_coverage}), in
 * SQL on the reactive client (tens of thousands of rows per import; the catalogue proper stays Panache entities).
 * A supplier that lists none covers every address (the behaviour before coverage existed, which the demo and
 * suppliers without a list rely on). A UPRN address is covered when its UPRN is listed; a POSTCODE address when a
 * listed prefix starts its postcode (in its standard form, "SW1A 1AA"); an address of another type only by a supplier
 * listing nothing. Whether a supplier lists anything is cached for {@code slotgate.catalogue.cache-ttl} (changes
 * through this instance forget it at once), so a supplier without a list costs a search no query.
 */
@ApplicationScoped
public class Coverage {

  /** The kinds of entry, as the CSV and the JSON name them. */
  public enum Kind { UPRN, POSTCODE }

  /** One entry, normalised. */
  public record Entry(Kind kind, String value) {}

  /** How many entries of each kind a supplier lists; none at all means it covers every address. */
  public record Counts(long uprns, long postcodePrefixes) {
    public boolean coversEveryAddress() {
      return uprns == 0 && postcodePrefixes == 0;
    }
  }

  /** Entries in (kind, value) order after {@code after}, and the counts. */
  public record Page(Counts counts, List<Entry> entries, Entry next) {}

  /** Most entries one supplier may list (a CSV import's lines are bounded by the body limit too). */
  public static final int MAX_ENTRIES = 500_000;
  public static final int MAX_PREFIX = 8;
  private static final Pattern UPRN = Pattern.compile("[0-9]{1,12}");
  /** An outward code or the start of one, optionally with the inward code's start after one space: "E1 6". */
  private static final Pattern PREFIX = Pattern.compile("[A-Z][A-Z0-9]{0,3}( [0-9][A-Z]{0,2})?");

  private final Pool pool;
  private final TtlCache<String, Boolean> listing;

  public Coverage(Pool pool, SlotgateConfig config) {
    this.pool = pool;
    this.listing = new TtlCache<>(config.catalogue().cacheTtl());
  }

  /** The entry as stored, or null (with the reason in {@code problems}) when the value is not one of the kind. */
  public static Entry entry(String kind, String value, List<String> problems) {
    Kind parsed;
    try {
      parsed = Kind.valueOf(kind.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      problems.add("type '" + shown(kind) + "' is not one of UPRN, POSTCODE");
      return null;
    }
    String normal = parsed == Kind.UPRN ? value.trim()
        : value.trim().replaceAll("\\s+", " ").toUpperCase(Locale.ROOT);
    boolean valid = parsed == Kind.UPRN ? UPRN.matcher(normal).matches() : PREFIX.matcher(normal).matches();
    if (!valid) {
      problems.add(parsed == Kind.UPRN ? "UPRN '" + shown(value) + "' is not 1-12 digits"
          : "postcode prefix '" + shown(value) + "' is not the start of a postcode such as SW1A, E1 6 or E1 6AN "
              + "(an outward code, then optionally a space and the start of the inward code)");
      return null;
    }
    return new Entry(parsed, normal);
  }

  private static String shown(String value) {
    String visible = value.replaceAll("\\p{Cntrl}", "?");
    return visible.length() > 40 ? visible.substring(0, 40) + "..." : visible;
  }

  /** A postcode in its standard form, upper case with one space before the inward code: "sw1a1aa" is "SW1A 1AA". */
  static String postcode(String value) {
    String compact = value.replaceAll("\\s+", "").toUpperCase(Locale.ROOT);
    return compact.length() >= 5 ? compact.substring(0, compact.length() - 3) + " " + compact.substring(compact.length() - 3)
        : compact;
  }

  /** Whether the owner's supplier serves the address. */
  public Uni<Boolean> covers(String owner, String supplierId, String addressType, String addressId) {
    return listing.get(owner + "\n" + supplierId, () -> pool.preparedQuery(
                "SELECT EXISTS (SELECT 1 FROM supplier_coverage WHERE tenant = $1 AND supplier_id = $2)")
            .execute(Tuple.of(owner, supplierId)).map(rows -> rows.iterator().next().getBoolean(0)))
        .chain(lists -> {
          if (!lists) {
            return Uni.createFrom().item(true);
          }
          Kind kind = "UPRN".equalsIgnoreCase(addressType) ? Kind.UPRN
              : "POSTCODE".equalsIgnoreCase(addressType) ? Kind.POSTCODE : null;
          if (kind == null || addressId == null) {
            return Uni.createFrom().item(false);
          }
          String[] values = kind == Kind.UPRN ? new String[] {addressId.trim()} : prefixes(postcode(addressId));
          // One index scan of the primary key: one probe per value (the UPRN, or each prefix of the postcode).
          return pool.preparedQuery("SELECT EXISTS (SELECT 1 FROM supplier_coverage WHERE tenant = $1 "
                  + "AND supplier_id = $2 AND kind = $3 AND value = ANY($4))")
              .execute(Tuple.of(owner, supplierId, kind.name(), values))
              .map(rows -> rows.iterator().next().getBoolean(0));
        });
  }

  private static String[] prefixes(String postcode) {
    List<String> prefixes = new ArrayList<>();
    for (int i = 1; i <= Math.min(postcode.length(), MAX_PREFIX); i++) {
      if (postcode.charAt(i - 1) != ' ') {
        prefixes.add(postcode.substring(0, i));
      }
    }
    return prefixes.toArray(String[]::new);
  }

  /** Replaces the supplier's whole list in one transaction: all of it, or (on any failure) nothing. */
  public Uni<Counts> replace(String owner, String supplierId, List<Entry> entries) {
    if (entries.size() > MAX_ENTRIES) {
      throw DomainFailure.invalid("A supplier lists at most " + MAX_ENTRIES + " coverage entries, not "
          + entries.size());
    }
    return pool.withTransaction(tx -> supplier(tx, owner, supplierId)
            .chain(() -> tx.preparedQuery("DELETE FROM supplier_coverage WHERE tenant = $1 AND supplier_id = $2")
                .execute(Tuple.of(owner, supplierId)))
            .chain(() -> insert(tx, owner, supplierId, entries))
            .chain(() -> counts(tx, owner, supplierId)))
        .invoke(this::changed);
  }

  /** Adds and removes a few entries in one transaction. */
  public Uni<Counts> change(String owner, String supplierId, List<Entry> add, List<Entry> remove) {
    return pool.withTransaction(tx -> supplier(tx, owner, supplierId)
            .chain(() -> remove.isEmpty() ? Uni.createFrom().voidItem() : tx.preparedQuery("""
                    DELETE FROM supplier_coverage c USING unnest($3::text[], $4::text[]) AS r(kind, value)
                    WHERE c.tenant = $1 AND c.supplier_id = $2 AND c.kind = r.kind AND c.value = r.value""")
                .execute(Tuple.of(owner, supplierId, kinds(remove), values(remove))).replaceWithVoid())
            .chain(() -> insert(tx, owner, supplierId, add))
            .chain(() -> counts(tx, owner, supplierId))
            .invoke(counts -> {
              if (counts.uprns() + counts.postcodePrefixes() > MAX_ENTRIES) {
                throw DomainFailure.invalid("A supplier lists at most " + MAX_ENTRIES + " coverage entries");
              }
            }))
        .invoke(this::changed);
  }

  /** The counts and up to {@code limit} entries after {@code after} (kind, then value), of one kind or both. */
  public Uni<Page> page(String owner, String supplierId, Kind kind, Entry after, int limit) {
    Entry from = after == null ? new Entry(Kind.POSTCODE, "") : after;
    return pool.withTransaction(tx -> supplier(tx, owner, supplierId)
        .chain(() -> counts(tx, owner, supplierId))
        .chain(counts -> tx.preparedQuery("""
                SELECT kind, value FROM supplier_coverage WHERE tenant = $1 AND supplier_id = $2
                  AND ($3::text IS NULL OR kind = $3) AND (kind, value) > ($4, $5)
                ORDER BY kind, value LIMIT $6""")
            .execute(Tuple.tuple().addValue(owner).addValue(supplierId).addValue(kind == null ? null : kind.name())
                .addValue(from.kind().name()).addValue(from.value()).addValue(limit + 1))
            .map(rows -> {
              List<Entry> entries = new ArrayList<>();
              for (Row row : rows) {
                entries.add(new Entry(Kind.valueOf(row.getString("kind")), row.getString("value")));
              }
              Entry next = entries.size() > limit ? entries.get(limit - 1) : null;
              return new Page(counts, entries.size() > limit ? entries.subList(0, limit) : entries, next);
            })));
  }

  /** 404 unless the owner has the supplier (retired ones included: their list can still be read and changed). */
  public Uni<Void> exists(String owner, String supplierId) {
    return supplier(pool, owner, supplierId);
  }

  private void changed(Object ignored) {
    listing.clear();
  }

  private static Uni<Void> supplier(SqlClient tx, String owner, String supplierId) {
    // In a transaction it locks the supplier's row, so two imports for one supplier run one after the other.
    return tx.preparedQuery("SELECT 1 FROM supplier WHERE tenant = $1 AND id = $2"
            + (tx instanceof Pool ? "" : " FOR NO KEY UPDATE"))
        .execute(Tuple.of(owner, supplierId)).invoke(rows -> {
          if (rows.size() == 0) {
            throw DomainFailure.notFound("Supplier " + supplierId);
          }
        }).replaceWithVoid();
  }

  private static Uni<Void> insert(SqlClient tx, String owner, String supplierId, List<Entry> entries) {
    if (entries.isEmpty()) {
      return Uni.createFrom().voidItem();
    }
    return tx.preparedQuery("""
            INSERT INTO supplier_coverage (tenant, supplier_id, kind, value)
            SELECT $1, $2, kind, value FROM unnest($3::text[], $4::text[]) AS e(kind, value)
            ON CONFLICT DO NOTHING""")
        .execute(Tuple.of(owner, supplierId, kinds(entries), values(entries))).replaceWithVoid();
  }

  private static Uni<Counts> counts(SqlClient tx, String owner, String supplierId) {
    return tx.preparedQuery("SELECT count(*) FILTER (WHERE kind = 'UPRN'), count(*) FILTER (WHERE kind = 'POSTCODE') "
            + "FROM supplier_coverage WHERE tenant = $1 AND supplier_id = $2")
        .execute(Tuple.of(owner, supplierId))
        .map(rows -> {
          Row row = rows.iterator().next();
          return new Counts(row.getLong(0), row.getLong(1));
        });
  }

  private static String[] kinds(List<Entry> entries) {
    return entries.stream().map(e -> e.kind().name()).toArray(String[]::new);
  }

  private static String[] values(List<Entry> entries) {
    return entries.stream().map(Entry::value).toArray(String[]::new);
  }
}
