package fr.spplus.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import fr.spplus.testing.SharedSpark;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExportReaderTest {

  @TempDir
  Path dir;

  List<Row> read(String name, byte[] content) throws IOException {
    Path p = dir.resolve(name);
    Files.write(p, content);
    ExportFile f = new ExportFile(p.toUri().toString(), name, content.length, Instant.EPOCH,
        LocalDate.of(2024, 3, 1), ExportFile.FROM_FILE_NAME);
    ProbedFile probed = FileProbe.probe(f, new Configuration());
    assertNull(probed.rejection());
    return ExportReader.read(SharedSpark.spark(), probed,
            new ExportReader.ReadContext("run-1", Timestamp.from(Instant.parse("2024-03-02T00:00:00Z"))))
        .orderBy("record_number").collectAsList();
  }

  @Test
  void multiLineQuotedFieldsSeparatorsAndDoubledQuotesAreOneField() throws IOException {
    String csv = "\uFEFFID expérience;Date de publication;Description;Identifiant interne\n"
        + "1;01/03/2024;\"Première ligne; avec point-virgule\nseconde ligne \"\"citée\"\"\";A-1\n"
        + "\n"
        + "2;02/03/2024;;A-2\n";
    List<Row> rows = read("m.csv", csv.getBytes(StandardCharsets.UTF_8));
    assertEquals(2, rows.size());
    Row first = rows.get(0);
    assertEquals("Première ligne; avec point-virgule\nseconde ligne \"citée\"", first.getAs("description"));
    assertEquals(1L, (long) first.getAs("record_number"));
    assertEquals("m.csv", first.getAs("source_file"));
    assertEquals(java.sql.Date.valueOf("2024-03-01"), first.getAs("snapshot_date"));
    assertEquals("UTF-8", first.getAs("encoding"));
    assertEquals("run-1", first.getAs("run_id"));
    assertNull(first.getAs("raw_record"));
    assertEquals(Map.of("Identifiant interne", "A-1"), new java.util.HashMap<>(first.getJavaMap(first.fieldIndex("extra_columns"))));
    // the blank line is not a record: the next record is number 2
    Row second = rows.get(1);
    assertEquals(2L, (long) second.getAs("record_number"));
    assertEquals("", second.getAs("description"), "an empty cell is an empty string");
    assertNull(second.getAs("title"), "a column the file lacks is null");
  }

  @Test
  void recordsWithAnotherFieldCountKeepTheirExactText() throws IOException {
    String csv = "ID expérience;Date de publication;Titre\n"
        + "1;01/03/2024;ok\n"
        + "2;01/03/2024;trop;de champs\n"
        + "3;01/03/2024\n";
    List<Row> rows = read("f.csv", csv.getBytes(StandardCharsets.UTF_8));
    assertEquals(3, rows.size());
    assertNull(rows.get(0).getAs("raw_record"));
    assertEquals("2;01/03/2024;trop;de champs", rows.get(1).getAs("raw_record"));
    assertEquals("3;01/03/2024", rows.get(2).getAs("raw_record"));
  }

  @Test
  void windows1252AccentsAreReadCorrectly() throws IOException {
    String csv = "ID expérience;Date de publication;Intitulé région usager;Titre\n"
        + "7;01/03/2024;Île-de-France;Délai «trop» long – été\n";
    List<Row> rows = read("old.csv", csv.getBytes(Charset.forName("windows-1252")));
    assertEquals("windows-1252", rows.get(0).getAs("encoding"));
    assertEquals("Île-de-France", rows.get(0).getAs("region_name"));
    assertEquals("Délai «trop» long – été", rows.get(0).getAs("title"));
  }

  @Test
  void commaSeparatedFilesAndReorderedHeadersMapByName() throws IOException {
    String csv = "Titre,Date de publication,ID expérience\n\"a, b\",01/03/2024,42\n";
    List<Row> rows = read("c.csv", csv.getBytes(StandardCharsets.UTF_8));
    assertEquals("42", rows.get(0).getAs("experience_id"));
    assertEquals("a, b", rows.get(0).getAs("title"));
    assertEquals("01/03/2024", rows.get(0).getAs("published_at"));
  }

  @Test
  void crlfLineEndsAndTabSeparatedFiles() throws IOException {
    String csv = "ID expérience\tDate de publication\tTitre\r\n5\t01/03/2024\tx\r\n6\t02/03/2024\ty\r\n";
    List<Row> rows = read("t.csv", csv.getBytes(StandardCharsets.UTF_8));
    assertEquals(2, rows.size());
    assertEquals("y", rows.get(1).getAs("title"));
    assertNull(rows.get(1).getAs("raw_record"));
  }
}
