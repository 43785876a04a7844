package fr.spplus.source;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads the header record of an export (the records themselves are read by Spark's CSV reader):
 * the first non-blank record, its separator, its fields. Quote {@code "}, doubled inside a field.
 */
final class HeaderParser {

  private HeaderParser() {}

  /** The text of the first record that is not a blank line, or null when there is none. */
  static String firstRecord(String text) {
    int start = 0;
    while (start < text.length() && (text.charAt(start) == '\n' || text.charAt(start) == '\r')) {
      start++;
    }
    if (start == text.length() || text.substring(start).isBlank()) {
      return null;
    }
    boolean quoted = false;
    int end = start;
    for (; end < text.length(); end++) {
      char c = text.charAt(end);
      if (c == '"') {
        quoted = !quoted;
      } else if (!quoted && (c == '\n' || c == '\r')) {
        break;
      }
    }
    return text.substring(start, end);
  }

  /** {@code ;} when the header has one, else a tab, else {@code ,}; {@code ;} for a one-column header. */
  static char separator(String headerLine) {
    if (headerLine.indexOf(';') >= 0) {
      return ';';
    }
    if (headerLine.indexOf('\t') >= 0) {
      return '\t';
    }
    return headerLine.indexOf(',') >= 0 ? ',' : ';';
  }

  static List<String> split(String line, char separator) {
    List<String> fields = new ArrayList<>();
    StringBuilder cur = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (quoted) {
        if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
          cur.append('"');
          i++;
        } else if (c == '"') {
          quoted = false;
        } else {
          cur.append(c);
        }
      } else if (c == '"') {
        quoted = true;
      } else if (c == separator) {
        fields.add(cur.toString());
        cur.setLength(0);
      } else {
        cur.append(c);
      }
    }
    fields.add(cur.toString());
    return fields;
  }
}
