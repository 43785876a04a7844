package fr.spplus.testing;

import java.util.List;

/**
 * JVM options of the tests' short-lived child JVMs that run Spark (job runs, a standalone
 * cluster's JVMs): C1 only, since C2's compiler threads would compete with the run for the two
 * cores, with the code cache that tiered compilation gets by default. C1 alone gets 48 MB, which one
 * run's compiled Spark code can fill: the JVM then stops compiling ("CodeCache is full"), and may
 * fail the run when it cannot make an adapter ("Out of space in CodeCache for adapters"). And the
 * serial collector: one GC thread. The unit tier's JVM gets the same two compiler options
 * (pom.xml, {@code spplus.unit.jvm}).
 */
public final class QuickJvm {

  public static final List<String> OPTIONS = List.of("-XX:TieredStopAtLevel=1", "-XX:ReservedCodeCacheSize=240m",
      "-XX:+UseSerialGC");

  private QuickJvm() {}
}
