package fr.spplus.fetch;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * Retries a request on transient failures with exponential backoff (the wait doubles after each
 * failure), or the wait the server asks for with {@code Retry-After}, within a number of attempts
 * and a deadline. A wait that would end past the deadline is not started: the fetch fails at once
 * with the last reason, so that a scheduler hears about it within {@code --max-time}.
 *
 * <p>No jitter: one client per landing folder, once a day, does not make a thundering herd.
 */
final class RetryPolicy {

  /** One attempt; it receives the time left before the deadline. */
  interface Attempt<T> {
    T run(Duration timeLeft) throws TransientFailure;
  }

  private final int attempts;
  private final Duration backoff;
  private final long deadlineNanos;
  private final long startNanos;
  private final Consumer<String> say;

  RetryPolicy(int attempts, Duration backoff, Duration maxTime, Consumer<String> say) {
    this.attempts = attempts;
    this.backoff = backoff;
    this.startNanos = System.nanoTime();
    this.deadlineNanos = startNanos + maxTime.toNanos();
    this.say = say;
  }

  Duration timeLeft() {
    return Duration.ofNanos(Math.max(0, deadlineNanos - System.nanoTime()));
  }

  /** Runs the attempt until it succeeds, or throws a FetchFailure naming the address and the last reason. */
  <T> T call(String address, Attempt<T> attempt) {
    TransientFailure last = null;
    int made = 0;
    for (int n = 1; n <= attempts; n++) {
      Duration left = timeLeft();
      if (left.isZero()) {
        break;
      }
      made = n;
      try {
        return attempt.run(left);
      } catch (TransientFailure e) {
        last = e;
      }
      if (n == attempts) {
        break;
      }
      Duration wait = last.retryAfter() != null ? last.retryAfter() : backoff.multipliedBy(1L << Math.min(n - 1, 20));
      if (wait.compareTo(timeLeft()) >= 0) {
        throw new FetchFailure(address, last.getMessage() + " (attempt " + n + " of " + attempts + "; the next wait, "
            + seconds(wait) + ", would pass --max-time " + seconds(Duration.ofNanos(deadlineNanos - startNanos)) + ")",
            last);
      }
      say.accept("attempt " + n + " of " + attempts + " failed: " + address + ": " + last.getMessage()
          + "; trying again in " + seconds(wait));
      sleep(address, wait);
    }
    String reason = last == null ? "--max-time reached before the first attempt" : last.getMessage();
    throw new FetchFailure(address, reason + " (gave up after " + made + " attempt" + (made == 1 ? "" : "s")
        + " in " + seconds(Duration.ofNanos(System.nanoTime() - startNanos)) + ")", last);
  }

  private static void sleep(String address, Duration wait) {
    try {
      Thread.sleep(wait.toMillis(), wait.toNanosPart() % 1_000_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new FetchFailure(address, "interrupted while waiting to try again");
    }
  }

  /**
   * The wait a {@code Retry-After} header asks for: a number of seconds, or an HTTP date (a date
   * in the past means now). Null when absent or unreadable (the backoff applies then).
   */
  static Duration retryAfter(String header, Instant now) {
    if (header == null || header.isBlank()) {
      return null;
    }
    String v = header.strip();
    if (v.chars().allMatch(Character::isDigit)) {
      try {
        return Duration.ofSeconds(Long.parseLong(v));
      } catch (NumberFormatException tooLong) {
        return null;
      }
    }
    try {
      Instant at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
      return at.isAfter(now) ? Duration.between(now, at) : Duration.ZERO;
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  static String seconds(Duration d) {
    return String.format(Locale.ROOT, "%.1f s", d.toNanos() / 1e9);
  }
}
