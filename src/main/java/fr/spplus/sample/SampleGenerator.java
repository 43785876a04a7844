package fr.spplus.sample;

import fr.spplus.sample.BadRecords.Issue;
import fr.spplus.sample.BadRecords.Line;
import fr.spplus.sample.DateShapes.Mix;
import fr.spplus.source.SourceColumns;
import fr.spplus.source.SourceColumns.Column;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Random;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Supplier;

/**
 * Generates Services Publics Plus "export-experiences" CSV files: several full snapshots of one
 * seeded population of experiences, each later snapshot holding more experiences and moving earlier
 * ones along (responses arriving, states and statuses changing, ratings and votes appearing between
 * two exports). A few experiences leave the platform after publication and most come back a
 * snapshot or two later ({@link Absences}), so the history has every kind of version.
 *
 * <p>The files have the real shape (docs/contract.md section 1): UTF-8 with a byte-order mark, {@code ;}
 * separated, quoted free text with separators, quotes and line breaks inside, the official columns
 * in export order plus the recent extra columns and an unknown one, dates in the contract's shapes
 * (French {@code dd/MM/yyyy HH:mm} dominating older files, ISO with an offset newer ones).
 *
 * <p>The nasty mode adds the bad records of {@link BadRecords} to every snapshot, plus files the
 * job must handle specially: an older Windows-1252 export with the old header names and a missing
 * column, a comma-separated export, and files to reject (no publication date column, a column named
 * twice, an empty file). It then writes {@code expected.json}, the outcome the contract predicts
 * for every file, derived by {@link ContractRules} from what was written, and the history counts
 * per snapshot ({@code history}: present, published, changed, removed, reappeared, newly answered),
 * derived by {@link ExpectedHistory} from what the generator meant each record to say.
 *
 * <p>Run it with {@code spplus generate} (fr.spplus.cli: the one parser of its options).
 *
 * <p>Files are written one at a time, in name order, each rendered just before it is streamed to
 * disk: memory holds the population and one file's records, whatever the number of snapshots (the
 * benchmark's 31 daily snapshots of 120,000 experiences, 3.7 GB of CSV, need no more heap than one).
 *
 * <p>Everything comes from the seed: the same options give byte-identical files. Before writing,
 * the generator deletes the {@code export-experiences-*.csv} files and {@code expected.json} already
 * in the output folder (and nothing else), so a folder never mixes two generations.
 */
public final class SampleGenerator {

  /** File names start with this; stale files with this prefix are replaced. */
  public static final String FILE_PREFIX = "export-experiences-";

  /**
   * What to generate.
   *
   * @param outputDir the folder the files go to (created when missing)
   * @param experiences how many experiences are published by the last snapshot (earlier snapshots
   *     hold fewer; a few of them may be away from a snapshot, see {@link Absences})
   * @param snapshots how many snapshot files, one per date
   * @param firstSnapshot the date of the first snapshot (its name and cutoff: midnight, Paris time)
   * @param daysBetweenSnapshots days from one snapshot to the next
   * @param seed the one source of randomness
   * @param nasty add bad records, extra files and {@code expected.json}
   * @param crlf end lines with CR LF instead of LF
   */
  public record Options(Path outputDir, int experiences, int snapshots, LocalDate firstSnapshot,
                        int daysBetweenSnapshots, long seed, boolean nasty, boolean crlf) {

    public static final int DEFAULT_EXPERIENCES = 2_000;
    public static final int DEFAULT_SNAPSHOTS = 3;
    public static final LocalDate DEFAULT_FIRST_SNAPSHOT = LocalDate.of(2024, 3, 1);
    public static final int DEFAULT_DAYS_BETWEEN = 91;
    public static final long DEFAULT_SEED = 42;

    public Options {
      if (outputDir == null) {
        throw new IllegalArgumentException("outputDir is required (--out DIR)");
      }
      if (experiences < 1) {
        throw new IllegalArgumentException("experiences must be at least 1, got " + experiences);
      }
      if (snapshots < 1) {
        throw new IllegalArgumentException("snapshots must be at least 1, got " + snapshots);
      }
      if (firstSnapshot == null) {
        throw new IllegalArgumentException("firstSnapshot is required (--first-date yyyy-MM-dd)");
      }
      if (daysBetweenSnapshots < 1) {
        throw new IllegalArgumentException("daysBetweenSnapshots must be at least 1, got " + daysBetweenSnapshots);
      }
    }

    /** The committed sample's options, writing to {@code outputDir}. */
    public static Options defaults(Path outputDir) {
      return new Options(outputDir, DEFAULT_EXPERIENCES, DEFAULT_SNAPSHOTS, DEFAULT_FIRST_SNAPSHOT,
          DEFAULT_DAYS_BETWEEN, DEFAULT_SEED, false, false);
    }

    public LocalDate snapshotDate(int index) {
      return firstSnapshot.plusDays((long) index * daysBetweenSnapshots);
    }

    public LocalDate lastSnapshot() {
      return snapshotDate(snapshots - 1);
    }
  }

