package fr.spplus.report;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * What the report shows, as read from the warehouse: the gold rows it charts (gold tables are small
 * aggregates, collected to the driver) and the audit rows of the run they come from. Nothing here is
 * computed beyond reading; {@link SmallCellPolicy} and {@link ReportPage} decide what is shown.
 *
 * @param warehouse the warehouse root, as given
 * @param run the last run that finished (succeeded or partial): its gold is the one read
 * @param qualityRun the run whose files the data-quality section lists: {@code run}, or when that
 *     run found nothing new, the last finished run that ingested or rejected files (null if none)
 * @param failedAfter the latest run, when it failed after {@code run} (its error is reported), or null
 * @param goldMinCellSize the K with which the run that wrote the gold read here flagged small_cell
 *     (from its audit/runs options), or null when it did not record one
 * @param tableVersions the Delta version read of each table, by path ({@code gold/kpi_by_region} …)
 * @param files the audit/files rows of {@code qualityRun}
 * @param backlog the rows of gold/response_backlog, or null when the warehouse has no such table
 *     (written by a version of the job from before the history tables)
 * @param aiAnswers the rows of gold/ai_answer_quality
 */
record ReportData(String warehouse, RunSummary run, RunSummary qualityRun, RunSummary failedAfter,
                  Integer goldMinCellSize, Map<String, Long> tableVersions, List<RegionKpi> regions, List<RegionMonth> months,
                  List<StructureKpi> structures, List<TypologyKpi> typologies, List<TagShare> tags,
                  List<BusinessTagShare> businessTags, List<FileSummary> files, List<BacklogRow> backlog,
                  List<AiAnswers> aiAnswers) {

  /** A region is the pair (name, code); the code may be null. */
  record Region(String name, String code) {

    String label() {
      return name == null ? "" : name;
    }
  }

  /** A row of gold/kpi_by_region. */
  record RegionKpi(Region region, long experiences, long positive, long neutral, long negative, long answered,
                   Double responseRate, Double medianDelayHours, Double p90DelayHours, long negativeRated,
                   long negativeConverted, Double conversionRate, boolean smallCell) {}

  /** A row of gold/kpi_by_region_month. */
  record RegionMonth(Region region, LocalDate month, long experiences, long positive, long neutral, long negative,
                     boolean smallCell) {

    /** Experiences without a sentiment. */
    long unknown() {
      return experiences - positive - neutral - negative;
    }
  }

  /** A row of gold/kpi_by_structure. */
  record StructureKpi(String id, String name, long experiences, long answered, Double responseRate,
                      Double medianDelayHours, boolean smallCell) {

    long pending() {
      return experiences - answered;
    }
  }

  /** A row of gold/kpi_by_typology. */
  record TypologyKpi(String id, String name, long experiences, long answered, long negativeExperiences,
                     long negativeRated, long negativeConverted, Double conversionRate, boolean smallCell) {}

  /** A row of gold/tag_frequency_by_region. */
  record TagShare(Region region, String tag, String valence, long experiences, long regionExperiences, Double share,
                  boolean smallCell) {}

  /** A row of gold/business_tag_frequency_by_region. */
  record BusinessTagShare(Region region, String tag, long experiences, long regionExperiences, Double share,
                          boolean smallCell) {}

  /** A row of gold/response_backlog: one snapshot and region. */
  record BacklogRow(LocalDate snapshot, Region region, long present, long open, long openOver7Days,
                    long openOver30Days, boolean smallCell) {}
  /** A row of gold/ai_answer_quality: the answers of one month in one band of AI similarity. */
  record AiAnswers(LocalDate month, String band, long answers, long experiences, long rated, long useful,
                   long negativeRated, long negativeConverted, boolean smallCell) {}

  /** A row of audit/runs. */
  record RunSummary(String runId, Instant startedAt, Instant finishedAt, String status, long filesSeen,
                    long filesIngested, long filesSkipped, long filesRejected, long recordsRead,
                    long recordsAccepted, long recordsQuarantined, long experiences, String error) {

    boolean touchedFiles() {
      return filesIngested + filesRejected > 0;
    }
  }

  /** A row of audit/files. */
  record FileSummary(String sourceFile, String status, String rejectionReason, String encoding,
                     LocalDate snapshotDate, Long recordsRead, Long recordsAccepted, Long recordsQuarantined,
                     Map<String, Long> quarantinedByReason) {}
}
