package fr.spplus.fetch;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.util.List;
import java.util.Locale;

/**
 * The landing folder: where fetch writes and what it may read. Two kinds: a local folder
 * ({@link LocalLanding}, java.nio: atomic create and an atomic rename that never replaces), and
 * any Hadoop file system URI ({@link HadoopLanding}: HDFS renames atomically; object stores copy).
 */
interface Landing {

  /** A regular file directly in the folder. */
  record Entry(String name, long size) {}

  /** The folder as given, for messages. */
  String location();

  /** The full address of one of its files, for messages and for the header check. */
  String pathOf(String name);

  void createFolder() throws IOException;

  List<Entry> list() throws IOException;

  boolean exists(String name) throws IOException;

  /** Creates the file, failing when it exists, in one step that two processes cannot both win. */
  OutputStream createNew(String name) throws IOException;

  InputStream open(String name) throws IOException;

  /** Makes {@code from} visible as {@code to}; fails, and leaves both as they were, when {@code to} exists. */
  void publish(String from, String to) throws IOException;

  /** Replaces {@code to} by {@code from} (the fetch record, which is ours to rewrite). */
  void replace(String from, String to) throws IOException;

  void delete(String name) throws IOException;

  /** A local path or {@code file:} URI is local; any other URI scheme goes through Hadoop. */
  static Landing of(String location) {
    int colon = location.indexOf("://");
    String scheme = colon > 0 ? location.substring(0, colon).toLowerCase(Locale.ROOT) : "";
    if (scheme.isEmpty()) {
      return new LocalLanding(java.nio.file.Path.of(location));
    }
    if (scheme.equals("file")) {
      return new LocalLanding(java.nio.file.Path.of(URI.create(location)));
    }
    return new HadoopLanding(location, new org.apache.hadoop.conf.Configuration());
  }
}
