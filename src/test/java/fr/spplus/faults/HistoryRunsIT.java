package fr.spplus.faults;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.spplus.publish.GoldTables;
import fr.spplus.publish.TableSpec;
import fr.spplus.publish.Tables;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * silver/experience_history, gold/response_backlog and gold/snapshot_activity do not depend on the
 * order in which exports arrive (docs/contract.md section 6): a hand-written fixture of four snapshot
 * files is ingested one file per run in date order, in reverse order and shuffled,
 * and each warehouse is compared, row for row, with one run over all files. In date order the
 * daily runs MERGE the history; the other orders bring late exports, which rebuild it from bronze.
 *
 * <p>The fixture (hand-computed activity below):
 * <ul>
 *   <li>2024-03-01: 1 and 2 open, 3 answered (Traitée), 4 quarantined (no publication date: never
 *       observed, so never in the history);</li>
 *   <li>2024-03-08: 2 twice, the last record ("A traiter") is the observation, not the first
 *       ("Traitée"); 1 answered (changed), 5 new;</li>
 *   <li>2024-03-15: 1 rated useful (changed), 2 absent (removed), 3 seen only through a record
 *       quarantined invalid_published_at (nothing changes), 5 unchanged;</li>
 *   <li>2024-03-22: 2 back (reappeared), 3 absent (removed), 5 moved from Bretagne to Normandie
 *       with a corrected publication date: not tracked, but the backlog takes the region and age
 *       from silver/experiences, so the daily run that brings it must rewrite every backlog row.</li>
 * </ul>
 */
class HistoryRunsIT {

  static final String HEADER = "ID expérience;Etat expérience;Date de publication;Date de première réponse;"
      + "Intitulé région usager;Code INSEE Région usager;ID structure 1;Statut réponse structure 1;"
      + "Evaluation réponse structure 1 par auteur";
  static final Map<String, List<String>> FILES = new LinkedHashMap<>();

  static {
    FILES.put("export-experiences-2024-03-01.csv", List.of(
        "1;A traiter;01/02/2024 10:00;;Île-de-France;11;S1;En attente de réponse;",
        "2;A traiter;15/02/2024;;Bretagne;53;;;",
        "3;Traitée;10/02/2024;20/02/2024 09:30;Île-de-France;11;S3;Réponse apportée;",
        "4;A traiter;;;Bretagne;53;;;"));
    FILES.put("export-experiences-2024-03-08.csv", List.of(
        "2;Traitée;15/02/2024;;Bretagne;53;;;",
        "1;A traiter;01/02/2024 10:00;05/03/2024 14:00;Île-de-France;11;S1;Réponse apportée;",
        "2;A traiter;15/02/2024;;Bretagne;53;;;",
        "3;Traitée;10/02/2024;20/02/2024 09:30;Île-de-France;11;S3;Réponse apportée;",
        "5;A traiter;07/03/2024;;Bretagne;53;;;"));
    FILES.put("export-experiences-2024-03-15.csv", List.of(
        "1;A traiter;01/02/2024 10:00;05/03/2024 14:00;Île-de-France;11;S1;Réponse apportée;utile",
        "3;Traitée;;20/02/2024 09:30;Île-de-France;11;S3;Réponse apportée;",
        "5;A traiter;07/03/2024;;Bretagne;53;;;"));
    FILES.put("export-experiences-2024-03-22.csv", List.of(
        "1;A traiter;01/02/2024 10:00;05/03/2024 14:00;Île-de-France;11;S1;Réponse apportée;utile",
        "2;A traiter;15/02/2024;;Bretagne;53;;;",
        "5;A traiter;06/03/2024;;Normandie;28;;;"));
  }

  static final List<TableSpec> HISTORY_TABLES =
      List.of(Tables.SILVER_EXPERIENCE_HISTORY, GoldTables.RESPONSE_BACKLOG, GoldTables.SNAPSHOT_ACTIVITY);

  static Snapshots s;
  static Path reference;
  static final Map<String, Path> oneFilePerRun = new LinkedHashMap<>();
  static final Map<String, List<String>> outputs = new HashMap<>();
  static Map<String, Long> versionsBeforeRerun;
  static Map<String, Long> versionsAfterRerun;

