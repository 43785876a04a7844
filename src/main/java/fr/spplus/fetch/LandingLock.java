package fr.spplus.fetch;

import fr.spplus.lock.LockHolder;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.NoSuchFileException;
import java.time.Duration;
import java.util.Properties;
import java.util.function.Consumer;

/**
 * One fetch at a time per landing folder: a lock file ({@code _fetch.lock}, which {@code run}
 * ignores as it ignores every name starting with {@code _}) created with create-if-absent, like the
 * warehouse's {@code _lock}. A second fetch waits for it to go (then finds the export already
 * there: "up to date"), up to a bound; a lock left by a fetch killed on this host (its process is
 * gone) is taken over ({@link LockHolder#stale}, the warehouse lock's rule too): a lock whose content
 * or pid cannot be read (being written) is held, not stale.
 */
final class LandingLock implements AutoCloseable {

  static final String NAME = "_fetch.lock";
  private static final long POLL_MILLIS = 100;

  private final Landing landing;

  private LandingLock(Landing landing) {
    this.landing = landing;
  }

  static LandingLock acquire(Landing landing, Duration wait, Consumer<String> say) {
    long deadline = System.nanoTime() + wait.toNanos();
    boolean announced = false;
    while (true) {
      try (OutputStream out = landing.createNew(NAME)) {
        LockHolder.current().store(out, "spplus fetch lock");
        return new LandingLock(landing);
      } catch (FileAlreadyExistsException | org.apache.hadoop.fs.FileAlreadyExistsException held) {
        Properties holder = read(landing);
        if (LockHolder.stale(holder)) {
          say.accept("taking over the lock of a fetch that is gone (pid " + holder.getProperty(LockHolder.PID) + "): "
              + landing.pathOf(NAME));
          deleteQuietly(landing);
          continue;
        }
        if (System.nanoTime() > deadline) {
          throw new FetchFailure(landing.location(), "another fetch holds " + landing.pathOf(NAME)
              + describe(holder) + " and did not finish within " + RetryPolicy.seconds(wait)
              + " (--lock-wait); delete the lock if no fetch is running");
        }
        if (!announced) {
          say.accept("waiting for another fetch into the same folder" + describe(holder));
          announced = true;
        }
        sleep(landing);
      } catch (IOException e) {
        throw new FetchFailure(landing.location(), "cannot create the lock " + landing.pathOf(NAME) + ": "
            + e.getMessage(), e);
      }
    }
  }

  @Override
  public void close() {
    deleteQuietly(landing);
  }

  private static void deleteQuietly(Landing landing) {
    try {
      landing.delete(NAME);
    } catch (IOException e) {
      throw new FetchFailure(landing.location(), "cannot remove the lock " + landing.pathOf(NAME) + ": "
          + e.getMessage(), e);
    }
  }

  private static String describe(Properties holder) {
    if (holder == null || holder.getProperty(LockHolder.PID) == null) {
      return "";
    }
    return " (pid " + holder.getProperty(LockHolder.PID) + " on " + holder.getProperty(LockHolder.HOST, "?") + ", since "
        + holder.getProperty(LockHolder.STARTED_AT, "?") + ")";
  }

  /** The holder; null when the lock is gone; empty (held) when it cannot be read yet. */
  private static Properties read(Landing landing) {
    Properties p = new Properties();
    try (InputStream in = landing.open(NAME)) {
      p.load(new InputStreamReader(in, StandardCharsets.ISO_8859_1));
      return p;
    } catch (NoSuchFileException | java.io.FileNotFoundException gone) {
      return null;
    } catch (IOException | IllegalArgumentException unreadable) {
      return new Properties();
    }
  }

  private static void sleep(Landing landing) {
    try {
      Thread.sleep(POLL_MILLIS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new FetchFailure(landing.location(), "interrupted while waiting for the lock");
    }
  }
}
