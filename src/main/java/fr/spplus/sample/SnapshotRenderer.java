package fr.spplus.sample;

import static fr.spplus.source.SourceColumns.AUTHOR_PSEUDONYM;
import static fr.spplus.source.SourceColumns.COUNTRY;
import static fr.spplus.source.SourceColumns.DEPARTMENT_CODE;
import static fr.spplus.source.SourceColumns.DEPARTMENT_NAME;
import static fr.spplus.source.SourceColumns.DESCRIPTION;
import static fr.spplus.source.SourceColumns.EXPERIENCE_ID;
import static fr.spplus.source.SourceColumns.FIRST_RESPONSE_AT;
import static fr.spplus.source.SourceColumns.GENERAL_TAGS;
import static fr.spplus.source.SourceColumns.IMPROVEMENT;
import static fr.spplus.source.SourceColumns.OUT_OF_SCOPE;
import static fr.spplus.source.SourceColumns.POSTED_AS;
import static fr.spplus.source.SourceColumns.PROCEDURES_ENTERED;
import static fr.spplus.source.SourceColumns.PUBLISHED_AT;
import static fr.spplus.source.SourceColumns.REGION_CODE;
import static fr.spplus.source.SourceColumns.REGION_NAME;
import static fr.spplus.source.SourceColumns.SENTIMENT;
import static fr.spplus.source.SourceColumns.SIMILAR_EXPERIENCES;
import static fr.spplus.source.SourceColumns.STATE;
import static fr.spplus.source.SourceColumns.STATUS;
import static fr.spplus.source.SourceColumns.TITLE;
import static fr.spplus.source.SourceColumns.WRITTEN_AT;

import fr.spplus.sample.DateShapes.Mix;
import fr.spplus.sample.DateShapes.Shape;
import fr.spplus.sample.Experience.StructureSlot;
import fr.spplus.sample.Experience.TypologySlot;
import fr.spplus.source.ClosedLists;
import fr.spplus.source.SourceColumns;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;

/**
 * Renders an experience as one export record at a snapshot's cutoff: which responses have arrived,
 * the state and status they imply, votes and ratings so far, each date in one of the file's shapes.
 *
 * <p>The record is a map from bronze key (a known column's snake_case name, or an unknown column's
 * label) to the cell text; the file's header decides which keys are written, in which order.
 */
final class SnapshotRenderer {

  /** An unknown column recent exports carry; the job keeps it in bronze and ignores it. */
  static final String INTERNAL_ID = "Identifiant interne";

  /** The header labels of a generated export, in column order: every known column, then {@link #INTERNAL_ID}. */
  static List<String> headerLabels() {
    return header(SourceColumns.Column::label);
  }

  /** The key of each header column, in the same order: the column's name, then {@link #INTERNAL_ID}. */
  static List<String> headerKeys() {
    return header(SourceColumns.Column::name);
  }

  private static List<String> header(Function<SourceColumns.Column, String> of) {
    List<String> out = new ArrayList<>(SourceColumns.KNOWN.stream().map(of).toList());
    out.add(INTERNAL_ID);
    return List.copyOf(out);
  }

  private static final long DAY = 86_400;

  private final Instant cutoff;
  private final Mix dates;
  private final String doneSpelling;
  private final Random r;

  /**
   * @param pluralDone older exports write the processed state {@code Traitées}, current ones {@code Traitée}
   * @param random the file's own generator: the same experience may be spelled differently in another file
   */
  SnapshotRenderer(Instant cutoff, Mix dates, boolean pluralDone, Random random) {
    this.cutoff = cutoff;
    this.dates = dates;
    this.doneSpelling = pluralDone ? Vocabulary.STATE_DONE : Vocabulary.STATE_DONE_CURRENT;
    this.r = random;
  }

  /**
   * One record: its cells by key, and its tracked attributes as the generator wrote them.
   */
  record Rendered(Map<String, String> fields, Tracked tracked) {}

  boolean visible(Experience e) {
    return e.publishedAt().isBefore(cutoff);
  }