  @BeforeAll
  static void ingestInEveryOrder() throws IOException {
    s = Snapshots.get();
    Path dir = Files.createDirectories(s.root.resolve("history-fixture"));
    List<Path> files = new ArrayList<>();
    for (Map.Entry<String, List<String>> f : FILES.entrySet()) {
      List<String> lines = new ArrayList<>(List.of(HEADER));
      lines.addAll(f.getValue());
      files.add(Files.write(dir.resolve(f.getKey()), lines, StandardCharsets.UTF_8));
    }
    reference = s.newWarehouse("history-all");
    Runs.Result all = Runs.run(reference, files);
    assertEquals(0, all.exitCode(), all.output());

    Map<String, List<Path>> orders = new LinkedHashMap<>();
    orders.put("date order", files);
    orders.put("reverse order", reversed(files));
    orders.put("shuffled", List.of(files.get(1), files.get(3), files.get(0), files.get(2)));
    for (Map.Entry<String, List<Path>> order : orders.entrySet()) {
      Path w = s.newWarehouse("history-" + order.getKey().replace(' ', '-'));
      List<String> said = new ArrayList<>();
      for (Path f : order.getValue()) {
        Runs.Result r = Runs.run(w, f);
        assertEquals(0, r.exitCode(), r.output());
        said.add(historyLine(r.output()));
      }
      oneFilePerRun.put(order.getKey(), w);
      outputs.put(order.getKey(), said);
    }
    Path inOrder = oneFilePerRun.get("date order");
    versionsBeforeRerun = versions(inOrder);
    Runs.Result again = Runs.run(inOrder, files);
    assertEquals(0, again.exitCode(), again.output());
    versionsAfterRerun = versions(inOrder);
  }

  static List<Path> reversed(List<Path> files) {
    List<Path> out = new ArrayList<>(files);
    java.util.Collections.reverse(out);
    return out;
  }

  static String historyLine(String output) {
    return output.lines().filter(l -> l.startsWith("history: ")).findFirst().orElse("(no history line)");
  }

  static Map<String, Long> versions(Path w) {
    Map<String, Long> out = new HashMap<>();
    for (TableSpec t : HISTORY_TABLES) {
      out.put(t.path(), Warehouses.tables(w).version(t));
    }
    return out;
  }

  @Test
  void activityOfOneRunOverAllFilesIsTheHandComputedOne() {
    List<String> rows = new ArrayList<>();
    for (Row r : Warehouses.tables(reference).read(GoldTables.SNAPSHOT_ACTIVITY).orderBy("snapshot_date")
        .collectAsList()) {
      rows.add(r.getAs("snapshot_date") + " after " + r.getAs("previous_snapshot_date") + ": present "
          + r.getAs("present") + ", published " + r.getAs("published") + ", changed " + r.getAs("changed")
          + ", removed " + r.getAs("removed") + ", reappeared " + r.getAs("reappeared") + ", newly answered "
          + r.getAs("newly_answered"));
    }
    assertEquals(List.of(
        "2024-03-01 after null: present 3, published 3, changed 0, removed 0, reappeared 0, newly answered 0",
        "2024-03-08 after 2024-03-01: present 4, published 1, changed 1, removed 0, reappeared 0, newly answered 1",
        "2024-03-15 after 2024-03-08: present 3, published 0, changed 1, removed 1, reappeared 0, newly answered 0",
        "2024-03-22 after 2024-03-15: present 3, published 0, changed 0, removed 1, reappeared 1, newly answered 0"),
        rows);
    // Experience 5 counts in Normandie (its latest record) at every snapshot it is present in.
    List<String> normandie = new ArrayList<>();
    for (Row r : Warehouses.tables(reference).read(GoldTables.RESPONSE_BACKLOG)
        .where(col("region_code").equalTo("28")).orderBy("snapshot_date").collectAsList()) {
      normandie.add(r.getAs("snapshot_date") + ": " + r.getAs("present"));
    }
    assertEquals(List.of("2024-03-08: 1", "2024-03-15: 1", "2024-03-22: 1"), normandie);
  }

  @Test
  void dailyRunsMergeAndLateExportsRebuild() {
    assertEquals(List.of(
        "history: rebuilt from bronze",
        "history: snapshot 2024-03-08 merged",
        "history: snapshot 2024-03-15 merged",
        "history: snapshot 2024-03-22 merged"), outputs.get("date order"));
    // Shuffled: 03-08 (first), 03-22 (later), 03-01 and 03-15 (late exports).
    assertEquals(List.of(
        "history: rebuilt from bronze",
        "history: snapshot 2024-03-22 merged",
        "history: rebuilt from bronze (snapshot 2024-03-01 is not later than every snapshot ingested before)",
        "history: rebuilt from bronze (snapshot 2024-03-15 is not later than every snapshot ingested before)"),
        outputs.get("shuffled"));
    assertTrue(outputs.get("reverse order").stream().allMatch(l -> l.startsWith("history: rebuilt")),
        outputs.get("reverse order").toString());
  }

  @Test
  void everyOrderGivesTheTablesOfOneRunOverAllFiles() {
    for (Map.Entry<String, Path> w : oneFilePerRun.entrySet()) {
      for (TableSpec t : HISTORY_TABLES) {
        TableContents.assertSame(t.path() + " (" + w.getKey() + ")", Warehouses.content(reference, t),
            Warehouses.content(w.getValue(), t));
      }
      Warehouses.assertSameData(reference, w.getValue(), Warehouses.SILVER_AND_GOLD);
    }
  }

  @Test
  void aRerunOnTheSameFilesWritesNoHistoryTable() {
    assertEquals(versionsBeforeRerun, versionsAfterRerun);
  }
}
