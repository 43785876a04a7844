package fr.spplus.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.spplus.sample.SampleGenerator;
import fr.spplus.testing.Frames;
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
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A large export read as several ranges of whole records gives exactly the bronze rows of the same
 * file read by one task: same record numbers, same fields, same raw text of malformed records.
 */
class ExportReaderRangesTest {

  private static final ExportReader.ReadContext CONTEXT =
      new ExportReader.ReadContext("run-1", Timestamp.from(Instant.parse("2024-03-02T00:00:00Z")));
  /** One task per file, whatever its size. */
  private static final ExportReader.Splitting WHOLE = new ExportReader.Splitting(Long.MAX_VALUE, 1);
  /** A cut every byte: a range starts at every line start. */
  private static final ExportReader.Splitting EVERY_LINE = new ExportReader.Splitting(1, Integer.MAX_VALUE);

  @TempDir
  Path dir;

  /**
   * Quoted separators, line breaks and doubled quotes; records with a field too many or too few,
   * one of them over two lines; blank lines; a last record without a line end.
   */
  private static String tricky(String eol) {
    String block = "1;01/03/2024;\"Première ligne; avec point-virgule" + eol + "seconde \"\"citée\"\"\";A-1" + eol
        + "2;02/03/2024;;A-2" + eol
        + eol
        + "3;03/03/2024;\"trop" + eol + "de champs\";A-3;en trop" + eol
        + "4;04/03/2024;\"\"\"\"" + eol
        + "5;05/03/2024" + eol
        + "6;06/03/2024;\"été « ici »\";A-6" + eol;
    return "ID expérience;Date de publication;Description;Identifiant interne" + eol
        + block.repeat(5) + "7;07/03/2024;fin;A-7";
  }

  @Test
  void everyLineStartARangeGivesTheRowsOfTheWholeFile() throws IOException {
    for (String eol : List.of("\n", "\r\n")) {
      for (Charset charset : List.of(StandardCharsets.UTF_8, Charset.forName("windows-1252"))) {
        String what = charset + (eol.length() == 2 ? " CR LF" : " LF");
        ProbedFile file = write("tricky.csv", tricky(eol).getBytes(charset));
        RecordRanges.Plan plan = ExportReader.plan(SharedSpark.spark(), file, EVERY_LINE);
        // 31 records and 5 blank lines after the header: a range at each of their starts.
        assertEquals(37, plan.ranges().size(), what);
        Dataset<Row> split = ExportReader.read(SharedSpark.spark(), file, CONTEXT, EVERY_LINE);
        assertEquals(37, split.rdd().getNumPartitions(), what);
        Dataset<Row> whole = ExportReader.read(SharedSpark.spark(), file, CONTEXT, WHOLE);
        Frames.assertFrameEquals(whole, split, "record_number");
        List<Row> rows = split.orderBy("record_number").collectAsList();
        assertEquals(31, rows.size(), what);
        assertEquals(31L, (long) rows.get(30).getAs("record_number"));
        Row tooMany = rows.get(2);
        assertEquals(3L, (long) tooMany.getAs("record_number"));
        assertEquals("3;03/03/2024;\"trop" + eol.replace("\r\n", "\n") + "de champs\";A-3;en trop",
            normalized(tooMany.getAs("raw_record")), what);
        assertEquals("5;05/03/2024", rows.get(4).getAs("raw_record"), what);
        assertEquals("Première ligne; avec point-virgule" + eol.replace("\r\n", "\n") + "seconde \"citée\"",
            normalized(rows.get(0).getAs("description")), what);
        assertEquals("\"", rows.get(3).getAs("description"), what);
        assertEquals("été « ici »", rows.get(5).getAs("description"), what);
        assertNull(rows.get(5).getAs("raw_record"), what);
      }
    }
  }

  @Test
  void aFewEvenRangesGiveTheRowsOfTheWholeFile() throws IOException {
    ProbedFile file = write("tricky.csv", tricky("\n").getBytes(StandardCharsets.UTF_8));
    ExportReader.Splitting three = new ExportReader.Splitting(file.file().sizeBytes() / 3, 3);
    assertEquals(3, ExportReader.plan(SharedSpark.spark(), file, three).ranges().size());
    Frames.assertFrameEquals(ExportReader.read(SharedSpark.spark(), file, CONTEXT, WHOLE),
        ExportReader.read(SharedSpark.spark(), file, CONTEXT, three), "record_number");
  }