  /**
   * One file written.
   *
   * @param records the data records written (blank lines excluded)
   * @param quarantine the records the contract quarantines, per reason in checking order (all four
   *     reasons present; empty for a rejected file)
   * @param rejection why the whole file is rejected, or null
   */
  public record FileResult(String name, Path path, int records, Map<String, Integer> quarantine, String rejection) {

    public int quarantined() {
      return quarantine.values().stream().mapToInt(Integer::intValue).sum();
    }
  }

  /**
   * What was written.
   *
   * @param files every file, in name order
   * @param experiences distinct experience ids among the accepted records of all accepted files
   * @param expectedJson the expectations file, or null when not in nasty mode
   */
  public record Summary(Path outputDir, List<FileResult> files, int experiences, Path expectedJson) {

    public Map<String, Integer> recordsPerFile() {
      Map<String, Integer> out = new LinkedHashMap<>();
      for (FileResult f : files) {
        out.put(f.name(), f.records());
      }
      return out;
    }

    /** Quarantine counts per reason of the accepted files; all zeros when not in nasty mode. */
    public Map<String, Map<String, Integer>> expectedQuarantine() {
      Map<String, Map<String, Integer>> out = new LinkedHashMap<>();
      for (FileResult f : files) {
        if (f.rejection() == null) {
          out.put(f.name(), f.quarantine());
        }
      }
      return out;
    }
  }

  // Rejection reasons written to expected.json (the contract names the cases, not the codes).
  static final String REJECT_MISSING_COLUMN = "missing_required_column";
  static final String REJECT_DUPLICATE_COLUMN = "duplicate_column";
  static final String REJECT_EMPTY = "empty_file";

  /** An old header name of the state column (docs/contract.md section 1). */
  static final String OLD_STATE_LABEL = "Etat de l'expérience";

  private static final String UTF_8 = "UTF-8";
  private static final String WINDOWS_1252 = "windows-1252";

  private SampleGenerator() {}

  /**
   * A file to write: its name, layout and header, and how to render its lines, which happens only
   * when the file is written (one file's lines in memory at a time).
   */
  private record Planned(String name, LocalDate snapshotDate, ExportCsv.Layout layout, List<String> headerLabels,
                         List<String> headerKeys, Supplier<List<Line>> lines, String rejection,
                         String rejectionDetail) {

    String encoding() {
      return StandardCharsets.UTF_8.equals(layout.charset()) ? UTF_8 : WINDOWS_1252;
    }
  }