  Rendered render(Experience e) {
    Map<String, String> row = new LinkedHashMap<>();
    boolean iso = dates.iso(r);
    // The platform keeps response times to the minute (its French exports show no seconds): written
    // with seconds in one shape and without in another, the same response would read as a change of
    // the history. Rounded up, so that a response given on publication is not read as earlier.
    Instant firstResponse = nextMinute(e.firstResponseBefore(cutoff));
    boolean closed = e.closedAt() != null && e.closedAt().isBefore(cutoff);
    String state = firstResponse != null || closed ? Vocabulary.STATE_DONE : Vocabulary.STATE_TODO;
    String status = status(e, firstResponse);

    put(row, EXPERIENCE_ID, Long.toString(e.id()));
    put(row, STATE, firstResponse != null || closed
        ? Vocabulary.variant(ClosedLists.STATE, doneSpelling, 0.03, r)
        : Vocabulary.variant(ClosedLists.STATE, Vocabulary.STATE_TODO, 0.04, r));
    put(row, STATUS, status);
    put(row, WRITTEN_AT, dates.shape(iso, true, r).format(e.writtenAt()));
    put(row, PUBLISHED_AT, dates.shape(iso, false, r).format(e.publishedAt()));
    put(row, TITLE, e.title());
    put(row, DESCRIPTION, e.description());
    put(row, POSTED_AS, e.postedAs());
    put(row, SENTIMENT, e.sentiment());
    put(row, DEPARTMENT_CODE, e.department() == null ? "" : e.department().code());
    put(row, DEPARTMENT_NAME, e.department() == null ? "" : e.department().name());
    put(row, REGION_NAME, e.region() == null || e.departmentCodeOnly() ? "" : e.region().name());
    put(row, REGION_CODE, e.region() == null ? "" : e.region().code());
    put(row, COUNTRY, e.country());
    for (int n = 1; n <= SourceColumns.SLOTS; n++) {
      typology(row, SourceColumns.typology(n), e.typologies().get(n - 1));
    }
    put(row, OUT_OF_SCOPE, e.outOfScopeSpelling());
    for (int n = 1; n <= SourceColumns.SLOTS; n++) {
      structure(row, SourceColumns.structure(n), e.structures().get(n - 1));
    }
    for (int i = 0; i < GENERAL_TAGS.size(); i++) {
      put(row, GENERAL_TAGS.get(i), e.generalTags().get(i));
    }
    put(row, SIMILAR_EXPERIENCES, Integer.toString(grown(e.similarFinal(), e.publishedAt(), 120)));
    put(row, IMPROVEMENT, e.improvement() && firstResponse != null ? Vocabulary.YES : e.noImprovementSpelling());
    Shape firstResponseShape = firstResponse == null ? null : dates.shape(iso, false, r);
    put(row, FIRST_RESPONSE_AT, firstResponse == null ? "" : firstResponseShape.format(firstResponse));
    put(row, PROCEDURES_ENTERED, e.proceduresEntered());
    put(row, AUTHOR_PSEUDONYM, e.pseudonym());
    row.put(INTERNAL_ID, e.internalId());
    return new Rendered(row, tracked(e, state, status,
        firstResponse == null ? null : firstResponseShape.asRead(firstResponse)));
  }

  /** The tracked attributes of the record: the slot masks from the slots' timelines at the cutoff. */
  private Tracked tracked(Experience e, String state, String status, Instant firstResponseAsRead) {
    int answered = 0;
    int rated = 0;
    int useful = 0;
    for (int n = 0; n < SourceColumns.SLOTS; n++) {
      StructureSlot slot = e.structures().get(n);
      if (slot == null) {
        continue;
      }
      if (Tracked.ANSWERED_STATUSES.contains(responseStatus(slot))) {
        answered |= 1 << n;
      }
      if (rated(slot)) {
        rated |= 1 << n;
        if (Vocabulary.RATING_USEFUL_SPELLINGS.contains(slot.rating())) {
          useful |= 1 << n;
        }
      }
    }
    return new Tracked(state, status, firstResponseAsRead, answered, rated, useful);
  }

