package fr.spplus.sample;

import fr.spplus.sample.BadRecords.Line;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.Set;

/**
 * The history counts of docs/contract.md section 6 per snapshot (present, published, changed,
 * removed, reappeared, newly answered), worked out from what the generator wrote: which records
 * it wrote in each accepted file, which of them the contract quarantines ({@link ContractRules}),
 * and the tracked attributes it meant each record to carry ({@link Tracked}). The section's rules
 * are restated here, apart from the job's code, so that expected.json is a second opinion.
 *
 * <p>Fed one accepted file per snapshot, in date order (the generator writes one accepted file per
 * date). It keeps the current version of every experience, nothing per snapshot, so its memory
 * grows with the experiences, not with the snapshots.
 */
final class ExpectedHistory {

  /** The current version of an experience: its attributes, or null once it is removed. */
  private final Map<Long, Tracked> current = new HashMap<>();
  private final List<Map<String, Object>> snapshots = new ArrayList<>();
  private LocalDate previous;

  /**
   * Takes the accepted file of the next snapshot.
   *
   * @param lines its lines as written (blank lines included)
   * @param headerSize the number of fields of its header
   * @param idPosition the header position of the experience id
   * @param publishedPosition the header position of the publication date
   */
  void snapshot(LocalDate date, List<Line> lines, int headerSize, int idPosition, int publishedPosition) {
    if (previous != null && !date.isAfter(previous)) {
      throw new IllegalStateException("generator bug: snapshot " + date + " after " + previous
          + " (the history is worked out one snapshot per date, in date order)");
    }
    // The observation of e at d is its last accepted record (one file per date: file order);
    // a record quarantined for its publication date still sees e.
    Map<Long, Tracked> observed = new HashMap<>();
    Set<Long> seen = new HashSet<>();
    for (Line line : lines) {
      if (line.isBlank()) {
        continue;
      }
      String reason = ContractRules.quarantineReason(line.fields, headerSize, idPosition, publishedPosition);
      if (reason == null) {
        long id = id(line, idPosition);
        if (line.tracked == null) {
          throw new IllegalStateException("generator bug: accepted record of experience " + id + " on " + date
              + " carries no tracked attributes");
        }
        observed.put(id, line.tracked.afterIssues(line.issues));
        seen.add(id);
      } else if (ContractRules.INVALID_PUBLISHED_AT.equals(reason)) {
        seen.add(id(line, idPosition));
      }
    }

    long published = 0;
    long changed = 0;
    long removed = 0;
    long reappeared = 0;
    long newlyAnswered = 0;
    Map<Long, Tracked> before = new HashMap<>(current);
    for (Map.Entry<Long, Tracked> o : observed.entrySet()) {
      long id = o.getKey();
      Tracked now = o.getValue();
      if (!before.containsKey(id)) {
        published++;
      } else if (before.get(id) == null) {
        reappeared++;
      } else if (!Objects.equals(before.get(id), now)) {
        changed++;
      }
      current.put(id, now);
      Tracked then = before.get(id);
      if (now.answered() && then != null && !then.answered()) {
        newlyAnswered++;
      }
    }
    for (Map.Entry<Long, Tracked> b : before.entrySet()) {
      if (b.getValue() != null && !seen.contains(b.getKey())) {
        removed++;
        current.put(b.getKey(), null);
      }
    }
    long present = current.values().stream().filter(Objects::nonNull).count();

    Map<String, Object> counts = new LinkedHashMap<>();
    counts.put("snapshot_date", date.toString());
    counts.put("previous_snapshot_date", previous == null ? null : previous.toString());
    counts.put("present", present);
    counts.put("published", published);
    counts.put("changed", changed);
    counts.put("removed", removed);
    counts.put("reappeared", reappeared);
    counts.put("newly_answered", newlyAnswered);
    snapshots.add(counts);
    previous = date;
  }

  /** One entry per snapshot, in date order, with the columns of gold/snapshot_activity. */
  List<Map<String, Object>> snapshots() {
    return List.copyOf(snapshots);
  }

  private static long id(Line line, int idPosition) {
    OptionalLong id = ContractRules.experienceId(line.fields.get(idPosition));
    return id.orElseThrow(() -> new IllegalStateException("generator bug: no valid id in " + line.fields));
  }
}
