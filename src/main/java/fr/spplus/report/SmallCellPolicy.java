package fr.spplus.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.function.ToLongFunction;

/**
 * Which figures the report withholds, so that no published figure describes fewer than K
 * experiences:
 *
 * <ol>
 *   <li>a gold row flagged small_cell by its run, or describing fewer than K experiences (the
 *       report's K, which may be stricter than the run's), is withheld;
 *   <li>where the page also shows the total a set of rows adds up to (regions and the overall
 *       number of experiences; months and their region's total), a withheld row could be recovered
 *       by subtraction. The smallest shown rows are then withheld as well, until what is withheld
 *       adds up to 0 or to at least K experiences;
 *   <li>a rate is shown only when its denominator reaches K (conversion: rated negative
 *       experiences), whatever the row's size.
 * </ol>
 */
final class SmallCellPolicy {

  private final int k;

  SmallCellPolicy(int k) {
    if (k < 1) {
      throw new IllegalArgumentException("the minimum cell size must be at least 1, got " + k
          + " (--min-cell-size K or gold.min_cell_size in the configuration file)");
    }
    this.k = k;
  }

  int k() {
    return k;
  }

  /** Rule 1: flagged by the run, or fewer than K experiences. */
  boolean small(long experiences, boolean flagged) {
    return flagged || experiences < k;
  }

  /** Rule 3: enough cases for a rate to be shown. */
  boolean enough(long denominator) {
    return denominator >= k;
  }

  /** What the page writes in place of a withheld figure: "&lt; K". */
  String mark() {
    return "< " + k;
  }

  /**
   * Rules 1 and 2 over rows that add up to a total the page shows.
   *
   * @param primary the rows withheld for their own size
   * @return the rows withheld: the primary ones, plus the smallest others needed so that the
   *     withheld rows add up to 0 or at least K
   */
  <T> Withheld<T> againstTotal(List<T> rows, ToLongFunction<T> experiences, Predicate<T> primary) {
    Set<T> withheld = new LinkedHashSet<>();
    List<T> shown = new ArrayList<>();
    long hidden = 0;
    for (T row : rows) {
      if (primary.test(row)) {
        withheld.add(row);
        hidden += experiences.applyAsLong(row);
      } else {
        shown.add(row);
      }
    }
    Set<T> complementary = new LinkedHashSet<>();
    shown.sort(Comparator.comparingLong(experiences));
    for (T row : shown) {
      if (hidden == 0 || hidden >= k) {
        break;
      }
      complementary.add(row);
      withheld.add(row);
      hidden += experiences.applyAsLong(row);
    }
    return new Withheld<>(withheld, complementary);
  }

  /**
   * Rows withheld from a set that adds up to a shown total.
   *
   * @param rows every withheld row
   * @param companions those withheld only to protect another (rule 2)
   */
  record Withheld<T>(Set<T> rows, Set<T> companions) {

    boolean contains(T row) {
      return rows.contains(row);
    }

    /** How many rows are withheld only to protect another. */
    int complementary() {
      return companions.size();
    }

    /** These rows as counted on the page. */
    Tally tally() {
      return new Tally(rows.size() - companions.size(), companions.size());
    }
  }

  /**
   * How many figures a section withholds, as the page states them: for their own size (rule 1, and
   * rows hidden with a region withheld for its size), and only to protect another (rule 2).
   */
  record Tally(int forSize, int complementary) {

    static final Tally NONE = new Tally(0, 0);

    static Tally forSize(int n) {
      return new Tally(n, 0);
    }

    Tally plus(Tally other) {
      return new Tally(forSize + other.forSize, complementary + other.complementary);
    }
  }
}
