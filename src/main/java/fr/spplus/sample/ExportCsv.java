package fr.spplus.sample;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CodingErrorAction;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes records the way the platform's export does: a separator, {@code "} quotes with inner
 * quotes doubled, a configurable line end, an optional byte-order mark.
 *
 * <p>A field is quoted when it holds the separator, a quote, a line break or surrounding
 * whitespace; with {@code quoteAll} every non-empty field is quoted. Line breaks inside fields are
 * written with the file's line end, as an export made on that platform would.
 */
final class ExportCsv {

  static final byte[] UTF8_BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
  static final Charset WINDOWS_1252 = Charset.forName("windows-1252");

  /** How one file is written. */
  record Layout(char separator, Charset charset, boolean bom, String eol, boolean quoteAll) {}

  private ExportCsv() {}

  /**
   * Writes the file, record by record: the header, then one line per record; a null record is a
   * blank line. Characters the charset cannot hold become {@code ?}, as a spreadsheet re-saving the
   * file does. Nothing but the records is held in memory.
   */
  static void write(Path path, Layout layout, List<String> header, List<List<String>> records) throws IOException {
    CharsetEncoder encoder = layout.charset().newEncoder()
        .onMalformedInput(CodingErrorAction.REPLACE)
        .onUnmappableCharacter(CodingErrorAction.REPLACE)
        .replaceWith(new byte[] {'?'});
    try (OutputStream out = Files.newOutputStream(path)) {
      if (layout.bom()) {
        out.write(UTF8_BOM);
      }
      try (Writer w = new BufferedWriter(new OutputStreamWriter(out, encoder), 1 << 16)) {
        appendRecord(w, layout, header);
        for (List<String> record : records) {
          if (record != null) {
            appendRecord(w, layout, record);
          } else {
            w.write(layout.eol());
          }
        }
      }
    }
  }

  private static void appendRecord(Writer w, Layout layout, List<String> fields) throws IOException {
    for (int i = 0; i < fields.size(); i++) {
      if (i > 0) {
        w.write(layout.separator());
      }
      w.write(field(fields.get(i), layout));
    }
    w.write(layout.eol());
  }

  static String field(String value, Layout layout) {
    String v = value.replace("\r\n", "\n").replace("\n", layout.eol());
    boolean quote = !v.isEmpty() && (layout.quoteAll() || needsQuotes(v, layout.separator()));
    return quote ? '"' + v.replace("\"", "\"\"") + '"' : v;
  }

  private static boolean needsQuotes(String v, char separator) {
    if (!v.isEmpty() && (Character.isWhitespace(v.charAt(0)) || Character.isWhitespace(v.charAt(v.length() - 1)))) {
      return true;
    }
    for (int i = 0; i < v.length(); i++) {
      char c = v.charAt(i);
      if (c == separator || c == '"' || c == '\n' || c == '\r') {
        return true;
      }
    }
    return false;
  }
}