  public static Summary generate(Options o) {
    List<Experience> population =
        Population.build(o.seed(), o.experiences(), o.firstSnapshot(), o.lastSnapshot());
    Absences absences = Absences.of(o);
    String eol = o.crlf() ? "\r\n" : "\n";
    List<String> labels = SnapshotRenderer.headerLabels();
    List<String> keys = SnapshotRenderer.headerKeys();

    List<Planned> planned = new ArrayList<>();
    for (int i = 0; i < o.snapshots(); i++) {
      LocalDate date = o.snapshotDate(i);
      // Older files write French dates and the plural state, newer ones ISO dates and the singular.
      double isoShare = o.snapshots() == 1 ? 0.5 : 0.1 + 0.8 * i / (o.snapshots() - 1);
      boolean pluralDone = 2 * i < o.snapshots() - 1;
      long renderSeed = stream(o.seed(), 1_000 + i);
      long badSeed = stream(o.seed(), 2_000 + i);
      Supplier<List<Line>> lines = () -> {
        List<Line> rendered = render(population, absences, date, new Mix(isoShare, 0.08), pluralDone,
            new Random(renderSeed), keys, Integer.MAX_VALUE);
        return o.nasty() ? BadRecords.inject(rendered, keys, new Random(badSeed)) : rendered;
      };
      ExportCsv.Layout layout = new ExportCsv.Layout(';', StandardCharsets.UTF_8, true, eol, i % 2 == 1);
      planned.add(new Planned(fileName(date, ""), date, layout, labels, keys, lines, null, null));
    }
    if (o.nasty()) {
      planned.addAll(extraFiles(o, population, absences, labels, keys, eol));
    }
    planned.sort((a, b) -> a.name().compareTo(b.name()));
    return write(o, planned);
  }

  private static List<Planned> extraFiles(Options o, List<Experience> population, Absences absences,
                                          List<String> labels, List<String> keys, String eol) {
    List<Planned> out = new ArrayList<>();
    LocalDate last = o.lastSnapshot();

    // A comma-separated export, one interval before the first snapshot.
    LocalDate commaDate = o.firstSnapshot().minusDays(o.daysBetweenSnapshots());
    out.add(new Planned(fileName(commaDate, "-virgule"), commaDate,
        new ExportCsv.Layout(',', StandardCharsets.UTF_8, true, eol, false), labels, keys,
        () -> render(population, absences, commaDate, new Mix(0.1, 0.08), true, new Random(stream(o.seed(), 3_001)),
            keys, Integer.MAX_VALUE), null, null));

    // An older export re-saved by a spreadsheet: Windows-1252, CR LF, old header names, no recent
    // columns, no "Pays".
    LocalDate oldDate = o.firstSnapshot().minusDays(2L * o.daysBetweenSnapshots());
    List<String> oldLabels = new ArrayList<>();
    List<String> oldKeys = new ArrayList<>();
    for (Column c : SourceColumns.OFFICIAL) {
      if (c.equals(SourceColumns.COUNTRY)) {
        continue;
      }
      oldLabels.add(oldLabel(c));
      oldKeys.add(c.name());
    }
    out.add(new Planned(fileName(oldDate, "-windows-1252"), oldDate,
        new ExportCsv.Layout(';', ExportCsv.WINDOWS_1252, false, "\r\n", false), oldLabels, oldKeys,
        () -> render(population, absences, oldDate, new Mix(0.0, 0.3), true, new Random(stream(o.seed(), 3_002)),
            oldKeys, Integer.MAX_VALUE), null, null));

    // Rejected files: they carry the last snapshot's date, so a job that let them in would see them win.
    List<String> noDateLabels = new ArrayList<>(labels);
    List<String> noDateKeys = new ArrayList<>(keys);
    int published = noDateKeys.indexOf(SourceColumns.PUBLISHED_AT.name());
    noDateLabels.remove(published);
    noDateKeys.remove(published);
    ExportCsv.Layout plain = new ExportCsv.Layout(';', StandardCharsets.UTF_8, true, eol, false);
    out.add(new Planned(fileName(last, "-sans-date-publication"), last, plain, noDateLabels, noDateKeys,
        () -> render(population, absences, last, new Mix(0.9, 0.0), false, new Random(stream(o.seed(), 3_003)),
            noDateKeys, 50),
        REJECT_MISSING_COLUMN, SourceColumns.PUBLISHED_AT.label()));

    List<String> twiceLabels = new ArrayList<>(labels);
    List<String> twiceKeys = new ArrayList<>(keys);
    twiceLabels.add(OLD_STATE_LABEL);
    twiceKeys.add(SourceColumns.STATE.name());
    out.add(new Planned(fileName(last, "-entete-en-double"), last, plain, twiceLabels, twiceKeys,
        () -> render(population, absences, last, new Mix(0.9, 0.0), false, new Random(stream(o.seed(), 3_004)),
            twiceKeys, 20),
        REJECT_DUPLICATE_COLUMN, SourceColumns.STATE.label()));

    out.add(new Planned(fileName(last, "-vide"), last, plain, List.of(), List.of(), List::of, REJECT_EMPTY, null));
    return out;
  }

