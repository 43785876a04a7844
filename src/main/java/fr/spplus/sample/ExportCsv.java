package fr.spplus.sample;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
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
   * The file's bytes: the header, then one line per record; a null record is a blank line.
   * Characters the charset cannot hold become {@code ?}, as a spreadsheet re-saving the file does.
   */
  static byte[] write(Layout layout, List<String> header, List<List<String>> records) {
    StringBuilder sb = new StringBuilder(1 << 16);
    appendRecord(sb, layout, header);
    for (List<String> record : records) {
      if (record != null) {
        appendRecord(sb, layout, record);
      } else {
        sb.append(layout.eol());
      }
    }
    byte[] body = encode(sb, layout.charset());
    if (!layout.bom()) {
      return body;
    }
    byte[] out = Arrays.copyOf(UTF8_BOM, UTF8_BOM.length + body.length);
    System.arraycopy(body, 0, out, UTF8_BOM.length, body.length);
    return out;
  }

  private static void appendRecord(StringBuilder sb, Layout layout, List<String> fields) {
    for (int i = 0; i < fields.size(); i++) {
      if (i > 0) {
        sb.append(layout.separator());
      }
      sb.append(field(fields.get(i), layout));
    }
    sb.append(layout.eol());
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

  private static byte[] encode(CharSequence text, Charset charset) {
    if (StandardCharsets.UTF_8.equals(charset)) {
      return text.toString().getBytes(StandardCharsets.UTF_8);
    }
    CharsetEncoder encoder = charset.newEncoder()
        .onMalformedInput(CodingErrorAction.REPLACE)
        .onUnmappableCharacter(CodingErrorAction.REPLACE)
        .replaceWith(new byte[] {'?'});
    try {
      ByteBuffer buf = encoder.encode(CharBuffer.wrap(text));
      byte[] out = new byte[buf.remaining()];
      buf.get(out);
      return out;
    } catch (CharacterCodingException e) {
      throw new IllegalStateException("cannot encode in " + charset + ": " + e.getMessage(), e);
    }
  }
}
