package fr.spplus.report;

import fr.spplus.report.SmallCellPolicy.Tally;

/**
 * One card of the report, computed before anything is rendered: its figures already filtered by
 * the {@link SmallCellPolicy}, and the count of figures it withheld. {@link #html()} only draws
 * what was decided; it changes no counter and withholds nothing, so the order in which sections are
 * rendered cannot change the page.
 *
 * <p>A section is a record built by a static {@code of(ReportData, SmallCellPolicy, ShownRegions)}
 * (see {@link Factory}) and listed in {@link ReportModel#SECTIONS}; how to add one is in
 * docs/report.md, "Adding a section".
 */
interface ReportSection {

  /** The figures this section withholds, for their size and to protect another. */
  Tally tally();

  /** The card, from the figures decided when the section was computed. */
  String html();

  /** Computes a section from what was read and the policy (the shown regions are decided first). */
  @FunctionalInterface
  interface Factory {
    ReportSection of(ReportData data, SmallCellPolicy policy, ShownRegions regions);
  }
}
