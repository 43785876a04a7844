package fr.spplus.fetch;

import java.time.Duration;

/**
 * A failure worth another attempt: a network error, a timeout, HTTP 5xx or 429. Caught by
 * {@link RetryPolicy}, which turns the last one into a {@link FetchFailure}.
 *
 * @param retryAfter the wait the server asked for ({@code Retry-After}), or null
 */
final class TransientFailure extends Exception {

  private final transient Duration retryAfter;

  TransientFailure(String reason, Duration retryAfter) {
    super(reason);
    this.retryAfter = retryAfter;
  }

  TransientFailure(String reason, Throwable cause) {
    super(reason, cause);
    this.retryAfter = null;
  }

  Duration retryAfter() {
    return retryAfter;
  }
}
