package fr.spplus.sample;

import fr.spplus.sample.BadRecords.Issue;
import fr.spplus.source.SourceColumns;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * The tracked attributes of one written record (docs/contract.md section 6) as the generator knows
 * them: the values it meant, read back at the precision of the shape it wrote them in, minus what
 * the nasty mode broke. Values are canonical (a spelling variant is the same value); null is a
 * value that does not read (an unknown spelling, a date that does not parse) and equals null.
 *
 * <p>The slots are kept as bit masks (bit n − 1 for slot n) so that damage to one slot's cell
 * takes exactly that slot out of the counts.
 *
 * @param state the canonical state, or null
 * @param status the canonical status, or null
 * @param firstResponse the first response as it reads back, or null
 * @param answeredSlots slots whose response status is one of the answered statuses
 * @param ratedSlots slots with an author rating
 * @param usefulSlots slots rated useful
 */
record Tracked(String state, String status, Instant firstResponse, int answeredSlots, int ratedSlots,
               int usefulSlots) {

  /** The response statuses of an answered slot (docs/contract.md section 3). */
  static final Set<String> ANSWERED_STATUSES =
      Set.of(Vocabulary.RESPONSE_GIVEN, Vocabulary.RESPONSE_MODIFIED, Vocabulary.RESPONSE_ADOPTED);

  /** answered(e) of section 3 on these attributes: a first response, or the processed state. */
  boolean answered() {
    return firstResponse != null || Vocabulary.STATE_DONE.equals(state);
  }

  /**
   * The attributes once the record's injected issues are read: an unknown state or status, an
   * unknown response status or author rating in slot 1, a first response date that does not parse
   * (the other issues touch no tracked attribute).
   */
  Tracked afterIssues(List<Issue> issues) {
    Tracked t = this;
    SourceColumns.StructureSlot s1 = SourceColumns.structure(1);
    for (Issue issue : issues) {
      String column = issue.column();
      if (column.equals(SourceColumns.STATE.label())) {
        t = new Tracked(null, t.status, t.firstResponse, t.answeredSlots, t.ratedSlots, t.usefulSlots);
      } else if (column.equals(SourceColumns.STATUS.label())) {
        t = new Tracked(t.state, null, t.firstResponse, t.answeredSlots, t.ratedSlots, t.usefulSlots);
      } else if (column.equals(SourceColumns.FIRST_RESPONSE_AT.label())) {
        t = new Tracked(t.state, t.status, null, t.answeredSlots, t.ratedSlots, t.usefulSlots);
      } else if (column.equals(s1.responseStatus().label())) {
        t = new Tracked(t.state, t.status, t.firstResponse, t.answeredSlots & ~1, t.ratedSlots, t.usefulSlots);
      } else if (column.equals(s1.authorRating().label())) {
        t = new Tracked(t.state, t.status, t.firstResponse, t.answeredSlots, t.ratedSlots & ~1, t.usefulSlots & ~1);
      }
    }
    return t;
  }
}