  private String status(Experience e, Instant firstResponse) {
    if (firstResponse == null) {
      return Vocabulary.STATUS_WAITING;
    }
    if (e.actionDoneAt() != null && e.actionDoneAt().isBefore(cutoff)) {
      return Vocabulary.STATUS_ACTION_DONE;
    }
    if (e.actionEngagedAt() != null && e.actionEngagedAt().isBefore(cutoff)) {
      return Vocabulary.STATUS_ACTION_ENGAGED;
    }
    return Vocabulary.STATUS_ANSWERED;
  }

  private static void typology(Map<String, String> row, SourceColumns.TypologySlot cols, TypologySlot slot) {
    put(row, cols.id(), slot == null ? "" : slot.typology().id());
    put(row, cols.name(), slot == null ? "" : slot.name());
    put(row, cols.postalCode(), slot == null ? "" : slot.postalCode());
    put(row, cols.country(), slot == null ? "" : slot.country());
    put(row, cols.channels(), slot == null ? "" : slot.channelsCell());
    put(row, cols.businessTags(), slot == null ? "" : slot.businessTagsCell());
  }

  private void structure(Map<String, String> row, SourceColumns.StructureSlot cols, StructureSlot slot) {
    if (slot == null) {
      for (SourceColumns.Column c : cols.columns()) {
        put(row, c, "");
      }
      return;
    }
    put(row, cols.id(), slot.structure().id());
    put(row, cols.name(), slot.name());
    boolean answered = responded(slot);
    String status = responseStatus(slot);
    put(row, cols.responseStatus(), status);
    put(row, cols.usefulVotes(), answered ? Integer.toString(grown(slot.usefulFinal(), slot.respondedAt(), 60)) : "");
    put(row, cols.uselessVotes(),
        answered ? Integer.toString(grown(slot.uselessFinal(), slot.respondedAt(), 60)) : "");
    put(row, cols.authorRating(), rated(slot) ? slot.rating() : "");
    boolean shown = answered && !Vocabulary.RESPONSE_UNPUBLISHED.equals(status);
    put(row, cols.responseText(), shown ? slot.answer() : "");
    put(row, cols.aiSimilarity(), shown && slot.aiSimilarity() != null ? slot.aiSimilarity().toString() : "");
  }

  /** The instant if it is a whole minute, else the next whole minute; null stays null. */
  private static Instant nextMinute(Instant t) {
    if (t == null) {
      return null;
    }
    Instant minute = t.truncatedTo(ChronoUnit.MINUTES);
    return minute.equals(t) ? t : minute.plus(1, ChronoUnit.MINUTES);
  }

  private boolean responded(StructureSlot slot) {
    return slot.respondedAt() != null && slot.respondedAt().isBefore(cutoff);
  }

  /** The slot's response status at the cutoff. */
  private String responseStatus(StructureSlot slot) {
    if (responded(slot)) {
      return slot.finalStatusAt() != null && slot.finalStatusAt().isBefore(cutoff)
          ? slot.finalStatus() : Vocabulary.RESPONSE_GIVEN;
    }
    return slot.validationAt() != null && slot.validationAt().isBefore(cutoff)
        ? Vocabulary.RESPONSE_PENDING_VALIDATION : Vocabulary.RESPONSE_WAITING;
  }

  private boolean rated(StructureSlot slot) {
    return slot.ratedAt() != null && slot.ratedAt().isBefore(cutoff);
  }

  /** A count that grows linearly from 0 at {@code since} to {@code target} after {@code days} days. */
  private int grown(int target, Instant since, int days) {
    long age = Duration.between(since, cutoff).getSeconds();
    if (age <= 0) {
      return 0;
    }
    return (int) (target * StrictMath.min(1.0, age / (double) (days * DAY)));
  }

  private static void put(Map<String, String> row, SourceColumns.Column column, String value) {
    row.put(column.name(), value);
  }
}
