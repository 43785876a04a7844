package fr.spplus.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Which files of the inputs a run reads (docs/contract.md section 5): the {@code .csv} and
 * {@code .csv.gz} files directly inside each input folder and not hidden, plus files named one by
 * one, in base-name order by code point. Real files in a temporary folder, listed through Hadoop's
 * local FileSystem as a run does.
 */
class ExportDiscoveryTest {

  private static final Configuration HADOOP = new Configuration();

  private static List<String> names(List<ExportFile> files) {
    return files.stream().map(ExportFile::name).toList();
  }

  private static Path touch(Path file) throws IOException {
    Files.createDirectories(file.getParent());
    return Files.writeString(file, "x");
  }

  @Test
  void aFolderGivesItsCsvAndCsvGzFilesOnlyNeitherHiddenNorUnderscoredNorInSubfolders(@TempDir Path dir)
      throws IOException {
    Path in = dir.resolve("in");
    for (String name : List.of("b.csv", "A.CSV", "c.csv.gz", "d.CSV.GZ", "e.txt", "f.csv.bak", "g.gz", "h.csv.zip",
        ".hidden.csv", "._mac.csv", "_SUCCESS", "_partial.csv", "csv", "sub/nested.csv", ".git/x.csv")) {
      touch(in.resolve(name));
    }
    Files.createDirectories(in.resolve("folder.csv"));
    assertEquals(List.of("A.CSV", "b.csv", "c.csv.gz", "d.CSV.GZ"),
        names(ExportDiscovery.discover(List.of(in.toString()), HADOOP)),
        "extension case-insensitive; no hidden, '_' or nested file; a folder named .csv is no file");
  }

  @Test
  void aFileNamedOneByOneIsTakenWhateverItsNameAndOnceOnly(@TempDir Path dir) throws IOException {
    Path in = dir.resolve("in");
    Path csv = touch(in.resolve("export-experiences-2024-03-01.csv"));
    Path txt = touch(dir.resolve("elsewhere/export.txt"));
    Path hidden = touch(in.resolve(".kept-when-named.csv"));
    List<ExportFile> files = ExportDiscovery.discover(List.of(in.toString(), csv.toString(), txt.toString(),
        hidden.toString(), in.toString()), HADOOP);
    assertEquals(List.of(".kept-when-named.csv", "export-experiences-2024-03-01.csv", "export.txt"), names(files),
        "the folder and its file given twice give the file once");
  }

  @Test
  void filesAreInBaseNameOrderByCodePointAcrossFolders(@TempDir Path dir) throws IOException {
    // U+FF21 (fullwidth A) is one UTF-16 unit, U+1F600 two (a surrogate pair starting D83D): by UTF-16
    // units the emoji would sort first, by code point it sorts last.
    touch(dir.resolve("one/\uD83D\uDE00.csv"));
    touch(dir.resolve("two/\uFF21.csv"));
    touch(dir.resolve("two/b.csv"));
    touch(dir.resolve("one/b.csv"));
    List<ExportFile> files = ExportDiscovery.discover(List.of(dir.resolve("two").toString(),
        dir.resolve("one").toString()), HADOOP);
    assertEquals(List.of("b.csv", "b.csv", "\uFF21.csv", "\uD83D\uDE00.csv"), names(files));
    assertEquals(List.of(true, true), List.of(files.get(0).path().endsWith("/one/b.csv"),
        files.get(1).path().endsWith("/two/b.csv")), "a tie on the base name is broken by the path");
  }

  @Test
  void theSnapshotDateComesFromTheNameElseFromTheLastModifiedDayInUtc(@TempDir Path dir) throws IOException {
    Path named = touch(dir.resolve("export-experiences-2024_03_01.csv"));
    Path unnamed = touch(dir.resolve("export-experiences.csv"));
    // 23:30 UTC on 31 August is already 1 September in Paris: the rule takes the UTC day.
    Files.setLastModifiedTime(unnamed, FileTime.from(Instant.parse("2024-08-31T23:30:00Z")));
    List<ExportFile> files = ExportDiscovery.discover(List.of(dir.toString()), HADOOP);
    assertEquals(List.of(LocalDate.of(2024, 3, 1), LocalDate.of(2024, 8, 31)),
        files.stream().map(ExportFile::snapshotDate).toList());
    assertEquals(List.of(ExportFile.FROM_FILE_NAME, ExportFile.FROM_LAST_MODIFIED),
        files.stream().map(ExportFile::snapshotDateFrom).toList());
    assertEquals(named.getFileName().toString(), files.get(0).name());
  }

  @Test
  void aMissingInputIsAUsageErrorNamingIt(@TempDir Path dir) {
    String missing = dir.resolve("no-such-folder").toString();
    ExportDiscovery.InputNotFoundException e = assertThrows(ExportDiscovery.InputNotFoundException.class,
        () -> ExportDiscovery.discover(List.of(missing), HADOOP));
    assertEquals("input not found: " + missing + " (give an existing folder or file with --input)", e.getMessage());
  }
}
