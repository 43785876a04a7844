package fr.spplus.fetch;

import java.net.URI;
import java.time.Duration;
import java.util.Locale;

/**
 * What {@code spplus fetch} needs, validated (docs/contract.md section 8).
 *
 * @param landing the landing folder: a local path, or a Hadoop URI ({@code hdfs://}, {@code s3a://}, …)
 * @param api the dataset API's root, {@code https://www.data.gouv.fr/api/1} by default
 * @param attempts tries of each request in all (the first included) before giving up
 * @param backoff the wait before the second attempt; it doubles after each failure, unless the
 *     server names its own with {@code Retry-After}
 * @param maxTime the whole fetch (waits for the lock excepted) ends within this, retries and waits included
 * @param connectTimeout to open a connection
 * @param readTimeout the longest silence allowed: before the response's headers, and between two
 *     pieces of its body (a server that accepts and never answers, or stalls mid-file)
 * @param lockWait how long a second fetch on the same folder waits for the first to finish
 */
public record FetchOptions(String landing, URI api, String dataset, int attempts, Duration backoff,
                           Duration maxTime, Duration connectTimeout, Duration readTimeout, Duration lockWait) {

  public static final String DEFAULT_API = "https://www.data.gouv.fr/api/1";
  public static final String DEFAULT_DATASET = "liste-des-experiences-partagees-par-les-usagers";
  public static final int DEFAULT_ATTEMPTS = 4;
  public static final Duration DEFAULT_BACKOFF = Duration.ofSeconds(10);
  public static final Duration DEFAULT_MAX_TIME = Duration.ofMinutes(30);
  public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(30);
  public static final Duration DEFAULT_READ_TIMEOUT = Duration.ofSeconds(60);

  public FetchOptions {
    if (landing == null || landing.isBlank()) {
      throw new IllegalArgumentException("--landing is required: the folder the export is saved in");
    }
    String scheme = api.getScheme() == null ? "" : api.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https") || api.getHost() == null) {
      throw new IllegalArgumentException("--api must be an http(s) URL, got " + api);
    }
    if (dataset == null || dataset.isBlank() || dataset.contains("/")) {
      throw new IllegalArgumentException("--dataset must be a dataset's slug or id (no '/'), got " + dataset);
    }
    if (attempts < 1) {
      throw new IllegalArgumentException("--attempts must be at least 1, got " + attempts);
    }
    for (Duration d : new Duration[] {backoff, maxTime, connectTimeout, readTimeout, lockWait}) {
      if (d.isNegative()) {
        throw new IllegalArgumentException("durations must not be negative, got " + d);
      }
    }
    if (connectTimeout.isZero() || readTimeout.isZero() || maxTime.isZero()) {
      throw new IllegalArgumentException("--connect-timeout, --read-timeout and --max-time must be positive");
    }
  }

  /** The defaults of docs/contract.md section 8 and README, for a landing folder. */
  public static FetchOptions defaults(String landing) {
    return new FetchOptions(landing, URI.create(DEFAULT_API), DEFAULT_DATASET, DEFAULT_ATTEMPTS, DEFAULT_BACKOFF,
        DEFAULT_MAX_TIME, DEFAULT_CONNECT_TIMEOUT, DEFAULT_READ_TIMEOUT, DEFAULT_MAX_TIME);
  }

  /** {@code GET {api}/datasets/{dataset}/}. */
  public URI datasetUri() {
    String root = api.toString().replaceAll("/+$", "");
    return URI.create(root + "/datasets/" + dataset + "/");
  }

  /** A duration given in seconds on the command line ({@code 0.5}, {@code 30}). */
  public static Duration seconds(String text, String option) {
    try {
      double s = Double.parseDouble(text.strip());
      if (Double.isNaN(s) || s < 0 || s > 7 * 24 * 3600) {
        throw new NumberFormatException();
      }
      return Duration.ofNanos(Math.round(s * 1e9));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(option + " takes a number of seconds (e.g. 30 or 0.5), got '" + text + "'");
    }
  }

  public FetchOptions withApi(URI v) {
    return new FetchOptions(landing, v, dataset, attempts, backoff, maxTime, connectTimeout, readTimeout, lockWait);
  }

  public FetchOptions withRetries(int attemptsV, Duration backoffV, Duration maxTimeV) {
    return new FetchOptions(landing, api, dataset, attemptsV, backoffV, maxTimeV, connectTimeout, readTimeout,
        lockWait);
  }

  public FetchOptions withTimeouts(Duration connect, Duration read, Duration lock) {
    return new FetchOptions(landing, api, dataset, attempts, backoff, maxTime, connect, read, lock);
  }

  public FetchOptions withDataset(String v) {
    return new FetchOptions(landing, api, v, attempts, backoff, maxTime, connectTimeout, readTimeout, lockWait);
  }
}