  @Test
  void aFileChangedSinceItWasPlannedStopsTheReadNamingIt() throws IOException {
    ProbedFile file = write("tricky.csv", tricky("\n").getBytes(StandardCharsets.UTF_8));
    RecordRanges.Plan plan = ExportReader.plan(SharedSpark.spark(), file,
        new ExportReader.Splitting(file.file().sizeBytes() / 3, 3));
    RecordRanges.Range last = plan.ranges().get(2);
    // Same size, one line break more in the last range: one record more than planned there.
    Files.writeString(dir.resolve("tricky.csv"), tricky("\n").replace("7;07/03/2024;fin", "7;07/03/2024\nfin"));
    Dataset<Row> stale = RangeReads.parse(SharedSpark.spark(), file, plan, ExportReader.csvOptions(file),
        ExportReader.schema(file));
    Exception e = assertThrows(Exception.class, stale::count);
    Throwable cause = e;
    while (cause.getCause() != null && !(cause instanceof IllegalStateException)) {
      cause = cause.getCause();
    }
    assertEquals("export tricky.csv changed while it was read in ranges: its bytes " + last.start() + "-" + last.end()
        + " hold " + (last.records() + 1) + " records, not the planned " + last.records(), cause.getMessage());
  }

  @Test
  void theGeneratorsNastyExportsReadInRangesGiveTheRowsOfTheWholeFiles(@TempDir Path out) throws IOException {
    int split = 0;
    for (boolean crlf : List.of(false, true)) {
      Path folder = out.resolve(crlf ? "crlf" : "lf");
      SampleGenerator.generate(new SampleGenerator.Options(folder, 300, 2, LocalDate.of(2024, 1, 15), 30, 11L,
          true, crlf));
      List<Path> files;
      try (Stream<Path> list = Files.list(folder)) {
        files = list.filter(p -> p.getFileName().toString().endsWith(".csv")).sorted().toList();
      }
      for (Path p : files) {
        ProbedFile file = probe(p);
        if (file.rejected()) {
          continue;
        }
        ExportReader.Splitting four = new ExportReader.Splitting(Math.max(1, file.file().sizeBytes() / 4), 4);
        RecordRanges.Plan plan = ExportReader.plan(SharedSpark.spark(), file, four);
        if (plan.split()) {
          split++;
          Frames.assertFrameEquals(ExportReader.read(SharedSpark.spark(), file, CONTEXT, WHOLE),
              ExportReader.read(SharedSpark.spark(), file, CONTEXT, four), "record_number");
        }
      }
    }
    assertTrue(split >= 4, "the generator's snapshots are regular CSV and are read in ranges (" + split + ")");
  }

  @Test
  void smallCompressedAndIrregularFilesAreReadByOneTask() throws IOException {
    ProbedFile small = write("small.csv", tricky("\n").getBytes(StandardCharsets.UTF_8));
    assertFalse(ExportReader.plan(SharedSpark.spark(), small,
        new ExportReader.Splitting(small.file().sizeBytes(), 8)).split(), "under two ranges' worth of bytes");
    ProbedFile irregular = write("irregular.csv", ("ID expérience;Date de publication;Titre\n"
        + "1;01/03/2024;un \"titre\" sans guillemets\n2;01/03/2024;x\n").getBytes(StandardCharsets.UTF_8));
    RecordRanges.Plan plan = ExportReader.plan(SharedSpark.spark(), irregular, EVERY_LINE);
    assertFalse(plan.split());
    assertEquals("a quote inside an unquoted field at byte 57", plan.oneTaskWhy());
    List<Row> rows = ExportReader.read(SharedSpark.spark(), irregular, CONTEXT, EVERY_LINE)
        .orderBy("record_number").collectAsList();
    assertEquals("un \"titre\" sans guillemets", rows.get(0).getAs("title"));
  }

  /** Quoted line ends as the whole-file reader gives them back (its normalisation, not the ranges'). */
  private static String normalized(String s) {
    return s.replace("\r\n", "\n");
  }

  private ProbedFile write(String name, byte[] content) throws IOException {
    Path p = dir.resolve(name);
    Files.write(p, content);
    ProbedFile probed = probe(p);
    assertNull(probed.rejection(), name);
    return probed;
  }

  private static ProbedFile probe(Path p) throws IOException {
    ExportFile f = new ExportFile(p.toUri().toString(), p.getFileName().toString(), Files.size(p), Instant.EPOCH,
        LocalDate.of(2024, 3, 1), ExportFile.FROM_FILE_NAME);
    return FileProbe.probe(f, new Configuration());
  }
}