  /** The header label an older export used for the column (aliases of docs/contract.md section 1). */
  static String oldLabel(Column c) {
    String label;
    if (c.equals(SourceColumns.STATE)) {
      label = OLD_STATE_LABEL;
    } else if (c.equals(SourceColumns.STATUS)) {
      label = c.label().replace('\'', '\u2019');
    } else if (SourceColumns.GENERAL_TAGS.contains(c)) {
      label = "Tags généraux " + c.label();
    } else if (c.equals(SourceColumns.FIRST_RESPONSE_AT)) {
      label = c.label().replace("è", "e");
    } else if (c.equals(SourceColumns.WRITTEN_AT)) {
      label = Vocabulary.stripAccents(c.label());
    } else if (c.name().startsWith("typology_name_")) {
      label = c.label().replace("Typologie", "typologie");
    } else {
      label = c.label();
    }
    if (!SourceColumns.byLabel(label).map(c::equals).orElse(false)) {
      throw new IllegalStateException("old header label '" + label + "' no longer names " + c.label());
    }
    return label;
  }

  private static List<Line> render(List<Experience> population, Absences absences, LocalDate date, Mix mix,
                                   boolean pluralDone, Random random, List<String> keys, int limit) {
    SnapshotRenderer renderer = new SnapshotRenderer(Population.cutoff(date), mix, pluralDone, random);
    List<Line> lines = new ArrayList<>();
    for (Experience e : population) {
      if (lines.size() >= limit || !renderer.visible(e) || absences.absent(e, date)) {
        continue;
      }
      SnapshotRenderer.Rendered record = renderer.render(e);
      List<String> fields = new ArrayList<>(keys.size());
      for (String k : keys) {
        String v = record.fields().get(k);
        if (v == null) {
          throw new IllegalStateException("no value rendered for column " + k);
        }
        fields.add(v);
      }
      lines.add(new Line(fields, record.tracked()));
    }
    return lines;
  }

