package io.lambdascaling.local.lambda;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A stand-in for the AWS Lambda service that AWS SDKs and the AWS CLI reach by endpoint override.
 * Start it embedded ({@link #start}) or standalone ({@code java -jar local/target/lse-local.jar});
 * it runs invocations on the {@link Platform} it is given.
 */
public final class LocalLambda implements AutoCloseable {

  private static final System.Logger LOG = System.getLogger(LocalLambda.class.getName());

  /**
   * Server settings.
   *
   * @param port 0 for a free port
   * @param region appears in function ARNs
   * @param transitionDelay how long a new function stays Pending and an update InProgress
   */
  public record Options(
      String bindAddress,
      int port,
      String region,
      Duration transitionDelay,
      Faults.Options faults) {

    public static Options defaults() {
      return new Options(
          "127.0.0.1", 0, "us-east-1", Duration.ofMillis(100), Faults.Options.none());
    }

    public Options withPort(int port) {
      return new Options(bindAddress, port, region, transitionDelay, faults);
    }

    public Options withFaults(Faults.Options faults) {
      return new Options(bindAddress, port, region, transitionDelay, faults);
    }

    public Options withTransitionDelay(Duration delay) {
      return new Options(bindAddress, port, region, delay, faults);
    }
  }

  public static final String ACCOUNT_ID = "000000000000";

  static {
    // The JDK's HTTP server leaves Nagle's algorithm on: a response written as headers then body
    // waits for the peer's delayed ACK, adding ~40 ms to every small request. Read once, so set it
    // before the first server starts (the Runtime API servers of execute mode included).
    if (System.getProperty("sun.net.httpserver.nodelay") == null) {
      System.setProperty("sun.net.httpserver.nodelay", "true");
    }
  }

  private final HttpServer server;
  private final LambdaHttpApi api;
  private final Platform platform;
  private final ThreadPoolExecutor requests;
  private final ExecutorService asyncInvocations;
  private final ScheduledExecutorService scheduler;

  private LocalLambda(
      HttpServer server,
      LambdaHttpApi api,
      Platform platform,
      ThreadPoolExecutor requests,
      ExecutorService asyncInvocations,
      ScheduledExecutorService scheduler) {
    this.server = server;
    this.api = api;
    this.platform = platform;
    this.requests = requests;
    this.asyncInvocations = asyncInvocations;
    this.scheduler = scheduler;
  }

  /** Starts serving; the platform is closed with the server. */
  public static LocalLambda start(Options options, Platform platform) throws IOException {
    ObjectMapper json = new ObjectMapper();
    ScheduledExecutorService scheduler =
        Executors.newSingleThreadScheduledExecutor(daemon("local-lambda-lifecycle"));
    // Invoke requests hold their thread for the whole invocation: many threads, few queued.
    ThreadPoolExecutor requests =
        new ThreadPoolExecutor(
            512,
            512,
            30,
            TimeUnit.SECONDS,
            new LinkedBlockingQueue<>(),
            daemon("local-lambda-http"));
    requests.allowCoreThreadTimeOut(true);
    ExecutorService async = Executors.newFixedThreadPool(16, daemon("local-lambda-async"));
    Functions functions =
        new Functions(
            json,
            options.region(),
            ACCOUNT_ID,
            scheduler,
            options.transitionDelay(),
            platform::retire);
    Faults faults = new Faults(options.faults());
    Invoker invoker = new Invoker(platform, faults);
    HttpServer server =
        HttpServer.create(
            new InetSocketAddress(InetAddress.getByName(options.bindAddress()), options.port()),
            256);
    LambdaHttpApi api = new LambdaHttpApi(json, functions, invoker, faults, async);
    server.createContext("/", api);
    server.setExecutor(requests);
    server.start();
    LOG.log(
        Level.INFO,
        "local Lambda listening on {0}; platform: {1}",
        "http://" + options.bindAddress() + ":" + server.getAddress().getPort(),
        platform.description());
    return new LocalLambda(server, api, platform, requests, async, scheduler);
  }

  /**
   * Requests received so far per API operation ({@code CreateFunction}, {@code Invoke}, …), failed
   * ones included; also served as {@code requests} by {@code GET /_lse/health}.
   */
  public Map<String, Long> requestCounts() {
    return api.requestCounts();
  }

  /**
   * Starts or ends an outage: while it lasts every Lambda API request (control plane and Invoke) is
   * answered 500 ServiceException and changes nothing; functions and instances stay as they were.
   */
  public void outage(boolean on) {
    api.outage = on;
  }

  /**
   * Per function name, how many times a function of that name was created (a CreateFunction that
   * succeeded; one deleted and created again counts twice). Unlike {@link #requestCounts()} it
   * leaves out requests that failed or were cut off.
   */
  public Map<String, Long> functionsCreated() {
    return api.creations();
  }

  public int port() {
    return server.getAddress().getPort();
  }

  /** The endpoint to give an AWS SDK's {@code endpointOverride}. */
  public URI endpoint() {
    return URI.create("http://" + server.getAddress().getAddress().getHostAddress() + ":" + port());
  }

  public Platform platform() {
    return platform;
  }

  @Override
  public void close() {
    server.stop(0);
    asyncInvocations.shutdownNow();
    scheduler.shutdownNow();
    platform.close();
    requests.shutdownNow();
  }

  /** Daemon threads named {@code name-1}, {@code name-2}, …: none of them keeps the JVM alive. */
  public static java.util.concurrent.ThreadFactory daemon(String name) {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, name + "-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }
}
