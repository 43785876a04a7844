package fr.spplus.sample;

import fr.spplus.source.ClosedLists;
import fr.spplus.source.ClosedLists.ValueList;
import fr.spplus.source.SourceColumns;
import fr.spplus.source.SourceColumns.Column;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * The nasty mode: every kind of bad record the contract names, a few of each, put into one
 * snapshot file's records.
 *
 * <p>Two kinds of damage. Records added to the file (copies of real records with a broken id, a
 * field too many or too few, duplicates, blank lines) and real records altered in place (a
 * publication date that does not parse, ids with leading zeros or spaces, values outside the
 * closed lists, counts that are not counts, unknown channels, other dates that do not parse). The
 * quarantine reason of each record is not decided here: {@link ContractRules} derives it from the
 * fields as written. The data-quality issues injected into accepted records are noted on their line.
 */
final class BadRecords {

  /**
   * One line of a file being built: a record's fields, or null for a blank line, and the tracked
   * attributes the generator meant it to carry (null for a blank line; a copy carries its source's).
   */
  static final class Line {
    final List<String> fields;
    final Tracked tracked;
    final List<Issue> issues = new ArrayList<>();

    Line(List<String> fields, Tracked tracked) {
      this.fields = fields;
      this.tracked = tracked;
    }

    static Line blank() {
      return new Line(null, null);
    }

    boolean isBlank() {
      return fields == null;
    }
  }

  /** A data-quality issue deliberately put into a record: official column label, issue kind, cell text. */
  record Issue(String column, String issue, String rawValue) {}

  static final String UNKNOWN_VALUE = "unknown_value";
  static final String UNPARSEABLE_DATE = "unparseable_date";
  static final String INVALID_NUMBER = "invalid_number";

  /** Ids that are not BIGINTs: letters, a sign, just past the range, far past it, a spreadsheet error. */
  static final List<String> INVALID_IDS =
      List.of("12a", "-5", "9223372036854775808", "99999999999999999999", "#N/A");
  /** Publication dates that do not parse: empty, impossible day, impossible month, a word, hour 25. */
  static final List<String> INVALID_DATES = List.of("", "31/02/2024", "2024-13-01", "hier", "12/03/2024 25:10");

  private final List<Line> lines;
  private final List<String> keys;
  private final Random r;
  /** Lines already altered: one alteration per real record keeps each expected outcome simple. */
  private final Set<Line> touched = Collections.newSetFromMap(new IdentityHashMap<>());

  private BadRecords(List<Line> lines, List<String> headerKeys, Random random) {
    this.lines = new ArrayList<>(lines);
    this.keys = headerKeys;
    this.r = random;
  }

  /** The file's lines with the bad records in; the input lines may be altered in place. */
  static List<Line> inject(List<Line> lines, List<String> headerKeys, Random random) {
    BadRecords b = new BadRecords(lines, headerKeys, random);
    b.alterRealRecords();
    b.addRecords();
    return Collections.unmodifiableList(b.lines);
  }

  private void alterRealRecords() {
    int id = pos(SourceColumns.EXPERIENCE_ID);
    alter(l -> true, l -> l.fields.set(id, "00" + l.fields.get(id)));
    alter(l -> true, l -> l.fields.set(id, "000" + l.fields.get(id)));
    alter(l -> true, l -> l.fields.set(id, " " + l.fields.get(id) + " "));
    for (String date : INVALID_DATES) {
      alter(l -> true, l -> l.fields.set(pos(SourceColumns.PUBLISHED_AT), date));
    }

    unknown(SourceColumns.STATE, ClosedLists.STATE, "En cours", l -> true);
    unknown(SourceColumns.STATUS, ClosedLists.STATUS, "Expérience clôturée", l -> true);
    unknown(SourceColumns.POSTED_AS, ClosedLists.POSTED_AS, "Un voisin", l -> true);
    unknown(SourceColumns.SENTIMENT, ClosedLists.SENTIMENT, "Très négatif", l -> true);
    SourceColumns.StructureSlot s1 = SourceColumns.structure(1);
    unknown(s1.responseStatus(), ClosedLists.RESPONSE_STATUS, "Réponse supprimée", l -> has(l, s1.id()));
    unknown(s1.authorRating(), ClosedLists.AUTHOR_RATING, "moyen", l -> has(l, s1.id()));
    unknown(SourceColumns.TAG_ACCESSIBILITY, ClosedLists.TAG_VALENCE, "Mitigé", l -> true);
    unknown(SourceColumns.OUT_OF_SCOPE, ClosedLists.BOOLEAN, "Peut-être", l -> true);
    unknown(SourceColumns.IMPROVEMENT, ClosedLists.BOOLEAN, "Bof", l -> true);

    invalidNumber(SourceColumns.SIMILAR_EXPERIENCES, "-1", l -> true);
    invalidNumber(SourceColumns.SIMILAR_EXPERIENCES, "2.5", l -> true);
    invalidNumber(s1.usefulVotes(), "1e3", l -> has(l, s1.id()));
    invalidNumber(s1.uselessVotes(), "99999999999", l -> has(l, s1.id()));
    // AI similarity: a decimal comma, above 100, below 0, not a number (docs/contract.md section 7).
    for (String bad : List.of("85,5", "120", "-3", "n/a")) {
      invalidNumber(s1.aiSimilarity(), bad, l -> has(l, s1.id()));
    }

    Column channels = SourceColumns.typology(1).channels();
    alter(l -> has(l, channels), l -> {
      String cell = l.fields.get(pos(channels)) + ", Fax";
      l.fields.set(pos(channels), cell);
      l.issues.add(new Issue(channels.label(), UNKNOWN_VALUE, "Fax"));
    });
    alter(l -> has(l, SourceColumns.typology(1).id()), l -> {
      l.fields.set(pos(channels), "Pigeon voyageur|Courrier|Minitel");
      l.issues.add(new Issue(channels.label(), UNKNOWN_VALUE, "Pigeon voyageur"));
      l.issues.add(new Issue(channels.label(), UNKNOWN_VALUE, "Minitel"));
    });

    unparseable(SourceColumns.WRITTEN_AT, "30/02/2024 10:00", l -> true);
    unparseable(SourceColumns.FIRST_RESPONSE_AT, "bientôt", l -> true);
  }

