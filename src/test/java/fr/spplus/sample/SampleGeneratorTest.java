package fr.spplus.sample;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.spplus.sample.SampleGenerator.FileResult;
import fr.spplus.sample.SampleGenerator.Options;
import fr.spplus.sample.SampleGenerator.Summary;
import fr.spplus.source.SourceColumns;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SampleGeneratorTest {

  private static final LocalDate FIRST = LocalDate.of(2024, 1, 15);

  private static Options small(Path out, boolean nasty) {
    return new Options(out, 400, 3, FIRST, 30, 7L, nasty, false);
  }

  @Test
  void sameOptionsGiveByteIdenticalFiles(@TempDir Path tmp) throws IOException {
    for (boolean nasty : new boolean[] {false, true}) {
      Path a = tmp.resolve("a" + nasty);
      Path b = tmp.resolve("b" + nasty);
      SampleGenerator.generate(small(a, nasty));
      SampleGenerator.generate(small(b, nasty));
      List<String> names = names(a);
      assertEquals(names, names(b));
      assertTrue(names.size() >= 3, "files: " + names);
      for (String name : names) {
        assertArrayEquals(Files.readAllBytes(a.resolve(name)), Files.readAllBytes(b.resolve(name)),
            "nasty=" + nasty + ": " + name + " differs between two runs");
      }
    }
  }

  @Test
  void committedSampleIsWhatTheDefaultsGenerate(@TempDir Path tmp) throws IOException {
    Path committed = Path.of("data", "sample");
    Summary s = SampleGenerator.generate(Options.defaults(tmp));
    for (FileResult f : s.files()) {
      assertArrayEquals(Files.readAllBytes(f.path()), Files.readAllBytes(committed.resolve(f.name())),
          f.name() + " in data/sample differs from a fresh generation: regenerate it (see data/sample/README.md)");
    }
    List<String> committedExports = names(committed).stream().filter(n -> n.endsWith(".csv")).toList();
    assertEquals(List.copyOf(s.recordsPerFile().keySet()), committedExports);
    assertEquals(2_000, s.experiences());
  }

  @Test
  void aiSimilaritiesAreIntegersFromZeroToHundredAbsentInOlderAnswersAndAQuarterIdentical() throws IOException {
    // The committed sample (2,000 experiences): every value an integer 0-100; the oldest snapshot's
    // answers mostly without a value (the assistant came late in the history); in the last one,
    // values in every band with about a quarter of them at 100.
    Path committed = Path.of("data", "sample");
    List<String> names = names(committed).stream().filter(n -> n.endsWith(".csv")).toList();
    int[] firstFile = aiCounts(committed.resolve(names.get(0)));
    int[] lastFile = aiCounts(committed.resolve(names.get(names.size() - 1)));
    // counts: {answered slots, with a value, 100, 50-99, 0-49}
    assertTrue(firstFile[1] * 2 < firstFile[0], "older answers mostly have no value: " + Arrays.toString(firstFile));
    assertTrue(lastFile[1] > 0 && lastFile[3] > 0 && lastFile[4] > 0, Arrays.toString(lastFile));
    double identical = lastFile[2] / (double) lastFile[1];
    assertTrue(identical > 0.15 && identical < 0.35, "share at 100: " + identical);
  }

  /** {answered slots, slots with a similarity, = 100, 50-99, 0-49}; fails on a value that is not 0-100. */
  private static int[] aiCounts(Path file) throws IOException {
    List<List<String>> records = Csv.parse(utf8WithoutBom(file), ';');
    List<String> header = records.get(0);
    int[] counts = new int[5];
    for (int n = 1; n <= SourceColumns.SLOTS; n++) {
      int status = header.indexOf(SourceColumns.structure(n).responseStatus().label());
      int ai = header.indexOf(SourceColumns.structure(n).aiSimilarity().label());
      for (List<String> r : records.subList(1, records.size())) {
        String v = r.get(ai);
        if (r.get(status).startsWith("Réponse") && !r.get(status).contains("attente")) {
          counts[0]++;
        }
        if (v.isEmpty()) {
          continue;
        }
        assertTrue(v.matches("[0-9]{1,3}") && Integer.parseInt(v) <= 100, file.getFileName() + ": '" + v + "'");
        int x = Integer.parseInt(v);
        counts[1]++;
        counts[x == 100 ? 2 : x >= 50 ? 3 : 4]++;
      }
    }
    return counts;
  }

  @Test
  void anotherSeedGivesOtherContent(@TempDir Path tmp) throws IOException {
    SampleGenerator.generate(small(tmp.resolve("a"), false));
    SampleGenerator.generate(new Options(tmp.resolve("b"), 400, 3, FIRST, 30, 8L, false, false));
    String name = SampleGenerator.fileName(FIRST, "");
    assertFalse(Arrays.equals(Files.readAllBytes(tmp.resolve("a").resolve(name)),
        Files.readAllBytes(tmp.resolve("b").resolve(name))));
  }

  @Test
  void headerIsTheOfficialLabelsInOrderThenTheExtras(@TempDir Path tmp) throws IOException {
    Summary s = SampleGenerator.generate(small(tmp, false));
    List<String> expected = new ArrayList<>();
    assertEquals(59, SourceColumns.OFFICIAL.size());
    SourceColumns.OFFICIAL.forEach(c -> expected.add(c.label()));
    for (int n = 1; n <= SourceColumns.SLOTS; n++) {
      expected.add(SourceColumns.structure(n).responseText().label());
      expected.add(SourceColumns.structure(n).aiSimilarity().label());
    }
    expected.add(SourceColumns.PROCEDURES_ENTERED.label());
    expected.add(SourceColumns.AUTHOR_PSEUDONYM.label());
    expected.add("Identifiant interne");
    for (FileResult f : s.files()) {
      List<List<String>> records = Csv.parse(utf8WithoutBom(f.path()), ';');
      assertEquals(expected, records.get(0), f.name());
    }
  }

  @Test
  void filesStartWithABomAndHoldTheCountedRecords(@TempDir Path tmp) throws IOException {
    Summary s = SampleGenerator.generate(new Options(tmp, 400, 3, FIRST, 30, 7L, false, true));
    assertEquals(List.of(SampleGenerator.fileName(FIRST, ""), SampleGenerator.fileName(FIRST.plusDays(30), ""),
        SampleGenerator.fileName(FIRST.plusDays(60), "")), List.copyOf(s.recordsPerFile().keySet()));
    int previous = 0;
    for (FileResult f : s.files()) {
      byte[] bytes = Files.readAllBytes(f.path());
      assertArrayEquals(ExportCsv.UTF8_BOM, Arrays.copyOf(bytes, 3), f.name() + " has no BOM");
      String text = utf8WithoutBom(f.path());
      assertTrue(text.contains("\r\n"), "--crlf ends lines with CR LF");
      List<List<String>> records = Csv.parse(text, ';');
      assertEquals(f.records(), records.size() - 1, f.name());
      for (List<String> r : records) {
        assertEquals(records.get(0).size(), r.size(), "every record has the header's field count");
      }
      assertTrue(f.records() > previous, "later snapshots hold more experiences");
      previous = f.records();
      assertEquals(0, f.quarantined());
    }
    // 400 published by the last snapshot, 12 of them away from it (Absences), all seen somewhere.
    assertEquals(388, previous);
    assertEquals(400, s.experiences());
    assertNull(s.expectedJson());
    assertFalse(Files.exists(tmp.resolve(ExpectedReport.FILE_NAME)));
  }

  @Test
  void laterSnapshotsMoveEarlierExperiencesAlong(@TempDir Path tmp) throws IOException {
    Summary s = SampleGenerator.generate(small(tmp, false));
    Map<String, Map<String, String>> first = byId(s.files().get(0).path());
    Map<String, Map<String, String>> last = byId(s.files().get(2).path());
    int answeredLater = 0;
    int votesLater = 0;
    for (Map.Entry<String, Map<String, String>> e : first.entrySet()) {
      Map<String, String> before = e.getValue();
      Map<String, String> after = last.get(e.getKey());
      if (after == null) {
        continue; // away from the last snapshot (see awayExperiencesAreMissingFromTheirSnapshots)
      }
      assertEquals(before.get("Titre"), after.get("Titre"));
      if (before.get("Etat expérience").startsWith("A") && after.get("Etat expérience").startsWith("T")
          && before.get("Date de première réponse").isEmpty() && !after.get("Date de première réponse").isEmpty()
          && "En attente de réponse".equals(before.get("Statut réponse structure 1"))
          && "Réponse apportée".equals(after.get("Statut réponse structure 1"))) {
        answeredLater++;
      }
      if (before.get("Evaluation utile réponse structure 1 par visiteurs").isEmpty()
          && !after.get("Evaluation utile réponse structure 1 par visiteurs").isEmpty()) {
        votesLater++;
      }
    }
    assertTrue(answeredLater > 5, "experiences answered between snapshots: " + answeredLater);
    assertTrue(votesLater > 5, "votes appearing between snapshots: " + votesLater);
  }

  @Test
  void aPublicationReadsAsTheSameWholeMinuteInEverySnapshotWhateverItsShape(@TempDir Path tmp) throws IOException {
    // The backlog ages every snapshot from silver/experiences.published_at (the latest record): a
    // publication read with seconds in one export and without in the next would move every day.
    Summary s = SampleGenerator.generate(small(tmp, false));
    Map<String, Instant> firstRead = new HashMap<>();
    Map<String, String> firstText = new HashMap<>();
    int sameInstantOtherText = 0;
    for (FileResult f : s.files()) {
      for (Map.Entry<String, Map<String, String>> e : byId(f.path()).entrySet()) {
        String text = e.getValue().get(SourceColumns.PUBLISHED_AT.label());
        Instant read = ContractRules.instant(text);
        assertNotNull(read, e.getKey() + ": '" + text + "' is no date shape of the contract");
        assertEquals(read.truncatedTo(ChronoUnit.MINUTES), read, e.getKey() + ": '" + text + "' in " + f.path());
        Instant before = firstRead.putIfAbsent(e.getKey(), read);
        if (before != null) {
          assertEquals(before, read, e.getKey() + ": '" + firstText.get(e.getKey()) + "' then '" + text + "'");
          sameInstantOtherText += firstText.get(e.getKey()).equals(text) ? 0 : 1;
        } else {
          firstText.put(e.getKey(), text);
        }
      }
    }
    // Shapes with and without seconds are both drawn: the same minute is written differently.
    assertTrue(sameInstantOtherText > 100, "publications written in another shape later: " + sameInstantOtherText);
  }

  @Test
  void awayExperiencesAreMissingFromTheirSnapshotsAndComeBack(@TempDir Path tmp) throws IOException {
    Options o = new Options(tmp, 400, 4, FIRST, 30, 7L, false, false);
    Summary s = SampleGenerator.generate(o);
    List<Experience> population = Population.build(o.seed(), o.experiences(), o.firstSnapshot(), o.lastSnapshot());
    Absences absences = Absences.of(o);
    List<Set<String>> ids = new ArrayList<>();
    for (FileResult f : s.files()) {
      ids.add(byId(f.path()).keySet());
    }
    int away = 0;
    int back = 0;
    Set<String> everSeen = new HashSet<>();
    for (int i = 0; i < o.snapshots(); i++) {
      LocalDate date = o.snapshotDate(i);
      for (Experience e : population) {
        String id = Long.toString(e.id());
        boolean published = e.publishedAt().isBefore(Population.cutoff(date));
        boolean isAway = absences.absent(e, date);
        assertEquals(published && !isAway, ids.get(i).contains(id), id + " at " + date);
        if (isAway) {
          away++;
          assertTrue(everSeen.contains(id), id + " leaves only after a snapshot that showed it");
        } else if (published && i > 0 && absences.absent(e, o.snapshotDate(i - 1))) {
          back++;
        }
      }
      everSeen.addAll(ids.get(i));
    }
    assertTrue(away > 5 && back > 2, "away " + away + ", back " + back);
    assertEquals(400, everSeen.size(), "every experience appears in some snapshot");
  }

  @Test
  void nastyHistoryCountsAddUpSnapshotBySnapshot(@TempDir Path tmp) throws IOException {
    Summary s = SampleGenerator.generate(new Options(tmp, 400, 4, FIRST, 30, 7L, true, false));
    JsonNode history = new ObjectMapper().readTree(s.expectedJson().toFile()).get("history");
    // The old and comma files two and one intervals before the first snapshot, then the four snapshots.
    List<String> dates = new ArrayList<>();
    history.forEach(h -> dates.add(h.get("snapshot_date").asText()));
    assertEquals(List.of(FIRST.minusDays(60).toString(), FIRST.minusDays(30).toString(), FIRST.toString(),
        FIRST.plusDays(30).toString(), FIRST.plusDays(60).toString(), FIRST.plusDays(90).toString()), dates);
    long present = 0;
    String previous = null;
    Map<String, Long> totals = new HashMap<>();
    for (JsonNode h : history) {
      JsonNode previousDate = h.get("previous_snapshot_date");
      assertEquals(previous, previousDate.isNull() ? null : previousDate.asText());
      present += h.get("published").asLong() + h.get("reappeared").asLong() - h.get("removed").asLong();
      assertEquals(present, h.get("present").asLong(), "present at " + h.get("snapshot_date"));
      for (String k : List.of("published", "changed", "removed", "reappeared", "newly_answered")) {
        totals.merge(k, h.get(k).asLong(), Long::sum);
      }
      previous = h.get("snapshot_date").asText();
    }
    assertEquals(s.experiences(), totals.get("published"), "every experience is published once");
    for (String k : List.of("changed", "removed", "reappeared", "newly_answered")) {
      assertTrue(totals.get(k) > 0, k + " happens in the nasty sample: " + totals);
    }
  }

  @Test
  void nastyExpectationsMatchWhatWasWritten(@TempDir Path tmp) throws IOException {
    Summary s = SampleGenerator.generate(small(tmp, true));
    assertNotNull(s.expectedJson());
    JsonNode expected = new ObjectMapper().readTree(s.expectedJson().toFile());
    Map<String, JsonNode> filesJson = new HashMap<>();
    expected.get("files").forEach(f -> filesJson.put(f.get("file").asText(), f));

    String firstName = SampleGenerator.fileName(FIRST, "");
    FileResult first = s.files().stream().filter(f -> f.name().equals(firstName)).findFirst().orElseThrow();
    List<List<String>> records = Csv.parse(utf8WithoutBom(first.path()), ';');
    List<String> header = records.get(0);
    int idPos = header.indexOf(SourceColumns.EXPERIENCE_ID.label());
    int datePos = header.indexOf(SourceColumns.PUBLISHED_AT.label());
    JsonNode fileJson = filesJson.get(firstName);
    assertEquals(records.size() - 1, fileJson.get("records").asInt());
    assertEquals(first.records(), fileJson.get("records").asInt());

    // Hand-picked records, found in the file as written, and what the expectations say of them.
    Map<Integer, JsonNode> quarantined = new HashMap<>();
    fileJson.get("quarantined_records").forEach(q -> quarantined.put(q.get("record_number").asInt(), q));
    int twelveA = -1;
    int extraField = -1;
    int noIdBadDate = -1;
    int leadingZeros = -1;
    int malformed = 0;
    int missing = 0;
    int invalid = 0;
    int badDate = 0;
    for (int n = 1; n < records.size(); n++) {
      List<String> r = records.get(n);
      if (r.size() != header.size()) {
        malformed++;
        if (r.size() == header.size() + 1 && !r.get(idPos).isEmpty()) {
          extraField = n;
        }
        continue;
      }
      String id = r.get(idPos).strip();
      if (id.isEmpty()) {
        missing++;
        if (r.get(datePos).equals("hier")) {
          noIdBadDate = n;
        }
      } else if (!id.matches("[0-9]+") || new BigInteger(id).bitLength() > 63) {
        invalid++;
        if (id.equals("12a")) {
          twelveA = n;
        }
      } else if (BadRecords.INVALID_DATES.contains(r.get(datePos))) {
        badDate++;
      } else if (id.startsWith("00")) {
        leadingZeros = n;
      }
    }
    assertTrue(twelveA > 0 && extraField > 0 && noIdBadDate > 0 && leadingZeros > 0);
    assertEquals("invalid_id", quarantined.get(twelveA).get("reason").asText());
    assertEquals("12a", quarantined.get(twelveA).get("id").asText());
    assertEquals("malformed_record", quarantined.get(extraField).get("reason").asText());
    assertEquals("missing_id", quarantined.get(noIdBadDate).get("reason").asText());
    assertFalse(quarantined.containsKey(leadingZeros), "00123 is the experience 123, accepted");

    JsonNode counts = fileJson.get("quarantine");
    assertEquals(malformed, counts.get("malformed_record").asInt());
    assertEquals(missing, counts.get("missing_id").asInt());
    assertEquals(invalid, counts.get("invalid_id").asInt());
    assertEquals(badDate, counts.get("invalid_published_at").asInt());
    assertEquals(3, malformed);
    assertEquals(first.quarantine(), Map.of("malformed_record", malformed, "missing_id", missing,
        "invalid_id", invalid, "invalid_published_at", badDate));
    assertTrue(fileJson.get("injected_issues").size() > 10);

    // The extra files: an accepted Windows-1252 export, an accepted comma export, three rejected files.
    Set<String> rejected = new HashSet<>();
    expected.get("rejected_files").forEach(r -> rejected.add(r.get("reason").asText()));
    assertEquals(Set.of("missing_required_column", "duplicate_column", "empty_file"), rejected);
    String oldName = SampleGenerator.fileName(FIRST.minusDays(60), "-windows-1252");
    byte[] old = Files.readAllBytes(tmp.resolve(oldName));
    assertFalse(validUtf8(old), "the old export is not UTF-8");
    List<List<String>> oldRecords = Csv.parse(new String(old, Charset.forName("windows-1252")), ';');
    assertTrue(oldRecords.get(0).contains("Etat de l'expérience"));
    assertTrue(oldRecords.get(0).contains("Tags généraux Accessibilité"));
    assertFalse(oldRecords.get(0).contains(SourceColumns.COUNTRY.label()));
    assertEquals(filesJson.get(oldName).get("records").asInt(), oldRecords.size() - 1);
    String commaName = SampleGenerator.fileName(FIRST.minusDays(30), "-virgule");
    List<List<String>> commaRecords = Csv.parse(utf8WithoutBom(tmp.resolve(commaName)), ',');
    assertEquals(filesJson.get(commaName).get("records").asInt(), commaRecords.size() - 1);
    assertEquals(header, commaRecords.get(0));

    long read = 0;
    for (FileResult f : s.files()) {
      if (f.rejection() == null) {
        read += f.records();
      }
    }
    assertEquals(read, expected.get("totals").get("records_read").asLong());
    assertEquals(s.experiences(), expected.get("experiences").asInt());
  }

  @Test
  void contractRulesFollowTheOrderOfChecks() {
    List<String> ok = List.of("123", "12/03/2024 10:22");
    assertNull(ContractRules.quarantineReason(ok, 2, 0, 1));
    assertEquals("malformed_record", ContractRules.quarantineReason(List.of("", "x", "y"), 2, 0, 1));
    assertEquals("missing_id", ContractRules.quarantineReason(List.of("  ", "hier"), 2, 0, 1));
    assertEquals("invalid_id", ContractRules.quarantineReason(List.of("-5", ""), 2, 0, 1));
    assertEquals("invalid_id", ContractRules.quarantineReason(List.of("9223372036854775808", ""), 2, 0, 1));
    assertEquals("invalid_published_at", ContractRules.quarantineReason(List.of("00123", "31/02/2024"), 2, 0, 1));
    assertEquals(123L, ContractRules.experienceId(" 00123 ").getAsLong());
    for (String good : List.of("12/03/2024 10:22", "12/03/2024 – 10:22", "12/03/2024-10:22", "12/03/2024 10:22:05",
        "12/03/2024", "2023-05-12T10:22:00+02:00", "2023-05-12T10:22:00Z", "2023-05-12T10:22:00",
        "2023-05-12 10:22:00", "2023-05-12", "2023-05-12T10:22:00.123+02:00")) {
      assertTrue(ContractRules.parseableDate(good), good);
    }
    for (String bad : List.of("", "31/02/2024", "2024-13-01", "hier", "12/03/2024 25:10", "1/3/2024", "2024-02-30")) {
      assertFalse(ContractRules.parseableDate(bad), bad);
    }
  }

  @Test
  void theRulesTrimUnicodeWhitespaceLikeTheJob() {
    assertEquals(OptionalLong.of(123), ContractRules.experienceId("\u00A0 00123\u2003"), "no-break and em spaces");
    assertNull(ContractRules.quarantineReason(List.of("\u00A0123\u00A0", "\u00A012/05/2023 10:22\u202F"), 2, 0, 1));
    assertEquals(ContractRules.MISSING_ID, ContractRules.quarantineReason(List.of("\u00A0\u3000", "12/05/2023"), 2, 0,
        1), "an id of spaces only is missing");
    assertEquals("a\u00A0b", ContractRules.trim("\u2028a\u00A0b\u0085"), "inner whitespace is kept");
  }

  @Test
  void staleExportsAreReplacedAndOtherFilesKept(@TempDir Path tmp) throws IOException {
    Files.writeString(tmp.resolve("README.md"), "keep me");
    Files.writeString(tmp.resolve(SampleGenerator.fileName(LocalDate.of(2001, 1, 1), "")), "stale");
    SampleGenerator.generate(new Options(tmp, 20, 1, FIRST, 30, 1L, false, false));
    assertEquals(List.of("README.md", SampleGenerator.fileName(FIRST, "")), names(tmp));
  }

  private static Map<String, Map<String, String>> byId(Path file) throws IOException {
    List<List<String>> records = Csv.parse(utf8WithoutBom(file), ';');
    List<String> header = records.get(0);
    Map<String, Map<String, String>> out = new HashMap<>();
    for (List<String> r : records.subList(1, records.size())) {
      Map<String, String> row = new HashMap<>();
      for (int i = 0; i < header.size(); i++) {
        row.put(header.get(i), r.get(i));
      }
      out.put(r.get(0), row);
    }
    return out;
  }

  private static List<String> names(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  private static String utf8WithoutBom(Path file) throws IOException {
    String text = Files.readString(file, StandardCharsets.UTF_8);
    return text.startsWith("\uFEFF") ? text.substring(1) : text;
  }

  private static boolean validUtf8(byte[] bytes) {
    try {
      StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes));
      return true;
    } catch (CharacterCodingException e) {
      return false;
    }
  }

  /** A small quote-aware CSV reader for the tests: records as field lists, blank lines skipped. */
  static final class Csv {

    static List<List<String>> parse(String text, char separator) {
      List<List<String>> records = new ArrayList<>();
      List<String> fields = new ArrayList<>();
      StringBuilder field = new StringBuilder();
      boolean quoted = false;
      boolean sawAnything = false;
      for (int i = 0; i < text.length(); i++) {
        char c = text.charAt(i);
        if (quoted) {
          if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
            field.append('"');
            i++;
          } else if (c == '"') {
            quoted = false;
          } else {
            field.append(c);
          }
        } else if (c == '"') {
          quoted = true;
          sawAnything = true;
        } else if (c == separator) {
          fields.add(field.toString());
          field.setLength(0);
          sawAnything = true;
        } else if (c == '\r' || c == '\n') {
          if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
            i++;
          }
          if (sawAnything || field.length() > 0) {
            fields.add(field.toString());
            records.add(fields);
          }
          fields = new ArrayList<>();
          field.setLength(0);
          sawAnything = false;
        } else {
          field.append(c);
          sawAnything = true;
        }
      }
      if (sawAnything || field.length() > 0) {
        fields.add(field.toString());
        records.add(fields);
      }
      return records;
    }
  }
}
