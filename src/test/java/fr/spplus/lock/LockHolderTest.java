package fr.spplus.lock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.spplus.job.WarehouseLock;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The one rule for a lock left behind ({@link LockHolder#stale}), case by case, and the warehouse
 * lock applying it (the landing lock's cases are in {@code FetchConcurrencyAndProxyTest}).
 */
class LockHolderTest {

  /** No process has this id: Linux's pid_max is at most 2^22 (4,194,304). */
  static final long NO_SUCH_PID = (1L << 22) + 1;

  static final String HERE = LockHolder.host();

  static Properties holder(String host, String pid) {
    Properties p = new Properties();
    if (host != null) {
      p.setProperty(LockHolder.HOST, host);
    }
    if (pid != null) {
      p.setProperty(LockHolder.PID, pid);
    }
    p.setProperty(LockHolder.STARTED_AT, "2026-12-03T06:30:00Z");
    return p;
  }

  @Test
  void onlyALockOfThisHostNamingAProcessThatIsGoneIsStale() {
    assertTrue(LockHolder.stale(holder(HERE, Long.toString(NO_SUCH_PID))), "a run killed on this host");
    assertFalse(LockHolder.stale(holder(HERE, Long.toString(ProcessHandle.current().pid()))), "a live holder");
    assertFalse(LockHolder.stale(holder("another-host.invalid", Long.toString(NO_SUCH_PID))),
        "another host's process cannot be checked from here");
  }

  @Test
  void aLockWhosePidOrContentCannotBeReadIsHeld() {
    for (String pid : new String[] {null, "", " ", "12ab", "-1", "0", "1.5", "99999999999999999999"}) {
      assertFalse(LockHolder.stale(holder(HERE, pid)), "pid '" + pid + "'");
    }
    assertFalse(LockHolder.stale(new Properties()), "a lock read before its content was written");
    assertFalse(LockHolder.stale(null), "no lock");
  }

  @Test
  void thisProcessAsAHolderIsNotStale() {
    Properties me = LockHolder.current();
    assertEquals(HERE, me.getProperty(LockHolder.HOST));
    assertEquals(Long.toString(ProcessHandle.current().pid()), me.getProperty(LockHolder.PID));
    assertFalse(LockHolder.stale(me));
  }

  @Test
  void theWarehouseLockTakesOverOnlyAStaleLock(@TempDir Path dir) throws IOException {
    Path unreadable = Files.createDirectories(dir.resolve("unreadable-pid"));
    String lock = "run_id=r0\nhost=" + HERE + "\npid=12ab\nstarted_at=2026-12-03T06:30:00Z\n";
    Files.writeString(unreadable.resolve(WarehouseLock.FILE_NAME), lock);
    WarehouseLock.WarehouseBusyException busy = assertThrows(WarehouseLock.WarehouseBusyException.class,
        () -> WarehouseLock.acquire(unreadable.toString(), "r1", new Configuration()));
    assertTrue(busy.getMessage().startsWith("warehouse " + unreadable + " is in use by run r0 (pid 12ab on " + HERE),
        busy.getMessage());
    assertEquals(lock, Files.readString(unreadable.resolve(WarehouseLock.FILE_NAME)), "the lock is left as it was");

    Path killed = Files.createDirectories(dir.resolve("killed"));
    Files.writeString(killed.resolve(WarehouseLock.FILE_NAME),
        "run_id=r0\nhost=" + HERE + "\npid=" + NO_SUCH_PID + "\nstarted_at=2026-12-03T06:30:00Z\n");
    try (WarehouseLock taken = WarehouseLock.acquire(killed.toString(), "r2", new Configuration())) {
      String now = Files.readString(killed.resolve(WarehouseLock.FILE_NAME));
      assertTrue(now.contains("run_id=r2") && now.contains("pid=" + ProcessHandle.current().pid()), now);
    }
    assertFalse(Files.exists(killed.resolve(WarehouseLock.FILE_NAME)), "released at the end");
  }
}
