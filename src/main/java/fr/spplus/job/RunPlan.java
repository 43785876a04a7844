package fr.spplus.job;

import fr.spplus.audit.FileLedger;
import fr.spplus.source.ExportFile;
import fr.spplus.source.FileProbe;
import fr.spplus.source.ProbedFile;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;

/**
 * Which of the discovered files a run ingests, skips or rejects.
 *
 * @param seen the files discovered
 * @param toIngest probed and readable, new or with a content the ledger does not know
 * @param skipped already ingested with the same content
 * @param rejected unreadable (encoding, separator, header), with the reason
 */
record RunPlan(int seen, List<ProbedFile> toIngest, List<ExportFile> skipped, List<ProbedFile> rejected) {

  static RunPlan of(List<ExportFile> files, Map<String, FileLedger.Entry> known, FileProbe.Overrides overrides,
                    Configuration hadoopConf) {
    List<ProbedFile> toIngest = new ArrayList<>();
    List<ProbedFile> rejected = new ArrayList<>();
    List<ExportFile> skipped = new ArrayList<>();
    // A file whose name, size and modification time match its ledger entry is the file already
    // ingested: skipping it unread keeps a daily run's cost independent of the history's length.
    List<ExportFile> unchanged = files.stream().filter(f -> unchanged(f, known.get(f.name()))).toList();
    skipped.addAll(unchanged);
    // Probing reads each file once (hash, encoding): files are probed in parallel, results kept in order.
    List<ProbedFile> probes = files.stream().filter(f -> !unchanged.contains(f)).toList().parallelStream()
        .map(f -> FileProbe.probe(f, hadoopConf, overrides)).toList();
    for (ProbedFile probed : probes) {
      ExportFile f = probed.file();
      FileLedger.Entry previous = known.get(f.name());
      if (probed.rejected()) {
        rejected.add(probed);
      } else if (previous != null && previous.contentHash().equals(probed.contentHash())) {
        skipped.add(f);
      } else {
        toIngest.add(probed);
      }
    }
    return new RunPlan(files.size(), toIngest, skipped, rejected);
  }

  private static boolean unchanged(ExportFile f, FileLedger.Entry previous) {
    return previous != null && previous.sizeBytes() == f.sizeBytes()
        && previous.modifiedAt().toInstant().equals(f.modifiedAt());
  }
}
