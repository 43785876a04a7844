package fr.spplus.fetch;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A stand-in for the data.gouv.fr API on 127.0.0.1 (the JDK's HTTP server): each path answers with
 * a handler the test sets, and every request is counted by path, so a test can say "no second
 * download".
 */
public final class StandInApi implements AutoCloseable {

  /** Answers one request; {@code n} is the request's number on this path, from 1. */
  public interface Handler {
    void handle(HttpExchange exchange, int n) throws IOException;
  }

  public static final String DATASET_PATH = "/api/1/datasets/sp/";
  public static final String FILE_PATH = "/files/export.csv";

  private final HttpServer server;
  private final ExecutorService pool = Executors.newCachedThreadPool(r -> {
    Thread t = new Thread(r, "stand-in-api");
    t.setDaemon(true);
    return t;
  });
  private final Map<String, Handler> handlers = new ConcurrentHashMap<>();
  private final Map<String, AtomicInteger> counts = new ConcurrentHashMap<>();

  public StandInApi() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 50);
    server.setExecutor(pool);
    server.createContext("/", exchange -> {
      String path = exchange.getRequestURI().getPath();
      int n = counts.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
      Handler h = handlers.get(path);
      try {
        if (h == null) {
          send(exchange, 404, "text/plain", "no such path".getBytes(StandardCharsets.UTF_8));
        } else {
          h.handle(exchange, n);
        }
      } finally {
        exchange.close();
      }
    });
    server.start();
  }

  public StandInApi on(String path, Handler handler) {
    handlers.put(path, handler);
    return this;
  }

  public int requests(String path) {
    AtomicInteger n = counts.get(path);
    return n == null ? 0 : n.get();
  }

  public String base() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  public String api() {
    return base() + "/api/1";
  }

  public static void send(HttpExchange exchange, int status, String contentType, byte[] body) throws IOException {
    exchange.getResponseHeaders().set("Content-Type", contentType);
    exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
    if (body.length > 0) {
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    }
  }

  public static Handler json(String json) {
    return (ex, n) -> send(ex, 200, "application/json", json.getBytes(StandardCharsets.UTF_8));
  }

  public static Handler csv(byte[] body) {
    return (ex, n) -> send(ex, 200, "text/csv", body);
  }

  public static Handler status(int status) {
    return (ex, n) -> send(ex, status, "text/plain", ("status " + status).getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public void close() {
    server.stop(0);
    pool.shutdownNow();
  }
}
