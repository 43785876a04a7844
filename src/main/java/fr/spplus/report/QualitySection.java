package fr.spplus.report;

import static fr.spplus.report.Html.attr;
import static fr.spplus.report.Html.count;
import static fr.spplus.report.Html.text;
import static fr.spplus.report.Html.when;

import fr.spplus.report.Charts.CountBar;
import fr.spplus.report.ReportData.FileSummary;
import fr.spplus.report.ReportData.RunSummary;
import fr.spplus.report.SmallCellPolicy.Tally;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The data quality of the last run (audit/runs, audit/files): its counters, quarantined records by
 * reason and every file of the run that last ingested or rejected files. About files and records,
 * not people: nothing is withheld.
 *
 * @param filesRun the run whose files are listed, or null when no run ingested or rejected a file
 * @param reasons quarantined records by reason over those files, most first
 */
record QualitySection(RunSummary run, RunSummary filesRun, List<CountBar> reasons, List<FileSummary> files)
    implements ReportSection {

  static QualitySection of(ReportData data, SmallCellPolicy policy, ShownRegions regions) {
    Map<String, Long> byReason = new TreeMap<>();
    for (FileSummary f : data.files()) {
      f.quarantinedByReason().forEach((reason, n) -> byReason.merge(reason, n, Long::sum));
    }
    List<CountBar> reasons = byReason.entrySet().stream().filter(e -> e.getValue() > 0)
        .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
        .map(e -> new CountBar(e.getKey(), e.getValue())).toList();
    return new QualitySection(data.run(), data.qualityRun(), reasons, data.files());
  }

  @Override
  public Tally tally() {
    return Tally.NONE;
  }

  @Override
  public String html() {
    StringBuilder b = new StringBuilder("<section class=\"card\" id=\"section-data-quality\">")
        .append("<h2>Data quality of the last run</h2><p class=\"lede\">Run <code>").append(text(run.runId()))
        .append("</code>, started ").append(text(when(run.startedAt()))).append(", status <span class=\"badge ")
        .append(attr(run.status())).append("\">").append(text(run.status())).append("</span>.</p>");
    b.append("<div class=\"tiles small\" id=\"run-figures\">")
        .append(Cards.tile("run-files-seen", "Files seen", count(run.filesSeen()), ""))
        .append(Cards.tile("run-files-ingested", "Ingested", count(run.filesIngested()), ""))
        .append(Cards.tile("run-files-skipped", "Skipped", count(run.filesSkipped()), "already ingested"))
        .append(Cards.tile("run-files-rejected", "Rejected", count(run.filesRejected()), ""))
        .append(Cards.tile("run-records-read", "Records read", count(run.recordsRead()), ""))
        .append(Cards.tile("run-records-accepted", "Accepted", count(run.recordsAccepted()), ""))
        .append(Cards.tile("run-records-quarantined", "Quarantined", count(run.recordsQuarantined()), ""))
        .append(Cards.tile("run-experiences", "Experiences in silver", count(run.experiences()), ""))
        .append("</div>");
    if (filesRun == null) {
      return b.append("<p class=\"note\">No run has ingested or rejected a file yet.</p></section>").toString();
    }
    if (!filesRun.runId().equals(run.runId())) {
      b.append("<p class=\"note\">Run <code>").append(text(run.runId())).append("</code> found no new file. The ")
          .append("files below are those of run <code>").append(text(filesRun.runId())).append("</code> (")
          .append(text(when(filesRun.startedAt()))).append("), the last run that ingested or rejected files.</p>");
    }
    b.append("<h3>Quarantined records by reason</h3><figure>")
        .append(Charts.counts("chart-quarantine-reasons", "Quarantined records by reason", reasons,
            Charts.QUARANTINE))
        .append("</figure>");
    List<List<String>> rows = files.stream().map(f -> List.of(f.sourceFile(), Objects.toString(f.status(), ""),
        f.snapshotDate() == null ? "" : f.snapshotDate().toString(), Objects.toString(f.encoding(), ""),
        f.recordsRead() == null ? "" : count(f.recordsRead()),
        f.recordsAccepted() == null ? "" : count(f.recordsAccepted()),
        f.recordsQuarantined() == null ? "" : count(f.recordsQuarantined()),
        f.quarantinedByReason().entrySet().stream().filter(e -> e.getValue() > 0)
            .map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining(", ")),
        Objects.toString(f.rejectionReason(), ""))).toList();
    long rejected = files.stream().filter(f -> "rejected".equals(f.status())).count();
    b.append("<h3>Files (").append(count(files.size())).append(", ").append(count(rejected))
        .append(" rejected)</h3>")
        .append(Cards.table("table-files", List.of("File", "Status", "Snapshot", "Encoding", "Read", "Accepted",
            "Quarantined", "Quarantine reasons", "Rejection reason"), rows, true))
        .append("<p class=\"source\">Sources: audit/runs, audit/files.</p></section>");
    return b.toString();
  }
}
