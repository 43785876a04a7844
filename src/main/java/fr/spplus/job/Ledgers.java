package fr.spplus.job;

import fr.spplus.audit.FileLedger;
import fr.spplus.source.ProbedFile;
import java.sql.Date;
import java.sql.Timestamp;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Ledger entries (audit/files rows) for the files a run ingested or rejected. */
final class Ledgers {

  /** The key of the accepted count in a per-file count map. */
  static final String ACCEPTED = "_accepted";

  private Ledgers() {}

  static FileLedger.Entry ingested(String runId, ProbedFile f, boolean again, Map<String, Long> counts) {
    long accepted = counts.getOrDefault(ACCEPTED, 0L);
    Map<String, Long> byReason = new TreeMap<>(counts);
    byReason.remove(ACCEPTED);
    long quarantined = byReason.values().stream().mapToLong(Long::longValue).sum();
    return new FileLedger.Entry(runId, f.file().name(), f.file().path(), f.contentHash(), f.file().sizeBytes(),
        Timestamp.from(f.file().modifiedAt()), Date.valueOf(f.file().snapshotDate()), f.file().snapshotDateFrom(),
        f.encoding(), String.valueOf(f.separator()), f.header(), f.headerKeys(),
        again ? FileLedger.REINGESTED : FileLedger.INGESTED, null, accepted + quarantined, accepted, quarantined,
        byReason);
  }

  static FileLedger.Entry rejected(String runId, ProbedFile f) {
    return new FileLedger.Entry(runId, f.file().name(), f.file().path(), f.contentHash(), f.file().sizeBytes(),
        Timestamp.from(f.file().modifiedAt()), Date.valueOf(f.file().snapshotDate()), f.file().snapshotDateFrom(),
        f.encoding(), null, List.of(), List.of(), FileLedger.REJECTED, f.rejection(), null, null, null, null);
  }
}
