package fr.spplus.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileProbeTest {

  static final String HEADER = "ID expérience;Date de publication;Titre";
  static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

  @TempDir
  Path dir;

  ProbedFile probe(String name, byte[] content) throws IOException {
    Path p = dir.resolve(name);
    Files.write(p, content);
    ExportFile f = new ExportFile(p.toUri().toString(), name, content.length, Instant.EPOCH,
        LocalDate.of(2024, 1, 1), ExportFile.FROM_FILE_NAME);
    return FileProbe.probe(f, new Configuration());
  }

  static byte[] concat(byte[] a, byte[] b) {
    byte[] out = new byte[a.length + b.length];
    System.arraycopy(a, 0, out, 0, a.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  @Test
  void utf8WithBomIsUtf8AndTheBomIsNotPartOfTheFirstLabel() throws IOException {
    ProbedFile p = probe("a.csv", concat(BOM, (HEADER + "\n1;01/02/2024;x\n").getBytes(StandardCharsets.UTF_8)));
    assertNull(p.rejection());
    assertEquals("UTF-8", p.encoding());
    assertEquals(';', p.separator());
    assertEquals(List.of("ID expérience", "Date de publication", "Titre"), p.header());
    assertEquals(List.of("experience_id", "published_at", "title"), p.headerKeys());
    // SHA-256 of the file's bytes, BOM included (sha256sum of the same 59 bytes).
    assertEquals("e8c7d59dc29076c51b1e3d03ba86863439e16461ba9eb6788867c9fa3e4ffe29", p.contentHash());
  }

  @Test
  void invalidUtf8IsReadAsWindows1252() throws IOException {
    byte[] cp1252 = (HEADER + "\n1;01/02/2024;Préfecture\n").getBytes(Charset.forName("windows-1252"));
    ProbedFile p = probe("old.csv", cp1252);
    assertNull(p.rejection());
    assertEquals("windows-1252", p.encoding());
    assertEquals("ID expérience", p.header().get(0));
  }

  @Test
  void utf16WithBomIsUtf16() throws IOException {
    ProbedFile p = probe("u16.csv", (HEADER + "\n1;01/02/2024;x\n").getBytes(StandardCharsets.UTF_16));
    assertNull(p.rejection());
    assertEquals("UTF-16", p.encoding());
    assertEquals("experience_id", p.headerKeys().get(0));
  }

  @Test
  void binaryContentIsRejectedAsUndecodable() throws IOException {
    ProbedFile p = probe("bin.csv", new byte[] {'P', 'K', 3, 4, 0, 0, 1, 2});
    assertEquals("cannot be decoded: binary content (NUL byte at offset 4)", p.rejection());
    ProbedFile q = probe("bad1252.csv", concat("ID expérience;Date de publication\n".getBytes(
        Charset.forName("windows-1252")), new byte[] {'1', ';', (byte) 0x81, '\n'}));
    assertTrue(q.rejection().startsWith("cannot be decoded: neither UTF-8 nor Windows-1252 (byte 0x81"), q.rejection());
  }

  @Test
  void emptyFilesAndBlankFilesAreRejected() throws IOException {
    assertEquals("empty file: no header line", probe("empty.csv", new byte[0]).rejection());
    assertEquals("empty file: no header line", probe("bom-only.csv", concat(BOM, "\r\n\n".getBytes())).rejection());
  }

  @Test
  void separatorIsSemicolonElseTabElseComma() throws IOException {
    assertEquals(',', probe("c.csv", "ID expérience,Date de publication\n".getBytes(StandardCharsets.UTF_8)).separator());
    assertEquals('\t', probe("t.csv", "ID expérience\tDate de publication\tx,y\n".getBytes(StandardCharsets.UTF_8))
        .separator());
    // a comma inside a quoted label does not make the file comma-separated when ';' is there
    ProbedFile p = probe("s.csv", "\"ID expérience\";Date de publication;\"a,b\"\n".getBytes(StandardCharsets.UTF_8));
    assertEquals(';', p.separator());
    assertEquals(List.of("experience_id", "published_at", "a,b"), p.headerKeys());
  }

  @Test
  void missingRequiredColumnsRejectTheFile() throws IOException {
    assertEquals("missing required column 'Date de publication'",
        probe("m.csv", "ID expérience;Titre\n1;x\n".getBytes(StandardCharsets.UTF_8)).rejection());
    assertEquals("missing required column 'ID expérience'",
        probe("n.csv", "Titre;Date de publication\n".getBytes(StandardCharsets.UTF_8)).rejection());
  }

  @Test
  void twoLabelsNamingOneKnownColumnRejectTheFile() throws IOException {
    ProbedFile p = probe("d.csv", "ID expérience;Date de publication;Etat expérience;Etat de l'expérience\n"
        .getBytes(StandardCharsets.UTF_8));
    assertEquals("header names the column 'Etat expérience' twice ('Etat expérience' and 'Etat de l'expérience')",
        p.rejection());
  }

  @Test
  void repeatedUnknownLabelsGetDistinctExtraKeys() throws IOException {
    ProbedFile p = probe("e.csv", "ID expérience;Note;Date de publication;Note\n".getBytes(StandardCharsets.UTF_8));
    assertNull(p.rejection());
    assertEquals(List.of("experience_id", "Note", "published_at", "Note (2)"), p.headerKeys());
  }

  @Test
  void gzippedExportIsProbedDecompressed() throws IOException {
    Path p = dir.resolve("z.csv.gz");
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(p))) {
      out.write(concat(BOM, (HEADER + "\n1;01/02/2024;x\n").getBytes(StandardCharsets.UTF_8)));
    }
    ExportFile f = new ExportFile(p.toUri().toString(), "z.csv.gz", Files.size(p), Instant.EPOCH,
        LocalDate.of(2024, 1, 1), ExportFile.FROM_FILE_NAME);
    ProbedFile probed = FileProbe.probe(f, new Configuration());
    assertNull(probed.rejection());
    assertEquals("UTF-8", probed.encoding());
    assertEquals("experience_id", probed.headerKeys().get(0));
  }

  @Test
  void aFileThatCannotBeOpenedIsRejectedWithTheCause() {
    ExportFile f = new ExportFile(dir.resolve("gone.csv").toUri().toString(), "gone.csv", 10, Instant.EPOCH,
        LocalDate.of(2024, 1, 1), ExportFile.FROM_FILE_NAME);
    String why = FileProbe.probe(f, new Configuration()).rejection();
    assertTrue(why.startsWith("cannot be read: FileNotFoundException"), why);
  }
}
