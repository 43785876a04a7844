package fr.spplus.job;

import fr.spplus.lock.LockHolder;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.StandardOpenOption;
import java.util.Properties;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.Path;

/**
 * One run at a time per warehouse: a lock file ({@code _lock}) created atomically (create without
 * overwrite) at the start of a run and deleted at its end. A lock left by a run that was killed on
 * this host (its process is gone) is taken over; a lock held by a live process makes the second run
 * fail with a message naming the holder. Delta's own conflict detection remains the second line of
 * defence.
 *
 * <p>On a local warehouse the lock is created and read with java.nio, not Hadoop's local file
 * system: Hadoop's {@code create(path, false)} there checks for the file and then creates it, so two
 * runs starting together could both "create" it, and its checksummed read fails on a lock still
 * being written, which made the second run take that lock for stale and delete it. When a lock is
 * stale is {@link LockHolder#stale}'s rule, the landing folder's too: a lock whose content or pid
 * cannot be read is held, not stale.
 */
public final class WarehouseLock implements AutoCloseable {

  /** The lock file, relative to the warehouse root. */
  public static final String FILE_NAME = "_lock";

  private final FileSystem fs;
  private final Path path;

  private WarehouseLock(FileSystem fs, Path path) {
    this.fs = fs;
    this.path = path;
  }

  public static WarehouseLock acquire(String warehouse, String runId, Configuration conf) {
    Path path = new Path(warehouse, FILE_NAME);
    try {
      FileSystem fs = path.getFileSystem(conf);
      fs.mkdirs(path.getParent());
      for (int attempt = 0; attempt < 2; attempt++) {
        try (OutputStream out = createNew(fs, path)) {
          Properties p = LockHolder.current();
          p.setProperty("run_id", runId);
          p.store(out, "spplus run lock");
          return new WarehouseLock(fs, path);
        } catch (IOException exists) {
          Properties holder = read(fs, path);
          if (holder != null && !LockHolder.stale(holder)) {
            throw new WarehouseBusyException(warehouse, holder, path);
          }
          if (holder != null) {
            fs.delete(path, false);
          }
        }
      }
      throw new WarehouseBusyException(warehouse, read(fs, path), path);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the warehouse lock " + path + ": " + e.getMessage(), e);
    }
  }

  @Override
  public void close() {
    try {
      fs.delete(path, false);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot remove the warehouse lock " + path, e);
    }
  }

  /** Creates the file, failing when it exists, in one atomic step (O_EXCL on a local disk). */
  private static OutputStream createNew(FileSystem fs, Path path) throws IOException {
    if (fs instanceof LocalFileSystem local) {
      return Files.newOutputStream(local.pathToFile(path).toPath(), StandardOpenOption.CREATE_NEW,
          StandardOpenOption.WRITE);
    }
    return fs.create(path, false);
  }

  /**
   * The holder's properties; null when the lock is gone (its run just ended); empty properties
   * (a holder that is not stale) when the lock exists but cannot be read, e.g. while being written.
   */
  private static Properties read(FileSystem fs, Path path) {
    Properties p = new Properties();
    try (InputStream in = fs instanceof LocalFileSystem local
        ? Files.newInputStream(local.pathToFile(path).toPath()) : fs.open(path)) {
      p.load(new java.io.InputStreamReader(in, StandardCharsets.ISO_8859_1));
      return p;
    } catch (FileNotFoundException | NoSuchFileException gone) {
      return null;
    } catch (IOException | IllegalArgumentException unreadable) {
      return new Properties();
    }
  }

  /** Another live run holds the warehouse. */
  public static final class WarehouseBusyException extends RuntimeException {
    WarehouseBusyException(String warehouse, Properties holder, Path path) {
      super("warehouse " + warehouse + " is in use by run "
          + (holder == null ? "?" : holder.getProperty("run_id", "?"))
          + " (pid " + (holder == null ? "?" : holder.getProperty(LockHolder.PID, "?")) + " on "
          + (holder == null ? "?" : holder.getProperty(LockHolder.HOST, "?")) + ", started "
          + (holder == null ? "?" : holder.getProperty(LockHolder.STARTED_AT, "?"))
          + "); wait for it to finish, or delete " + path + " if no run is active");
    }
  }
}