  private void addRecords() {
    int id = pos(SourceColumns.EXPERIENCE_ID);
    int published = pos(SourceColumns.PUBLISHED_AT);
    int description = pos(SourceColumns.DESCRIPTION);
    // A description with an unquoted ';': one field too many, as a hand-edited export would have.
    add(copy -> {
      copy.set(description, "Dossier bloqué depuis des mois");
      copy.add(description + 1, "aucune réponse à mes relances.");
    });
    // Truncated line: the last field is missing.
    add(copy -> copy.remove(copy.size() - 1));
    // A trailing separator and no id: malformed comes first in the order of checks.
    add(copy -> {
      copy.set(id, "");
      copy.add("");
    });
    add(copy -> copy.set(id, ""));
    add(copy -> copy.set(id, "   "));
    // No id and no date: missing_id comes before invalid_published_at.
    add(copy -> {
      copy.set(id, "");
      copy.set(published, "hier");
    });
    for (String bad : INVALID_IDS) {
      add(copy -> copy.set(id, bad));
    }
    add(copy -> {
      copy.set(id, "12b");
      copy.set(published, "");
    });
    // The same experience twice in one file; the later line wins, so it differs visibly.
    int similar = pos(SourceColumns.SIMILAR_EXPERIENCES);
    for (int k = 0; k < 2; k++) {
      Line original = free(l -> true);
      if (original == null) {
        continue;
      }
      touched.add(original);
      List<String> copy = new ArrayList<>(original.fields);
      copy.set(similar, Integer.toString(Integer.parseInt(copy.get(similar)) + 1));
      int index = lines.indexOf(original);
      Line dup = new Line(copy, original.tracked);
      touched.add(dup);
      lines.add(index + 1 + r.nextInt(lines.size() - index), dup);
    }
    for (int k = 0; k < 2; k++) {
      lines.add(1 + r.nextInt(Math.max(1, lines.size())), Line.blank());
    }
  }

  private void unknown(Column column, ValueList list, String value, Predicate<Line> eligible) {
    if (list.byKey().containsKey(ClosedLists.key(value))) {
      throw new IllegalStateException("'" + value + "' is in the closed list " + list.name()
          + ": pick another unknown value for the nasty sample");
    }
    alter(eligible, l -> {
      l.fields.set(pos(column), value);
      l.issues.add(new Issue(column.label(), UNKNOWN_VALUE, value));
    });
  }

  private void invalidNumber(Column column, String value, Predicate<Line> eligible) {
    alter(eligible, l -> {
      l.fields.set(pos(column), value);
      l.issues.add(new Issue(column.label(), INVALID_NUMBER, value));
    });
  }

  private void unparseable(Column column, String value, Predicate<Line> eligible) {
    if (ContractRules.parseableDate(value)) {
      throw new IllegalStateException("'" + value + "' parses: pick another bad date for the nasty sample");
    }
    alter(eligible, l -> {
      l.fields.set(pos(column), value);
      l.issues.add(new Issue(column.label(), UNPARSEABLE_DATE, value));
    });
  }

  /** Applies the change to one real record not altered yet; skipped when the file has none left. */
  private void alter(Predicate<Line> eligible, Consumer<Line> change) {
    Line l = free(eligible);
    if (l != null) {
      touched.add(l);
      change.accept(l);
    }
  }

  /** Adds a copy of a random real record, changed, at a random place. */
  private void add(Consumer<List<String>> change) {
    List<Line> real = new ArrayList<>();
    for (Line l : lines) {
      if (!l.isBlank() && !touched.contains(l)) {
        real.add(l);
      }
    }
    if (real.isEmpty()) {
      return;
    }
    Line source = real.get(r.nextInt(real.size()));
    List<String> copy = new ArrayList<>(source.fields);
    change.accept(copy);
    Line added = new Line(copy, source.tracked);
    touched.add(added);
    lines.add(r.nextInt(lines.size() + 1), added);
  }

  private Line free(Predicate<Line> eligible) {
    List<Line> candidates = new ArrayList<>();
    for (Line l : lines) {
      if (!l.isBlank() && !touched.contains(l) && eligible.test(l)) {
        candidates.add(l);
      }
    }
    return candidates.isEmpty() ? null : candidates.get(r.nextInt(candidates.size()));
  }

  private boolean has(Line l, Column c) {
    return !l.fields.get(pos(c)).isEmpty();
  }

  private int pos(Column c) {
    int i = keys.indexOf(c.name());
    if (i < 0) {
      throw new IllegalStateException("the nasty sample needs the column " + c.label() + " in the header");
    }
    return i;
  }
}
