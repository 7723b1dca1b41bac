package io.lambdascaling.local.kube;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.server.mock.KubernetesMixedDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.ServerRequest;
import io.fabric8.mockwebserver.ServerResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A Kubernetes API server in this process, for local runs with no cluster: the Fabric8 mock server
 * in CRUD mode behind a front that makes real kubectl work with it (discovery, server-side Tables,
 * field selectors) and that admits custom resources as kube-apiserver does (pruning, schema
 * defaults, structural schema and CEL validation, 422 Invalid with one cause per field).
 *
 * <p>It listens on the loopback interface over plain HTTP, without authentication, and writes a
 * kubeconfig (cluster, user and context {@code lse-local}, namespace {@code default}) for kubectl.
 *
 * <p>What it does not do: HTTP streaming watches ({@code kubectl get -w}, {@code kubectl wait}, and
 * {@code kubectl delete} of an object that finalizers keep) — the mock watches over WebSocket only,
 * which the Fabric8 client uses; server-side apply (415); strategic merge patches of custom
 * resources (415, as kube-apiserver); OpenAPI documents (404: use {@code kubectl apply
 * --validate=false}); aggregated discovery (kubectl falls back to the plain documents); transition
 * rules ({@code oldSelf}); admission of built-in kinds; resourceVersion semantics beyond what the
 * mock offers (a watch replays current objects); authentication and RBAC.
 */
public final class LocalKubernetes implements AutoCloseable {

  /** Where to listen ({@code 0}: any free port) and where to write the kubeconfig. */
  public record Options(int port, Path kubeconfig) {

    /** Any free port; the kubeconfig goes to a temporary file, deleted on close. */
    public static Options defaults() {
      return new Options(0, null);
    }
  }

  /** Kept so that the level set on it is not lost to garbage collection. */
  private static final Logger MOCK_LOG = Logger.getLogger(MockWebServer.class.getName());

  private static final int REQUESTS_KEPT = 256;

  private final KubernetesMockServer server;
  private final String url;
  private final Path kubeconfig;
  private final boolean temporaryKubeconfig;
  private final KubernetesClient client;

  private LocalKubernetes(
      KubernetesMockServer server, String url, Path kubeconfig, boolean temporaryKubeconfig) {
    this.server = server;
    this.url = url;
    this.kubeconfig = kubeconfig;
    this.temporaryKubeconfig = temporaryKubeconfig;
    this.client = new KubernetesClientBuilder().withConfig(clientConfig(url)).build();
  }

  /** Starts the server, installs the CRDs and writes the kubeconfig. */
  public static LocalKubernetes start(Options options, List<CustomResourceDefinition> crds) {
    MOCK_LOG.setLevel(Level.WARNING);
    Map<ServerRequest, Queue<ServerResponse>> responses = new HashMap<>();
    MockWebServer web = new MockWebServer();
    AtomicInteger port = new AtomicInteger();
    AtomicInteger requests = new AtomicInteger();
    ApiDispatcher dispatcher =
        new ApiDispatcher(
            new KubernetesMixedDispatcher(responses),
            () -> "127.0.0.1:" + port.get(),
            Clock.systemUTC(),
            () -> {
              // The mock keeps every request it receives for tests to inspect: forget them.
              if (requests.incrementAndGet() % REQUESTS_KEPT == 0) {
                web.reset();
              }
            });
    KubernetesMockServer server =
        new KubernetesMockServer(
            new Context(Serialization.jsonMapper()), web, responses, dispatcher, false);
    server.init(InetAddress.getLoopbackAddress(), options.port());
    port.set(server.getPort());
    return serve(server, options, crds);
  }

  /** Writes the kubeconfig and creates the CRDs on a started server; stops it if either fails. */
  private static LocalKubernetes serve(
      KubernetesMockServer server, Options options, List<CustomResourceDefinition> crds) {
    String url = "http://127.0.0.1:" + server.getPort();
    LocalKubernetes started = null;
    try {
      boolean temporary = options.kubeconfig() == null;
      Path file =
          temporary ? Files.createTempFile("lse-local-kubeconfig-", ".yaml") : options.kubeconfig();
      Kubeconfig.write(file, url, "default");
      started = new LocalKubernetes(server, url, file, temporary);
      for (CustomResourceDefinition crd : crds) {
        started.client.apiextensions().v1().customResourceDefinitions().resource(crd).create();
      }
      return started;
    } catch (IOException e) {
      server.destroy();
      throw new UncheckedIOException("cannot write the kubeconfig", e);
    } catch (RuntimeException e) {
      if (started != null) {
        started.close();
      } else {
        server.destroy();
      }
      throw e;
    }
  }

  private static Config clientConfig(String url) {
    return new ConfigBuilder(Config.empty())
        .withMasterUrl(url)
        .withNamespace("default")
        .withRequestRetryBackoffLimit(0)
        .build();
  }

  /** A Fabric8 client of this server, namespace {@code default}; closed with the server. */
  public KubernetesClient client() {
    return client;
  }

  /** The server's base URL, e.g. {@code http://127.0.0.1:41234}. */
  public String url() {
    return url;
  }

  /** The kubeconfig written for this server: {@code kubectl --kubeconfig <it> get lse}. */
  public Path kubeconfig() {
    return kubeconfig;
  }

  @Override
  public void close() {
    client.close();
    server.destroy();
    if (temporaryKubeconfig) {
      try {
        Files.deleteIfExists(kubeconfig);
      } catch (IOException e) {
        // a leftover temporary file is harmless
      }
    }
  }
}
