package fr.spplus.source;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The snapshot date of an export file: the first date in its name, else its last-modified date (UTC). */
public final class SnapshotDates {

  // yyyy-MM-dd, yyyy_MM_dd or yyyyMMdd; the same separator twice.
  private static final Pattern DATE_IN_NAME = Pattern.compile("(\\d{4})([-_]?)(\\d{2})\\2(\\d{2})");

  private SnapshotDates() {}

  /**
   * The first valid date in a file name. A candidate starts where no digit precedes it, so
   * {@code 120240301} holds no date at position 0 or 1; an impossible date ({@code 2024-02-31}) is
   * skipped and the search goes on.
   */
  public static Optional<LocalDate> fromName(String name) {
    Matcher m = DATE_IN_NAME.matcher(name);
    for (int i = 0; i < name.length(); i++) {
      if (i > 0 && Character.isDigit(name.charAt(i - 1))) {
        continue;
      }
      m.region(i, name.length());
      if (m.lookingAt()) {
        try {
          return Optional.of(LocalDate.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(3)),
              Integer.parseInt(m.group(4))));
        } catch (DateTimeException impossible) {
          // not a date: keep looking further in the name
        }
      }
    }
    return Optional.empty();
  }

  public static LocalDate fromModified(Instant modifiedAt) {
    return LocalDate.ofInstant(modifiedAt, ZoneOffset.UTC);
  }
}
