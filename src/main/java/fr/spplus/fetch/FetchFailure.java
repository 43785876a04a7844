package fr.spplus.fetch;

/**
 * A fetch that cannot succeed by trying again: its message is the one line a scheduler's log
 * shows, naming the address and the reason. Exit code 1.
 */
public final class FetchFailure extends RuntimeException {

  public FetchFailure(String address, String reason) {
    super(address + ": " + reason);
  }

  public FetchFailure(String address, String reason, Throwable cause) {
    super(address + ": " + reason, cause);
  }
}
