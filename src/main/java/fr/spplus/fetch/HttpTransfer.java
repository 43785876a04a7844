package fr.spplus.fetch;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.ProxySelector;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.LongConsumer;

/**
 * One HTTP GET with the JDK's client (redirects followed, connect timeout, proxies), whose body is
 * streamed to a sink under a watchdog. The request's own timeout only covers the wait for the
 * response's headers; a server that sends them and then stalls mid-body would block a reader
 * forever, so the body is received by a subscriber that notes each piece's arrival, and the caller's
 * thread cancels the exchange when nothing arrived for the read timeout, or when the deadline passes.
 *
 * <p>Network errors and timeouts come back as {@link TransientFailure}; failures to write the sink
 * (a full disk) as {@link UncheckedIOException}, which are not worth retrying.
 */
final class HttpTransfer {

  /** Where a 200 response's body goes; opened once the status is known. */
  interface Sink {
    OutputStream open(HttpResponse.ResponseInfo info) throws IOException;
  }

  /** The response: its final address (after redirects), status, headers, and the body bytes received. */
  record Result(URI uri, int status, HttpHeaders headers, long bytes, boolean truncated) {}

  private static final long DISCARDED_BODY_LIMIT = 64 * 1024;
  private static final long WATCH_MILLIS = 20;

  private final HttpClient client;
  private final Duration readTimeout;

  HttpTransfer(HttpClient client, Duration readTimeout) {
    this.client = client;
    this.readTimeout = readTimeout;
  }

  static HttpClient newClient(Duration connectTimeout, ProxySelector proxies) {
    // HTTP/1.1: with HTTP/2 the client would send an h2c upgrade to plain-http servers and proxies,
    // which some corporate proxies mishandle; one file a day gains nothing from HTTP/2.
    return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
        .followRedirects(HttpClient.Redirect.NORMAL).connectTimeout(connectTimeout).proxy(proxies).build();
  }

  /**
   * GETs {@code uri}; a 200 body goes to the sink (at most {@code limit} bytes: past it the
   * transfer stops and the result says truncated), any other status's body is discarded.
   */
  Result get(URI uri, String accept, Duration timeLeft, Sink sink, long limit, LongConsumer progress)
      throws TransientFailure {
    Duration wait = readTimeout.compareTo(timeLeft) < 0 ? readTimeout : timeLeft;
    HttpRequest request = HttpRequest.newBuilder(uri).GET().timeout(wait)
        .header("Accept", accept).header("User-Agent", "spplus-fetch").build();
    long start = System.nanoTime();
    long deadline = start + timeLeft.toNanos();
    Receiver receiver = new Receiver(sink, limit, progress, start);
    CompletableFuture<HttpResponse<Long>> future = client.sendAsync(request, receiver::subscriberFor);
    try {
      while (true) {
        try {
          HttpResponse<Long> response = future.get(WATCH_MILLIS, TimeUnit.MILLISECONDS);
          receiver.finish();
          return new Result(response.uri(), response.statusCode(), response.headers(), receiver.bytes,
              receiver.truncated);
        } catch (TimeoutException notYet) {
          long now = System.nanoTime();
          long idle = now - receiver.lastActivity;
          if (idle > readTimeout.toNanos() || now > deadline) {
            future.cancel(true);
            receiver.cancel();
            throw new TransientFailure(receiver.status == 0
                ? "no response within " + RetryPolicy.seconds(readTimeout.compareTo(timeLeft) < 0 ? readTimeout
                    : timeLeft) + (now > deadline ? " (--max-time reached)" : " (--read-timeout)")
                : (now > deadline ? "--max-time reached" : "no data for " + RetryPolicy.seconds(readTimeout)
                    + " (--read-timeout)") + " after " + receiver.bytes + " bytes of the body", (Throwable) null);
          }
        }
      }
    } catch (ExecutionException e) {
      receiver.cancel();
      if (receiver.sinkError != null) {
        throw new UncheckedIOException(receiver.sinkError);
      }
      throw classify(e.getCause(), receiver);
    } catch (InterruptedException e) {
      future.cancel(true);
      receiver.cancel();
      Thread.currentThread().interrupt();
      throw new TransientFailure("interrupted", e);
    } finally {
      receiver.closeQuietly();
    }
  }

