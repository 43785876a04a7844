package fr.spplus.lock;

import java.io.IOException;
import java.net.InetAddress;
import java.time.Instant;
import java.util.Optional;
import java.util.Properties;

/**
 * Who holds a lock file, and the one rule for a lock left behind. A run's {@code _lock} in the
 * warehouse ({@code job.WarehouseLock}) and a fetch's {@code _fetch.lock} in the landing folder
 * ({@code fetch.LandingLock}) both store their holder as {@link #HOST}, {@link #PID} and
 * {@link #STARTED_AT} properties, and both ask {@link #stale} before taking a lock over.
 */
public final class LockHolder {

  public static final String HOST = "host";
  public static final String PID = "pid";
  public static final String STARTED_AT = "started_at";

  private LockHolder() {}

  /** This process as a lock's holder: this host's name, this process id, now. */
  public static Properties current() {
    Properties p = new Properties();
    p.setProperty(HOST, host());
    p.setProperty(PID, Long.toString(ProcessHandle.current().pid()));
    p.setProperty(STARTED_AT, Instant.now().toString());
    return p;
  }

  /**
   * Whether the holder is gone, so that its lock may be taken over: only when the lock names this
   * host and, as a number, a process id that no live process of this host has (a run or fetch
   * killed here). Everything else is held:
   * <ul>
   *   <li>another host's lock: its process cannot be checked from here;</li>
   *   <li>a lock whose pid cannot be read (missing, empty, not a number), or whose content cannot
   *       be read at all (no properties): our own code always writes the three properties at once,
   *       so such a lock was either caught while being written (a reader can see the file before
   *       its content) or written by something else. Taking it over could let two runs write one
   *       warehouse, or two fetches one landing folder, at once; leaving it costs a person
   *       deleting it, which the busy lock's message says how to do.</li>
   * </ul>
   * The two locks used to differ on a pid that is not a number (stale for the warehouse, held for
   * the landing folder) and both took over a lock without a pid: held, the safe answer, is now the
   * rule for both.
   */
  public static boolean stale(Properties holder) {
    if (holder == null || !host().equals(holder.getProperty(HOST))) {
      return false;
    }
    Optional<Long> pid = pid(holder);
    return pid.isPresent() && ProcessHandle.of(pid.get()).map(h -> !h.isAlive()).orElse(true);
  }

  /** The holder's process id, when the lock states one as a whole positive number. */
  static Optional<Long> pid(Properties holder) {
    String text = holder.getProperty(PID);
    if (text == null || !text.strip().matches("[0-9]{1,18}")) {
      return Optional.empty();
    }
    long pid = Long.parseLong(text.strip());
    return pid > 0 ? Optional.of(pid) : Optional.empty();
  }

  /** This host's name as locks record it. */
  public static String host() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (IOException e) {
      return "unknown-host";
    }
  }
}
