package fr.spplus.report;

import static fr.spplus.report.Html.count;
import static fr.spplus.report.Html.percent;

import fr.spplus.report.Charts.BacklogColumn;
import fr.spplus.report.ReportData.BacklogRow;
import fr.spplus.report.SmallCellPolicy.Tally;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The backlog over time (gold/response_backlog): at each snapshot, the experiences present and not
 * answered (open), and those open for more than 30 days, all regions together. The regions' rows
 * are summed (they add up within a snapshot), so a region flagged small_cell still counts in its
 * snapshot's total; a snapshot whose experiences present are fewer than K is withheld as a whole.
 * Nothing else on the page adds up to these totals, so withholding one snapshot protects it.
 *
 * @param snapshots one per snapshot, oldest first (withheld ones carry no figure)
 * @param tableAbsent the warehouse has no gold/response_backlog (written before the history tables)
 * @param withheld how many snapshots are withheld for their size
 */
record BacklogSection(List<Snapshot> snapshots, boolean tableAbsent, int withheld, int k) implements ReportSection {

  private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMM yyyy", Locale.UK);

  /** The national backlog at one snapshot: the sums over its regions. */
  record Snapshot(LocalDate date, long present, long open, long openOver7Days, long openOver30Days,
                  boolean withheld) {}

  static BacklogSection of(ReportData data, SmallCellPolicy policy, ShownRegions regions) {
    if (data.backlog() == null) {
      return new BacklogSection(List.of(), true, 0, policy.k());
    }
    Map<LocalDate, long[]> sums = new TreeMap<>();
    for (BacklogRow r : data.backlog()) {
      long[] s = sums.computeIfAbsent(r.snapshot(), d -> new long[4]);
      s[0] += r.present();
      s[1] += r.open();
      s[2] += r.openOver7Days();
      s[3] += r.openOver30Days();
    }
    List<Snapshot> snapshots = new ArrayList<>();
    int withheld = 0;
    for (Map.Entry<LocalDate, long[]> e : sums.entrySet()) {
      long[] s = e.getValue();
      boolean small = policy.small(s[0], false);
      withheld += small ? 1 : 0;
      snapshots.add(small ? new Snapshot(e.getKey(), 0, 0, 0, 0, true)
          : new Snapshot(e.getKey(), s[0], s[1], s[2], s[3], false));
    }
    return new BacklogSection(List.copyOf(snapshots), false, withheld, policy.k());
  }

  @Override
  public Tally tally() {
    return Tally.forSize(withheld);
  }

  @Override
  public String html() {
    String title = "The backlog over time";
    String source = "Source: gold/response_backlog.";
    if (tableAbsent) {
      return Cards.section("section-backlog", title,
          "This warehouse has no gold/response_backlog: it was written by a version of the job from before the "
              + "history across snapshots. The next spplus run of this version that ingests an export builds the "
              + "history from bronze (every export ingested so far), and this chart with it.",
          "<p class=\"note\" id=\"backlog-absent\">No backlog table in this warehouse.</p>", "", source);
    }
    List<BacklogColumn> columns = snapshots.stream()
        .map(s -> new BacklogColumn(s.date().format(DAY), s.open(), s.openOver30Days(), s.present(), s.withheld()))
        .toList();
    List<List<String>> rows = snapshots.stream().map(s -> s.withheld()
        ? List.of(s.date().toString(), "< " + k, "withheld", "withheld", "withheld", "")
        : List.of(s.date().toString(), count(s.present()), count(s.open()), count(s.openOver7Days()),
            count(s.openOver30Days()), percent(s.open() == 0 ? null : (double) s.openOver30Days() / s.open())))
        .toList();
    return Cards.section("section-backlog", title,
        "Open experiences (present on the platform and not answered, as each export showed them) at each "
            + "snapshot, the date of an ingested export, all regions together; the darker part has been open for "
            + "more than 30 days (published more than 30 days before the snapshot's midnight, Paris time). "
            + "Snapshots with fewer than K = " + k + " experiences present are withheld (" + count(withheld)
            + ").",
        snapshots.isEmpty() ? Cards.empty() : Charts.backlog("chart-backlog", columns),
        Cards.table("table-backlog", List.of("Snapshot", "Present", "Open", "Open over 7 days", "Open over 30 days",
            "Share of the open over 30 days"), rows),
        source);
  }
}
