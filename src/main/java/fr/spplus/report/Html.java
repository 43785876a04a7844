package fr.spplus.report;

import fr.spplus.source.ExportZone;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * Escaping and formatting for the report. Every piece of text that comes from the data (names of
 * structures, typologies, regions, business tags, file names, rejection reasons, error messages)
 * goes through {@link #text} or {@link #attr} before it reaches the page, in element content and in
 * attribute values alike, inside HTML and inside inline SVG.
 */
final class Html {

  private static final Locale NUMBERS = Locale.UK;
  private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("d MMM yyyy, HH:mm", Locale.UK);

  private Html() {}

  /**
   * The string as HTML text or as a quoted attribute value: {@code & < > " '} become character
   * references, and characters HTML forbids (C0 controls other than tab, line feed and carriage
   * return, DEL, C1 controls, lone surrogates, non-characters) become U+FFFD. Null becomes "".
   */
  static String text(String raw) {
    if (raw == null) {
      return "";
    }
    StringBuilder out = new StringBuilder(raw.length() + 16);
    raw.codePoints().forEach(c -> {
      switch (c) {
        case '&' -> out.append("&amp;");
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> {
          if (allowed(c)) {
            out.appendCodePoint(c);
          } else {
            out.append('\uFFFD');
          }
        }
      }
    });
    return out.toString();
  }

  /** The same escaping; named for where it is used, {@code attr="…"} (always double-quoted). */
  static String attr(String raw) {
    return text(raw);
  }

  private static boolean allowed(int c) {
    if (c == '\t' || c == '\n' || c == '\r') {
      return true;
    }
    if (c < 0x20 || (c >= 0x7F && c <= 0x9F)) {
      return false;
    }
    if (c >= 0xD800 && c <= 0xDFFF) {
      return false;
    }
    return !((c >= 0xFDD0 && c <= 0xFDEF) || (c & 0xFFFE) == 0xFFFE);
  }

  /**
   * At most {@code max} code points, with an ellipsis when cut; line breaks become spaces. Cut
   * before escaping, so that no character reference is ever split.
   */
  static String shorten(String raw, int max) {
    if (raw == null) {
      return "";
    }
    String flat = raw.strip().replaceAll("\\s+", " ");
    if (flat.codePointCount(0, flat.length()) <= max) {
      return flat;
    }
    return flat.substring(0, flat.offsetByCodePoints(0, max - 1)).stripTrailing() + "…";
  }

  static String count(long n) {
    return String.format(NUMBERS, "%,d", n);
  }

  /** A rate in [0, 1] as a percentage with one decimal, "–" when null. */
  static String percent(Double rate) {
    return rate == null ? "–" : String.format(NUMBERS, "%.1f%%", rate * 100);
  }

  /** Hours with one decimal below 100, whole hours above; "–" when null. */
  static String hours(Double h) {
    if (h == null) {
      return "–";
    }
    return h < 100 ? String.format(NUMBERS, "%.1f h", h) : String.format(NUMBERS, "%,.0f h", h);
  }

  /** An SVG coordinate: one decimal, never an exponent, never a locale comma. */
  static String n(double v) {
    return String.format(Locale.ROOT, "%.1f", v);
  }

  /** An instant as Paris time ("3 Dec 2026, 10:15"), "–" when null. */
  static String when(Instant instant) {
    return instant == null ? "–" : WHEN.format(instant.atZone(ExportZone.ZONE));
  }
}
