package fr.spplus.sql;

import java.util.ArrayList;
import java.util.List;

/**
 * Cuts typed text into SQL statements at the semicolons that end them: a {@code ;} inside a string
 * ({@code '…'}, {@code "…"}, with backslash escapes as Spark reads them), a quoted identifier
 * ({@code `…`}) or a comment ({@code -- …}, {@code /* … *}{@code /}) does not end a statement.
 * Text after the last semicolon is kept as the start of the next statement.
 */
final class StatementSplitter {

  private final StringBuilder pending = new StringBuilder();

  /** Adds a line (without its line break) and returns the statements it completed, trimmed, non-empty. */
  List<String> add(String line) {
    if (!pending.isEmpty()) {
      pending.append('\n');
    }
    pending.append(line);
    List<String> done = new ArrayList<>();
    int start = 0;
    char quote = 0;
    boolean lineComment = false;
    boolean blockComment = false;
    String text = pending.toString();
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      char next = i + 1 < text.length() ? text.charAt(i + 1) : 0;
      if (lineComment) {
        lineComment = c != '\n';
      } else if (blockComment) {
        if (c == '*' && next == '/') {
          blockComment = false;
          i++;
        }
      } else if (quote != 0) {
        if (c == '\\' && quote != '`') {
          i++;
        } else if (c == quote) {
          quote = 0;
        }
      } else if (c == '\'' || c == '"' || c == '`') {
        quote = c;
      } else if (c == '-' && next == '-') {
        lineComment = true;
        i++;
      } else if (c == '/' && next == '*') {
        blockComment = true;
        i++;
      } else if (c == ';') {
        String statement = text.substring(start, i).strip();
        if (!statement.isEmpty() && !onlyComments(statement)) {
          done.add(statement);
        }
        start = i + 1;
      }
    }
    pending.setLength(0);
    String rest = text.substring(start);
    if (!rest.isBlank()) {
      pending.append(rest);
    }
    return done;
  }

  /**
   * A backslash command ({@code \q}, {@code \d NAME}) typed after the last complete statement of a
   * line, taken out of the pending text; null when the pending text is not one.
   */
  String takeCommand() {
    String rest = pending.toString().strip();
    if (!rest.startsWith("\\")) {
      return null;
    }
    pending.setLength(0);
    return rest;
  }

  /** True when a statement has been started and not ended. */
  boolean inStatement() {
    return !pending.isEmpty();
  }

  /** The unfinished statement (what is left at end of input), or null when there is none. */
  String remainder() {
    String rest = pending.toString().strip();
    pending.setLength(0);
    return rest.isEmpty() || onlyComments(rest) ? null : rest;
  }

  private static boolean onlyComments(String s) {
    String stripped = s.replaceAll("(?s)/\\*.*?\\*/", " ").replaceAll("--[^\\n]*", " ");
    return stripped.isBlank();
  }
}