  private static Summary write(Options o, List<Planned> planned) {
    Path dir = o.outputDir();
    try {
      Files.createDirectories(dir);
      deleteStale(dir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot prepare the output folder " + dir + ": " + e.getMessage(), e);
    }
    List<FileResult> results = new ArrayList<>();
    List<Object> filesJson = new ArrayList<>();
    List<Object> rejectedJson = new ArrayList<>();
    TreeSet<Long> accepted = new TreeSet<>();
    ExpectedHistory history = new ExpectedHistory();
    Map<Long, WinningRecord> winners = new TreeMap<>();
    long read = 0;
    long quarantinedTotal = 0;
    // One file at a time, in name order (the order the outcome below assumes): its lines are
    // rendered, written as a stream and accounted for, then dropped before the next file.
    for (Planned p : planned) {
      List<Line> lines = p.lines().get();
      Path path = dir.resolve(p.name());
      try {
        if (p.headerLabels().isEmpty()) {
          Files.write(path, new byte[0]);
        } else {
          ExportCsv.write(path, p.layout(), p.headerLabels(), lines.stream().map(l -> l.fields).toList());
        }
      } catch (IOException e) {
        throw new UncheckedIOException("cannot write " + path + ": " + e.getMessage(), e);
      }
      int records = (int) lines.stream().filter(l -> !l.isBlank()).count();
      if (p.rejection() != null) {
        results.add(new FileResult(p.name(), path, records, Map.of(), p.rejection()));
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("file", p.name());
        r.put("snapshot_date", p.snapshotDate().toString());
        r.put("reason", p.rejection());
        r.put("detail", p.rejectionDetail());
        r.put("records_written", records);
        rejectedJson.add(r);
        continue;
      }
      Outcome outcome = outcome(p, lines, accepted, winners);
      if (!o.nasty() && outcome.quarantined() > 0) {
        throw new IllegalStateException("generator bug: the clean file " + p.name() + " has "
            + outcome.quarantined() + " records the contract quarantines: " + outcome.quarantine());
      }
      read += records;
      quarantinedTotal += outcome.quarantined();
      results.add(new FileResult(p.name(), path, records, outcome.quarantine(), null));
      filesJson.add(fileJson(p, records, outcome));
      history.snapshot(p.snapshotDate(), lines, p.headerKeys().size(),
          p.headerKeys().indexOf(SourceColumns.EXPERIENCE_ID.name()),
          p.headerKeys().indexOf(SourceColumns.PUBLISHED_AT.name()));
    }
    Path expected = null;
    if (o.nasty()) {
      Map<String, Object> totals = new LinkedHashMap<>();
      totals.put("files_seen", planned.size());
      totals.put("files_ingested", planned.size() - rejectedJson.size());
      totals.put("files_rejected", rejectedJson.size());
      totals.put("records_read", read);
      totals.put("records_accepted", read - quarantinedTotal);
      totals.put("records_quarantined", quarantinedTotal);
      Map<String, Object> root = new LinkedHashMap<>();
      root.put("generator", SampleGenerator.class.getName());
      root.put("options", optionsJson(o));
      root.put("files", filesJson);
      root.put("rejected_files", rejectedJson);
      root.put("totals", totals);
      root.put("experiences", accepted.size());
      root.put("history", history.snapshots());
      List<Object> winnerIssues = winnerIssues(winners);
      root.put("invalid_ai_similarity", winnerIssues.stream().map(i -> (Map<?, ?>) i)
          .filter(i -> aiSimilarityLabels().contains(i.get("column")) && BadRecords.INVALID_NUMBER.equals(i.get("issue")))
          .count());
      root.put("data_quality_issues", winnerIssues);
      expected = dir.resolve(ExpectedReport.FILE_NAME);
      try {
        Files.writeString(expected, ExpectedReport.toJson(root), StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot write " + expected + ": " + e.getMessage(), e);
      }
    }
    return new Summary(dir, Collections.unmodifiableList(results), accepted.size(), expected);
  }

  /** The contract's verdict on each record of an accepted file. */
  private record Outcome(Map<String, Integer> quarantine, List<Object> quarantinedRecords,
                         List<Object> injectedIssues) {

    int quarantined() {
      return quarantine.values().stream().mapToInt(Integer::intValue).sum();
    }
  }

  /** The labels of the three "Taux de similarité réponse IA structure N" columns. */
  private static List<String> aiSimilarityLabels() {
    List<String> labels = new ArrayList<>();
    for (int n = 1; n <= SourceColumns.SLOTS; n++) {
      labels.add(SourceColumns.structure(n).aiSimilarity().label());
    }
    return labels;
  }

  /**
   * The record of an experience that wins so far (docs/contract.md section 1, "Which record wins"): the
   * latest snapshot date, then the file name that sorts last, then the last record of the file.
   */
  private record WinningRecord(LocalDate snapshotDate, String file, int recordNumber, List<Issue> issues) {}

  /**
   * The issues silver/data_quality_issues must list: those of the winning records only (an issue
   * injected into a record that a later snapshot replaced is not the experience's any more).
   */
  private static List<Object> winnerIssues(Map<Long, WinningRecord> winners) {
    List<Object> out = new ArrayList<>();
    winners.forEach((id, w) -> {
      for (Issue issue : w.issues()) {
        Map<String, Object> i = new LinkedHashMap<>();
        i.put("experience_id", id);
        i.put("source_file", w.file());
        i.put("column", issue.column());
        i.put("issue", issue.issue());
        i.put("raw_value", issue.rawValue());
        out.add(i);
      }
    });
    return out;
  }

  private static Outcome outcome(Planned p, List<Line> lines, TreeSet<Long> acceptedIds,
                                 Map<Long, WinningRecord> winners) {
    int headerSize = p.headerKeys().size();
    int idPos = p.headerKeys().indexOf(SourceColumns.EXPERIENCE_ID.name());
    int datePos = p.headerKeys().indexOf(SourceColumns.PUBLISHED_AT.name());
    Map<String, Integer> counts = new LinkedHashMap<>();
    for (String reason : ContractRules.REASONS) {
      counts.put(reason, 0);
    }
    List<Object> quarantined = new ArrayList<>();
    List<Object> issues = new ArrayList<>();
    int number = 0;
    for (Line line : lines) {
      if (line.isBlank()) {
        continue;
      }
      number++;
      String reason = ContractRules.quarantineReason(line.fields, headerSize, idPos, datePos);
      if (reason != null) {
        counts.merge(reason, 1, Integer::sum);
        Map<String, Object> q = new LinkedHashMap<>();
        q.put("record_number", number);
        q.put("reason", reason);
        q.put("id", idPos < line.fields.size() ? line.fields.get(idPos) : null);
        quarantined.add(q);
        continue;
      }
      OptionalLong id = ContractRules.experienceId(line.fields.get(idPos));
      acceptedIds.add(id.getAsLong());
      // Files come in name order and records in file order, so among records of one snapshot date
      // the one seen last is the winner.
      WinningRecord previous = winners.get(id.getAsLong());
      if (previous == null || !p.snapshotDate().isBefore(previous.snapshotDate())) {
        winners.put(id.getAsLong(), new WinningRecord(p.snapshotDate(), p.name(), number, List.copyOf(line.issues)));
      }
      for (Issue issue : line.issues) {
        Map<String, Object> i = new LinkedHashMap<>();
        i.put("record_number", number);
        i.put("experience_id", id.getAsLong());
        i.put("column", issue.column());
        i.put("issue", issue.issue());
        i.put("raw_value", issue.rawValue());
        issues.add(i);
      }
    }
    return new Outcome(Collections.unmodifiableMap(counts), quarantined, issues);
  }

  private static Map<String, Object> fileJson(Planned p, int records, Outcome outcome) {
    Map<String, Object> f = new LinkedHashMap<>();
    f.put("file", p.name());
    f.put("snapshot_date", p.snapshotDate().toString());
    f.put("encoding", p.encoding());
    f.put("separator", String.valueOf(p.layout().separator()));
    f.put("records", records);
    f.put("accepted", records - outcome.quarantined());
    f.put("quarantined", outcome.quarantined());
    f.put("quarantine", new LinkedHashMap<>(outcome.quarantine()));
    f.put("quarantined_records", outcome.quarantinedRecords());
    f.put("injected_issues", outcome.injectedIssues());
    return f;
  }

  private static Map<String, Object> optionsJson(Options o) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("experiences", o.experiences());
    m.put("snapshots", o.snapshots());
    m.put("first_snapshot", o.firstSnapshot().toString());
    m.put("days_between_snapshots", o.daysBetweenSnapshots());
    m.put("seed", o.seed());
    m.put("nasty", o.nasty());
    m.put("crlf", o.crlf());
    return m;
  }

  private static void deleteStale(Path dir) throws IOException {
    List<Path> stale = new ArrayList<>();
    try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
      for (Path f : files) {
        String name = f.getFileName().toString();
        boolean export = name.startsWith(FILE_PREFIX) && name.endsWith(".csv");
        if (Files.isRegularFile(f) && (export || name.equals(ExpectedReport.FILE_NAME))) {
          stale.add(f);
        }
      }
    }
    for (Path f : stale) {
      Files.delete(f);
    }
  }

  static String fileName(LocalDate date, String suffix) {
    return FILE_PREFIX + date + suffix + ".csv";
  }

  /** An independent random stream per purpose, so one file's choices never shift another's. */
  private static long stream(long seed, int purpose) {
    return seed ^ (purpose * 0x9E3779B97F4A7C15L);
  }
}
