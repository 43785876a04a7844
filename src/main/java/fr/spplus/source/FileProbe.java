package fr.spplus.source;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * The first pass over an export file, on the driver: one streaming read that hashes the stored
 * bytes (SHA-256), checks whether the content is valid UTF-8, and keeps the head to read the header.
 *
 * <p>Encoding rules (docs/contract.md section 1): a UTF-16 byte-order mark means UTF-16; valid UTF-8
 * (with or without BOM) is UTF-8; otherwise Windows-1252, unless the bytes cannot be text at all
 * (a NUL byte, or a byte Windows-1252 leaves undefined), in which case the file is rejected.
 */
public final class FileProbe {

  public static final String UTF_8 = "UTF-8";
  public static final String WINDOWS_1252 = "windows-1252";
  public static final String UTF_16 = "UTF-16";

  private static final int HEAD_BYTES = 1 << 20;
  private static final int CHUNK = 1 << 16;

  private FileProbe() {}

  /**
   * Settings that replace detection for every file of a run (for a folder of exports known to be,
   * say, Windows-1252 with tabs). Null fields keep detection.
   */
  public record Overrides(String encoding, Character separator) {
    public static final Overrides NONE = new Overrides(null, null);
  }

  /** Probes one file. I/O failures (unreadable, vanished) become a rejection naming the cause. */
  public static ProbedFile probe(ExportFile file, Configuration hadoopConf) {
    return probe(file, hadoopConf, Overrides.NONE);
  }

  public static ProbedFile probe(ExportFile file, Configuration hadoopConf, Overrides overrides) {
    Scan scan;
    try {
      scan = scan(file, hadoopConf);
    } catch (IOException | RuntimeException e) {
      return ProbedFile.rejected(file, null, null, "cannot be read: " + describe(e));
    }
    if (overrides.encoding() != null) {
      scan.encoding = overrides.encoding();
    }
    if (scan.encoding == null) {
      return ProbedFile.rejected(file, scan.hash, null, "cannot be decoded: " + scan.undecodableWhy);
    }
    String text = decodeHead(scan.head, scan.encoding);
    String headerLine = HeaderParser.firstRecord(text);
    if (headerLine == null) {
      return ProbedFile.rejected(file, scan.hash, scan.encoding, "empty file: no header line");
    }
    char separator = overrides.separator() != null ? overrides.separator() : HeaderParser.separator(headerLine);
    List<String> labels = HeaderParser.split(headerLine, separator);
    return mapHeader(file, scan.hash, scan.encoding, separator, labels);
  }

  /** Maps header labels to bronze columns; rejects a header without the required columns or naming one twice. */
  static ProbedFile mapHeader(ExportFile file, String hash, String encoding, char separator, List<String> labels) {
    List<String> keys = new ArrayList<>(labels.size());
    Map<String, String> knownSeen = new HashMap<>();
    Map<String, Integer> extraSeen = new HashMap<>();
    for (String label : labels) {
      var known = SourceColumns.byLabel(label);
      if (known.isPresent()) {
        String name = known.get().name();
        if (knownSeen.containsKey(name)) {
          return ProbedFile.rejected(file, hash, encoding, "header names the column '" + known.get().label()
              + "' twice ('" + knownSeen.get(name) + "' and '" + label + "')");
        }
        knownSeen.put(name, label);
        keys.add(name);
      } else {
        int n = extraSeen.merge(label, 1, Integer::sum);
        keys.add(n == 1 ? label : label + " (" + n + ")");
      }
    }
    for (SourceColumns.Column required : List.of(SourceColumns.EXPERIENCE_ID, SourceColumns.PUBLISHED_AT)) {
      if (!knownSeen.containsKey(required.name())) {
        return ProbedFile.rejected(file, hash, encoding, "missing required column '" + required.label() + "'");
      }
    }
    return new ProbedFile(file, hash, encoding, separator, List.copyOf(labels), List.copyOf(keys), null);
  }