  private TransientFailure classify(Throwable cause, Receiver receiver) {
    if (cause instanceof HttpConnectTimeoutException) {
      return new TransientFailure("cannot connect within the connect timeout", cause);
    }
    if (cause instanceof HttpTimeoutException) {
      return new TransientFailure("no response within " + RetryPolicy.seconds(readTimeout) + " (--read-timeout)",
          cause);
    }
    if (cause instanceof ConnectException) {
      return new TransientFailure("cannot connect (" + (cause.getMessage() == null ? "connection refused"
          : cause.getMessage()) + ")", cause);
    }
    String what = cause == null ? "unknown error" : cause.getClass().getSimpleName()
        + (cause.getMessage() == null ? "" : ": " + cause.getMessage());
    if (receiver.status != 0) {
      return new TransientFailure("body cut short after " + receiver.bytes + " bytes"
          + (receiver.contentLength >= 0 ? " of " + receiver.contentLength + " (Content-Length)" : "")
          + " (" + what + ")", cause);
    }
    return new TransientFailure("network error (" + what + ")", cause);
  }

  /** Receives the body: the sink for a 200, nowhere for other statuses; notes every arrival. */
  private static final class Receiver implements HttpResponse.BodySubscriber<Long> {
    private final Sink sink;
    private final long limit;
    private final LongConsumer progress;
    private final CompletableFuture<Long> body = new CompletableFuture<>();
    volatile long lastActivity;
    volatile long bytes;
    volatile int status;
    volatile long contentLength = -1;
    volatile boolean truncated;
    volatile IOException sinkError;
    private OutputStream out;
    private Flow.Subscription subscription;
    private boolean closed;
    private long cap;

    Receiver(Sink sink, long limit, LongConsumer progress, long start) {
      this.sink = sink;
      this.limit = limit;
      this.progress = progress;
      this.lastActivity = start;
    }

    synchronized HttpResponse.BodySubscriber<Long> subscriberFor(HttpResponse.ResponseInfo info) {
      lastActivity = System.nanoTime();
      status = info.statusCode();
      contentLength = info.headers().firstValueAsLong("Content-Length").orElse(-1);
      cap = status == 200 ? limit : DISCARDED_BODY_LIMIT;
      if (status == 200 && !closed) {
        try {
          out = sink.open(info);
        } catch (IOException e) {
          sinkError = e;
        }
      }
      return this;
    }

    @Override
    public synchronized void onSubscribe(Flow.Subscription s) {
      subscription = s;
      if (closed || sinkError != null) {
        s.cancel();
        body.completeExceptionally(sinkError != null ? sinkError : new IOException("cancelled"));
        return;
      }
      s.request(1);
    }

    @Override
    public synchronized void onNext(List<ByteBuffer> items) {
      if (closed) {
        return;
      }
      lastActivity = System.nanoTime();
      try {
        for (ByteBuffer b : items) {
          int n = b.remaining();
          if (bytes + n > cap) {
            truncated = true;
            closed = true;
            subscription.cancel();
            body.complete(bytes);
            return;
          }
          if (out != null) {
            if (b.hasArray()) {
              out.write(b.array(), b.arrayOffset() + b.position(), n);
            } else {
              byte[] copy = new byte[n];
              b.get(copy);
              out.write(copy);
            }
          }
          bytes += n;
        }
      } catch (IOException e) {
        sinkError = e;
        closed = true;
        subscription.cancel();
        body.completeExceptionally(e);
        return;
      }
      if (out != null) {
        progress.accept(bytes);
      }
      subscription.request(1);
    }

    @Override
    public void onError(Throwable t) {
      body.completeExceptionally(t);
    }

    @Override
    public void onComplete() {
      body.complete(bytes);
    }

    @Override
    public CompletionStage<Long> getBody() {
      return body;
    }

    synchronized void cancel() {
      closed = true;
      if (subscription != null) {
        subscription.cancel();
      }
      body.completeExceptionally(new IOException("cancelled"));
    }

    /** After a complete body: closing the sink may still fail (the last write reaching the disk). */
    synchronized void finish() {
      closed = true;
      if (out != null) {
        try {
          out.close();
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        } finally {
          out = null;
        }
      }
    }

    synchronized void closeQuietly() {
      closed = true;
      if (out != null) {
        try {
          out.close();
        } catch (IOException ignored) {
          // the transfer already failed; the caller deletes the file
        }
        out = null;
      }
    }
  }
}
