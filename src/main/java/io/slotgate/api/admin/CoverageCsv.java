package io.slotgate.api.admin;

import io.slotgate.core.DomainFailure;
import io.slotgate.core.coverage.Coverage;
import java.util.ArrayList;
import java.util.List;

/**
 * A supplier's coverage as CSV (RFC 4180 without quoted commas): an optional header {@code type,value}, then one
 * entry per line, {@code UPRN,200004033694} or {@code POSTCODE,SW1A}; a line of one column is a UPRN; blank lines are
 * skipped. Every bad line is named (number and value) in one 422, up to {@link #MAX_ERRORS} of them.
 */
final class CoverageCsv {

  static final int MAX_ERRORS = 50;

  private CoverageCsv() {}

  static List<Coverage.Entry> parse(String body) {
    String text = body == null ? "" : body.startsWith("\uFEFF") ? body.substring(1) : body;
    List<Coverage.Entry> entries = new ArrayList<>();
    List<String> errors = new ArrayList<>();
    int bad = 0;
    int number = 0;
    int start = 0;
    while (start < text.length()) {
      int end = text.indexOf('\n', start);
      String line = text.substring(start, end < 0 ? text.length() : end);
      start = end < 0 ? text.length() : end + 1;
      number++;
      line = line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
      if (line.isBlank() || number == 1 && line.replace(" ", "").replace("\"", "").equalsIgnoreCase("type,value")) {
        continue;
      }
      if (entries.size() >= Coverage.MAX_ENTRIES) {
        throw DomainFailure.invalid("line " + number + ": a supplier lists at most " + Coverage.MAX_ENTRIES
            + " coverage entries; split the list or use postcode prefixes");
      }
      String[] columns = line.split(",", -1);
      List<String> problems = new ArrayList<>(1);
      Coverage.Entry entry = columns.length == 1 ? Coverage.entry("UPRN", unquote(columns[0]), problems)
          : columns.length == 2 ? Coverage.entry(unquote(columns[0]), unquote(columns[1]), problems) : null;
      if (columns.length > 2) {
        problems.add("expected 'type,value' (for example UPRN,200004033694 or POSTCODE,SW1A), found "
            + columns.length + " columns");
      }
      if (entry == null) {
        bad++;
        if (errors.size() < MAX_ERRORS) {
          errors.add("line " + number + ": " + problems.getFirst());
        }
      } else {
        entries.add(entry);
      }
    }
    if (!errors.isEmpty()) {
      if (bad > errors.size()) {
        errors.add("... and " + (bad - errors.size()) + " more bad lines; nothing was imported");
      } else {
        errors.add("Nothing was imported: fix the lines named and send the whole list again");
      }
      throw DomainFailure.invalid(errors);
    }
    return entries;
  }

  private static String unquote(String value) {
    String trimmed = value.trim();
    return trimmed.length() >= 2 && trimmed.startsWith("\"") && trimmed.endsWith("\"")
        ? trimmed.substring(1, trimmed.length() - 1) : trimmed;
  }
}