  private static String describe(Throwable e) {
    String msg = e.getMessage();
    return e.getClass().getSimpleName() + (msg == null ? "" : " " + msg);
  }

  private static final class Scan {
    String hash;
    String encoding;
    String undecodableWhy;
    byte[] head;
  }

  private static Scan scan(ExportFile file, Configuration hadoopConf) throws IOException {
    MessageDigest sha;
    try {
      sha = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    Path path = new Path(file.path());
    FileSystem fs = path.getFileSystem(hadoopConf);
    Scan scan = new Scan();
    try (InputStream raw = new DigestInputStream(fs.open(path), sha);
         InputStream in = file.gzipped() ? new GZIPInputStream(raw, CHUNK) : raw) {
      ByteArrayOutputStream head = new ByteArrayOutputStream();
      CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
      ByteBuffer pending = ByteBuffer.allocate(CHUNK + 8);
      CharBuffer sink = CharBuffer.allocate(CHUNK + 8);
      boolean utf8Valid = true;
      boolean utf16 = false;
      long offset = 0;
      long nulAt = -1;
      long undefinedAt = -1;
      int undefinedByte = 0;
      byte[] buf = new byte[CHUNK];
      int n;
      while ((n = in.read(buf)) > 0) {
        if (head.size() < HEAD_BYTES) {
          head.write(buf, 0, Math.min(n, HEAD_BYTES - head.size()));
        }
        if (offset == 0 && n >= 2 && ((buf[0] == (byte) 0xFF && buf[1] == (byte) 0xFE)
            || (buf[0] == (byte) 0xFE && buf[1] == (byte) 0xFF))) {
          utf16 = true;
        }
        if (!utf16) {
          for (int i = 0; i < n; i++) {
            int b = buf[i] & 0xFF;
            if (b == 0 && nulAt < 0) {
              nulAt = offset + i;
            } else if (undefinedAt < 0 && (b == 0x81 || b == 0x8D || b == 0x8F || b == 0x90 || b == 0x9D)) {
              undefinedAt = offset + i;
              undefinedByte = b;
            }
          }
          if (utf8Valid) {
            pending.put(buf, 0, n).flip();
            sink.clear();
            CoderResult r;
            do {
              sink.clear();
              r = utf8.decode(pending, sink, false);
            } while (r.isOverflow());
            if (r.isError()) {
              utf8Valid = false;
            }
            pending.compact();
          }
        }
        offset += n;
      }
      if (utf8Valid && !utf16) {
        pending.flip();
        sink.clear();
        CoderResult r = utf8.decode(pending, sink, true);
        if (r.isError() || pending.hasRemaining()) {
          utf8Valid = false;
        }
      }
      scan.hash = HexFormat.of().formatHex(sha.digest());
      scan.head = head.toByteArray();
      if (offset == 0) {
        scan.encoding = UTF_8;
      } else if (utf16) {
        scan.encoding = UTF_16;
      } else if (nulAt >= 0) {
        scan.undecodableWhy = "binary content (NUL byte at offset " + nulAt + ")";
      } else if (utf8Valid) {
        scan.encoding = UTF_8;
      } else if (undefinedAt >= 0) {
        scan.undecodableWhy = String.format("neither UTF-8 nor Windows-1252 (byte 0x%02X at offset %d)",
            undefinedByte, undefinedAt);
      } else {
        scan.encoding = WINDOWS_1252;
      }
    }
    return scan;
  }

  /** Decodes the head; a sequence cut at the end of the head is dropped, not replaced. */
  private static String decodeHead(byte[] head, String encoding) {
    CharsetDecoder decoder = Charset.forName(encoding).newDecoder()
        .onMalformedInput(CodingErrorAction.REPLACE).onUnmappableCharacter(CodingErrorAction.REPLACE);
    try {
      String text = decoder.decode(ByteBuffer.wrap(head)).toString();
      return text.startsWith("\uFEFF") ? text.substring(1) : text;
    } catch (CharacterCodingException e) {
      throw new IllegalStateException(e);
    }
  }
}
