package fr.spplus.sample;

import java.time.LocalDate;
import java.util.List;
import java.util.Random;

/**
 * Experiences that leave the platform after publication (moderation takes them down, the author
 * withdraws them) and, most of them, come back: an exported snapshot then lacks them for a while.
 * This is what gives the history its {@code removed} and {@code reappeared} versions.
 *
 * <p>Decided per experience from the seed and its id alone, with its own random stream, so that
 * the rest of the population and of each file's choices does not move, and a streaming writer can
 * ask about one experience at a time. An experience only leaves after it has been in at least one
 * regular snapshot, so every experience of the population appears somewhere; the extra files of
 * the nasty mode (dated before the first snapshot) show everyone published by then.
 */
final class Absences {

  /** Share of experiences that leave once. */
  static final double LEAVING_SHARE = 0.04;
  /** Share of those that never come back. */
  static final double NEVER_BACK_SHARE = 0.3;

  private final long seed;
  private final List<LocalDate> snapshots;

  /** @param snapshots the regular snapshot dates, ascending */
  Absences(long seed, List<LocalDate> snapshots) {
    this.seed = seed;
    this.snapshots = List.copyOf(snapshots);
  }

  /** The absences of the generation's regular snapshots. */
  static Absences of(SampleGenerator.Options o) {
    LocalDate[] dates = new LocalDate[o.snapshots()];
    for (int i = 0; i < dates.length; i++) {
      dates[i] = o.snapshotDate(i);
    }
    return new Absences(o.seed(), List.of(dates));
  }

  /**
   * Whether the experience is missing from the export of {@code date}: it left before that date's
   * cutoff and had not come back by then. It leaves between two regular snapshots after its first
   * one, and comes back one or two snapshots later, or never.
   */
  boolean absent(Experience e, LocalDate date) {
    int at = snapshots.indexOf(date);
    if (at < 0) {
      return false;
    }
    int first = 0;
    while (first < snapshots.size() && !e.publishedAt().isBefore(Population.cutoff(snapshots.get(first)))) {
      first++;
    }
    int later = snapshots.size() - first - 1;
    Random r = new Random(seed ^ 0x5DEECE66DL ^ (e.id() * 0x9E3779B97F4A7C15L));
    if (later < 1 || r.nextDouble() >= LEAVING_SHARE) {
      return false;
    }
    int leaves = first + 1 + r.nextInt(later);
    int back = r.nextDouble() < NEVER_BACK_SHARE ? Integer.MAX_VALUE : leaves + 1 + r.nextInt(2);
    return at >= leaves && at < back;
  }
}
