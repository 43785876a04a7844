package fr.spplus.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;

import fr.spplus.job.WarehouseLock;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two runs taking the warehouse lock at the same instant: exactly one gets it. Before the lock was
 * created atomically, Hadoop's local create (check, then create) and its checksummed read of a lock
 * being written let both through about once in 300 tries; this test makes 400.
 */
class WarehouseLockRaceTest {

  @TempDir
  Path dir;

  @Test
  void exactlyOneOfTwoSimultaneousRunsGetsTheLock() throws Exception {
    Configuration conf = new Configuration();
    ExecutorService pool = Executors.newFixedThreadPool(2);
    int both = 0;
    int none = 0;
    int trials = 400;
    try {
      for (int t = 0; t < trials; t++) {
        String warehouse = dir.resolve("w" + t).toString();
        CyclicBarrier start = new CyclicBarrier(2);
        Callable<WarehouseLock> take = () -> {
          start.await();
          try {
            return WarehouseLock.acquire(warehouse, Thread.currentThread().getName(), conf);
          } catch (WarehouseLock.WarehouseBusyException busy) {
            return null;
          }
        };
        Future<WarehouseLock> a = pool.submit(take);
        Future<WarehouseLock> b = pool.submit(take);
        WarehouseLock la = a.get();
        WarehouseLock lb = b.get();
        both += la != null && lb != null ? 1 : 0;
        none += la == null && lb == null ? 1 : 0;
      }
    } finally {
      pool.shutdownNow();
    }
    assertEquals(0, both, "both runs got the lock");
    assertEquals(0, none, "neither run got the lock");
  }
}
