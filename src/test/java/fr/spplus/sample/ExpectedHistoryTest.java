package fr.spplus.sample;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import fr.spplus.sample.BadRecords.Issue;
import fr.spplus.sample.BadRecords.Line;
import fr.spplus.source.SourceColumns;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The generator's restatement of the history rules (docs/contract.md section 6) on hand-written
 * files of two columns, id and publication date. Each count below is worked out by hand.
 */
class ExpectedHistoryTest {

  private static final LocalDate D1 = LocalDate.of(2024, 3, 1);
  private static final LocalDate D2 = LocalDate.of(2024, 3, 31);
  private static final LocalDate D3 = LocalDate.of(2024, 4, 30);
  private static final LocalDate D4 = LocalDate.of(2024, 5, 30);

  private static final Tracked WAITING =
      new Tracked(Vocabulary.STATE_TODO, Vocabulary.STATUS_WAITING, null, 0, 0, 0);
  private static final Tracked ANSWERED = new Tracked(Vocabulary.STATE_TODO, Vocabulary.STATUS_ANSWERED,
      Instant.parse("2024-03-10T09:30:00Z"), 1, 0, 0);
  private static final Tracked ANSWERED_DONE = new Tracked(Vocabulary.STATE_DONE, Vocabulary.STATUS_ANSWERED,
      Instant.parse("2024-03-10T09:30:00Z"), 1, 0, 0);
  private static final Tracked CLOSED = new Tracked(Vocabulary.STATE_DONE, Vocabulary.STATUS_WAITING, null, 0, 0, 0);

  private static Line accepted(long id, Tracked tracked) {
    return new Line(new ArrayList<>(List.of(Long.toString(id), "01/03/2024 10:00")), tracked);
  }

  /** Quarantined as invalid_published_at: its id is valid, so it sees the experience. */
  private static Line badDate(long id, Tracked tracked) {
    return new Line(new ArrayList<>(List.of(Long.toString(id), "hier")), tracked);
  }

  /** Quarantined as invalid_id: it sees nothing. */
  private static Line badId() {
    return new Line(new ArrayList<>(List.of("12a", "01/03/2024 10:00")), WAITING);
  }

  private static Map<String, Object> counts(LocalDate date, LocalDate previous, long... values) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("snapshot_date", date.toString());
    m.put("previous_snapshot_date", previous == null ? null : previous.toString());
    String[] names = {"present", "published", "changed", "removed", "reappeared", "newly_answered"};
    for (int i = 0; i < names.length; i++) {
      m.put(names[i], values[i]);
    }
    return m;
  }

  private static void feed(ExpectedHistory history, LocalDate date, Line... lines) {
    history.snapshot(date, Arrays.asList(lines), 2, 0, 1);
  }

  @Test
  void versionsPerSnapshotAsTheContractDefinesThem() {
    ExpectedHistory history = new ExpectedHistory();
    // d1: e1, e2 waiting, e3 closed without response: 3 published. e4 is seen only through a record
    // whose publication date does not parse: no observation, nothing for e4. A bad id sees nothing.
    feed(history, D1, accepted(1, WAITING), accepted(2, WAITING), accepted(3, CLOSED), badDate(4, WAITING),
        badId(), Line.blank());
    // d2: e1 unchanged (extends); e2 answered: changed and newly answered; e3 not seen: removed;
    // e5 published; e4 still seen only through a bad date. Present e1, e2, e5 = 3 = 3 + 1 + 0 − 1.
    feed(history, D2, accepted(1, WAITING), accepted(2, ANSWERED), accepted(5, WAITING), badDate(4, WAITING));
    // d3: e1 seen only through a bad date: no observation, not absent, its version goes on;
    // e2 twice in the file, the last record wins (now Traitées): changed, answered before so not newly;
    // e3 back, answered: reappeared, not newly answered (absent at d2); e5 not seen: removed.
    // Present e1, e2, e3 = 3 = 3 + 0 + 1 − 1.
    feed(history, D3, badDate(1, WAITING), accepted(2, ANSWERED), accepted(3, ANSWERED_DONE),
        accepted(2, ANSWERED_DONE));
    // d4: e1's state is an unknown spelling: read as null, a change; e2, e3 unchanged; e5 still away.
    Line unknownState = accepted(1, WAITING);
    unknownState.issues.add(new Issue(SourceColumns.STATE.label(), BadRecords.UNKNOWN_VALUE, "En cours"));
    feed(history, D4, unknownState, accepted(2, ANSWERED_DONE), accepted(3, ANSWERED_DONE));

    assertEquals(List.of(
        counts(D1, null, 3, 3, 0, 0, 0, 0),
        counts(D2, D1, 3, 1, 1, 1, 0, 1),
        counts(D3, D2, 3, 0, 1, 1, 1, 0),
        counts(D4, D3, 3, 0, 1, 0, 0, 0)), history.snapshots());
  }

  @Test
  void issuesTakeTheirAttributeOutAndOnlyThat() {
    Tracked full = new Tracked(Vocabulary.STATE_DONE, Vocabulary.STATUS_ANSWERED,
        Instant.parse("2024-03-10T09:30:00Z"), 0b011, 0b011, 0b001);
    SourceColumns.StructureSlot s1 = SourceColumns.structure(1);
    assertEquals(new Tracked(Vocabulary.STATE_DONE, Vocabulary.STATUS_ANSWERED, null, 0b010, 0b010, 0b000),
        full.afterIssues(List.of(
            new Issue(SourceColumns.FIRST_RESPONSE_AT.label(), BadRecords.UNPARSEABLE_DATE, "bientôt"),
            new Issue(s1.responseStatus().label(), BadRecords.UNKNOWN_VALUE, "Réponse supprimée"),
            new Issue(s1.authorRating().label(), BadRecords.UNKNOWN_VALUE, "moyen"),
            new Issue(s1.usefulVotes().label(), BadRecords.INVALID_NUMBER, "1e3"))));
    // answered(e): the state alone (Traitées) still answers when the first response date is lost.
    assertEquals(true, full.afterIssues(List.of(
        new Issue(SourceColumns.FIRST_RESPONSE_AT.label(), BadRecords.UNPARSEABLE_DATE, "bientôt"))).answered());
    assertEquals(false, full.afterIssues(List.of(
        new Issue(SourceColumns.FIRST_RESPONSE_AT.label(), BadRecords.UNPARSEABLE_DATE, "bientôt"),
        new Issue(SourceColumns.STATE.label(), BadRecords.UNKNOWN_VALUE, "En cours"))).answered());
  }

  @Test
  void snapshotsMustComeInDateOrder() {
    ExpectedHistory history = new ExpectedHistory();
    feed(history, D2, accepted(1, WAITING));
    assertThrows(IllegalStateException.class, () -> feed(history, D1, accepted(1, WAITING)));
  }
}
