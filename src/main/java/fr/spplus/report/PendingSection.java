package fr.spplus.report;

import static fr.spplus.report.Html.count;
import static fr.spplus.report.Html.hours;
import static fr.spplus.report.Html.percent;

import fr.spplus.report.Charts.PendingBar;
import fr.spplus.report.ReportData.StructureKpi;
import fr.spplus.report.SmallCellPolicy.Tally;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * The structures with the most pending experiences (gold/kpi_by_structure), among those with at
 * least K experiences.
 *
 * @param top at most {@link #TOP} structures with pending experiences, most pending first
 * @param shown how many structures have at least K experiences (and no small_cell flag)
 * @param small how many are withheld for their size
 */
record PendingSection(List<StructureKpi> top, int shown, int small, int k) implements ReportSection {

  static final int TOP = 15;

  static PendingSection of(ReportData data, SmallCellPolicy policy, ShownRegions regions) {
    List<StructureKpi> shown = new ArrayList<>();
    for (StructureKpi s : data.structures()) {
      if (!policy.small(s.experiences(), s.smallCell())) {
        shown.add(s);
      }
    }
    List<StructureKpi> top = shown.stream().filter(s -> s.pending() > 0)
        .sorted(Comparator.comparingLong(StructureKpi::pending).reversed()
            .thenComparing(Comparator.comparingLong(StructureKpi::experiences).reversed())
            .thenComparing(s -> Objects.toString(s.name(), "")))
        .limit(TOP).toList();
    return new PendingSection(top, shown.size(), data.structures().size() - shown.size(), policy.k());
  }

  @Override
  public Tally tally() {
    return Tally.forSize(small);
  }

  @Override
  public String html() {
    List<PendingBar> bars = top.stream()
        .map(s -> new PendingBar(name(s), s.id(), s.pending(), s.experiences())).toList();
    List<List<String>> rows = top.stream().map(s -> List.of(s.id(), name(s), count(s.experiences()),
        count(s.answered()), count(s.pending()), percent(s.responseRate()), hours(s.medianDelayHours()))).toList();
    return Cards.section("section-pending", "Structures with the most pending experiences",
        "Pending = experiences linked to the structure − experiences it answered (its own response status). The "
            + TOP + " structures with the most, among the " + count(shown) + " with at least K = "
            + k + " experiences (" + count(small) + " smaller ones withheld).",
        Charts.pendingStructures("chart-pending-structures", bars),
        Cards.table("table-pending", List.of("Structure id", "Structure", "Experiences", "Answered", "Pending",
            "Response rate", "Median delay"), rows),
        "Source: gold/kpi_by_structure.");
  }

  private static String name(StructureKpi s) {
    return s.name() == null || s.name().isBlank() ? "(no name) " + s.id() : s.name();
  }
}
