package fr.spplus.sample;

import fr.spplus.source.ExportZone;
import java.math.BigInteger;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The contract's record rules, restated independently of the job's readers so that the expected
 * counts the generator writes are a second opinion, not a copy (docs/contract.md sections 1 and 5):
 * the quarantine reasons in their order, what an experience id is, which date texts parse.
 */
final class ContractRules {

  static final String MALFORMED_RECORD = "malformed_record";
  static final String MISSING_ID = "missing_id";
  static final String INVALID_ID = "invalid_id";
  static final String INVALID_PUBLISHED_AT = "invalid_published_at";
  /** The reasons, in the order they are checked. */
  static final List<String> REASONS = List.of(MALFORMED_RECORD, MISSING_ID, INVALID_ID, INVALID_PUBLISHED_AT);

  private static final BigInteger MAX_BIGINT = BigInteger.valueOf(Long.MAX_VALUE);

  // dd/MM/yyyy, optionally followed by one space and HH:mm or HH:mm:ss, or by an en dash or hyphen
  // (spaces around it optional) and HH:mm: the listed shapes only, so no seconds after a dash, no
  // second space, no tab.
  private static final Pattern FRENCH = Pattern.compile(
      "(\\d{2})/(\\d{2})/(\\d{4})(?: (\\d{2}):(\\d{2})(?::(\\d{2}))?| *[\\u2013-] *(\\d{2}):(\\d{2}))?");
  // yyyy-MM-dd, optionally followed by T or space, HH:mm:ss, a fraction, and (after T only) an offset
  // or Z: "2023-05-12 10:22:00+02:00" is no listed shape.
  private static final Pattern ISO = Pattern.compile(
      "(\\d{4})-(\\d{2})-(\\d{2})(?:([T ])(\\d{2}):(\\d{2}):(\\d{2})(?:\\.(\\d{1,9}))?(Z|[+-]\\d{2}:\\d{2})?)?");

  // Unicode White_Space at either end (docs/contract.md section 5); String.strip() would keep a
  // no-break space, which the job trims.
  private static final Pattern ENDS = Pattern.compile("^\\s+|\\s+$", Pattern.UNICODE_CHARACTER_CLASS);

  private ContractRules() {}

  /** The text without Unicode whitespace at its ends. */
  static String trim(String raw) {
    return ENDS.matcher(raw).replaceAll("");
  }

  /**
   * Why a record is quarantined, or null when it is accepted.
   *
   * @param headerSize the number of fields of the file's header
   * @param idPosition the header position of {@code ID expérience}
   * @param publishedPosition the header position of {@code Date de publication}
   */
  static String quarantineReason(List<String> fields, int headerSize, int idPosition, int publishedPosition) {
    if (fields.size() != headerSize) {
      return MALFORMED_RECORD;
    }
    String id = trim(fields.get(idPosition));
    if (id.isEmpty()) {
      return MISSING_ID;
    }
    if (experienceId(id).isEmpty()) {
      return INVALID_ID;
    }
    if (!parseableDate(fields.get(publishedPosition))) {
      return INVALID_PUBLISHED_AT;
    }
    return null;
  }

  /** The BIGINT an id cell holds: ASCII digits only after trimming, within range; leading zeros allowed. */
  static OptionalLong experienceId(String raw) {
    String id = trim(raw);
    if (id.isEmpty()) {
      return OptionalLong.empty();
    }
    for (int i = 0; i < id.length(); i++) {
      char c = id.charAt(i);
      if (c < '0' || c > '9') {
        return OptionalLong.empty();
      }
    }
    BigInteger value = new BigInteger(id);
    return value.compareTo(MAX_BIGINT) > 0 ? OptionalLong.empty() : OptionalLong.of(value.longValueExact());
  }

  /** Whether the text is one of the contract's date shapes and a real date and time (no rollover). */
  static boolean parseableDate(String raw) {
    return instant(raw) != null;
  }

  /**
   * The instant a text of the contract's date shapes stands for (naive times and dates alone in
   * Paris time, a time in the spring gap one hour later as {@link java.time.ZonedDateTime#ofLocal} resolves
   * it); null when the text is no listed shape or no real date and time (no rollover).
   */
  static Instant instant(String raw) {
    String s = trim(raw);
    try {
      Matcher fr = FRENCH.matcher(s);
      if (fr.matches()) {
        LocalDate day = LocalDate.of(Integer.parseInt(fr.group(3)), Integer.parseInt(fr.group(2)),
            Integer.parseInt(fr.group(1)));
        LocalTime time = fr.group(4) != null
            ? LocalTime.of(Integer.parseInt(fr.group(4)), Integer.parseInt(fr.group(5)),
                fr.group(6) == null ? 0 : Integer.parseInt(fr.group(6)))
            : fr.group(7) != null ? LocalTime.of(Integer.parseInt(fr.group(7)), Integer.parseInt(fr.group(8)))
            : LocalTime.MIDNIGHT;
        return day.atTime(time).atZone(ExportZone.ZONE).toInstant();
      }
      Matcher iso = ISO.matcher(s);
      if (!iso.matches() || iso.group(9) != null && " ".equals(iso.group(4))) {
        return null;
      }
      LocalDate day = LocalDate.of(Integer.parseInt(iso.group(1)), Integer.parseInt(iso.group(2)),
          Integer.parseInt(iso.group(3)));
      if (iso.group(5) == null) {
        return day.atStartOfDay(ExportZone.ZONE).toInstant();
      }
      int nanos = iso.group(8) == null ? 0 : Integer.parseInt((iso.group(8) + "00000000").substring(0, 9));
      LocalDateTime local = day.atTime(LocalTime.of(Integer.parseInt(iso.group(5)), Integer.parseInt(iso.group(6)),
          Integer.parseInt(iso.group(7)), nanos));
      return iso.group(9) == null
          ? local.atZone(ExportZone.ZONE).toInstant()
          : local.atOffset("Z".equals(iso.group(9)) ? ZoneOffset.UTC : ZoneOffset.of(iso.group(9))).toInstant();
    } catch (DateTimeException e) {
      return null;
    }
  }
}
