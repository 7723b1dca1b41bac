package io.lambdascaling.operator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectRulesReviewBuilder;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMixedDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.ServerRequest;
import io.fabric8.mockwebserver.ServerResponse;
import io.lambdascaling.operator.config.LeaderElection;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Dockerfile at the repository root, checked without a container engine: after {@code package},
 * every path it copies exists, the jar it runs starts the operator with the class path it copies,
 * and that process reaches an API server, takes the leadership Lease and stops cleanly.
 */
class DockerfileIT {

  private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
  private static final Path TARGET = ROOT.resolve("operator/target");

  /** One Dockerfile instruction, continuation lines joined. */
  record Instruction(String stage, String keyword, String args) {}

  static List<Instruction> instructions() throws IOException {
    String text = Files.readString(ROOT.resolve("Dockerfile")).replaceAll("\\\\\\n", " ");
    List<Instruction> out = new ArrayList<>();
    String stage = null;
    for (String line : text.split("\n")) {
      String l = line.strip();
      if (l.isEmpty() || l.startsWith("#")) {
        continue;
      }
      String[] kv = l.split("\\s+", 2);
      String keyword = kv[0].toUpperCase();
      String args = kv.length > 1 ? kv[1].strip() : "";
      if (keyword.equals("FROM")) {
        String[] from = args.split("\\s+");
        stage = from.length == 3 && from[1].equalsIgnoreCase("AS") ? from[2] : "final";
      }
      out.add(new Instruction(stage, keyword, args));
    }
    return out;
  }

  private static String workdir(List<Instruction> all, String stage) {
    return all.stream()
        .filter(i -> i.stage().equals(stage) && i.keyword().equals("WORKDIR"))
        .map(Instruction::args)
        .findFirst()
        .orElse("/");
  }

  @Test
  void every_path_the_dockerfile_copies_is_in_the_repository_or_made_by_the_build()
      throws IOException {
    List<Instruction> all = instructions();
    List<String> ignored = dockerignore();
    assertThat(ignored).as(".dockerignore keeps build output out").contains("**/target", ".git");
    String buildDir = workdir(all, "build");
    List<String> copied = new ArrayList<>();
    for (Instruction i : all) {
      if (!i.keyword().equals("COPY")) {
        continue;
      }
      List<String> words = new ArrayList<>(Arrays.asList(i.args().split("\\s+")));
      String from = null;
      while (words.get(0).startsWith("--")) {
        String flag = words.remove(0);
        if (flag.startsWith("--from=")) {
          from = flag.substring("--from=".length());
        }
      }
      List<String> sources = words.subList(0, words.size() - 1);
      for (String source : sources) {
        Path p;
        if (from == null) {
          assertThat(i.stage()).as("sources are copied into the build stage").isEqualTo("build");
          p = ROOT.resolve(source);
          assertThat(ignored).as(source + " is not in .dockerignore").doesNotContain(source);
        } else {
          assertThat(from).isEqualTo("build");
          assertThat(source).as("copied from the build's WORKDIR").startsWith(buildDir + "/");
          p = ROOT.resolve(source.substring(buildDir.length() + 1));
        }
        assertThat(p).as(i.keyword() + " " + i.args()).exists();
        if (source.endsWith("/")) {
          try (Stream<Path> s = Files.list(p)) {
            assertThat(s.count()).as(source + " is not empty").isPositive();
          }
        }
        copied.add(source);
      }
    }
    assertThat(copied)
        .contains(
            "mvnw",
            "pom.xml",
            "operator/",
            buildDir + "/operator/target/lib/",
            buildDir + "/operator/target/lse-operator.jar");
    // Every module the parent pom lists must be there for the reactor to start.
    String parent = Files.readString(ROOT.resolve("pom.xml"));
    for (String module : List.of("function", "local", "operator", "cli")) {
      assertThat(parent).contains("<module>" + module + "</module>");
      assertThat(copied)
          .as("module " + module)
          .anyMatch(c -> c.equals(module + "/") || c.equals(module + "/pom.xml"));
    }
    assertThat(all)
        .filteredOn(i -> i.stage().equals("build") && i.keyword().equals("RUN"))
        .singleElement()
        .satisfies(
            r -> assertThat(r.args()).contains("./mvnw", "package", "-pl operator -am", "-B"));
  }

  @Test
  void the_image_runs_the_operators_main_from_a_thin_jar_as_a_numeric_non_root_user()
      throws IOException {
    List<Instruction> all = instructions();
    List<Instruction> last =
        all.stream().filter(i -> i.stage().equals("final")).collect(Collectors.toList());
    assertThat(last.get(0).args()).isEqualTo("eclipse-temurin:17-jre");
    assertThat(last)
        .filteredOn(i -> i.keyword().equals("USER"))
        .singleElement()
        .satisfies(u -> assertThat(u.args()).matches("[1-9][0-9]*:[1-9][0-9]*"));
    assertThat(last)
        .filteredOn(i -> i.keyword().equals("LABEL"))
        .singleElement()
        .satisfies(
            l ->
                assertThat(l.args())
                    .contains(
                        "org.opencontainers.image.title",
                        "org.opencontainers.image.version",
                        "org.opencontainers.image.revision"));
    List<String> entrypoint = entrypoint(last);
    assertThat(entrypoint).contains("-Djava.io.tmpdir=/tmp", "-jar");
    assertThat(entrypoint.get(entrypoint.indexOf("-jar") + 1)).isEqualTo("/app/lse-operator.jar");

    Path jar = TARGET.resolve("lse-operator.jar");
    try (JarFile j = new JarFile(jar.toFile())) {
      Manifest m = j.getManifest();
      assertThat(m.getMainAttributes().getValue("Main-Class"))
          .isEqualTo(LambdaScalingOperator.class.getName());
      Set<String> classPath =
          Set.of(m.getMainAttributes().getValue("Class-Path").strip().split("\\s+"));
      Set<String> lib;
      try (Stream<Path> s = Files.list(TARGET.resolve("lib"))) {
        lib = s.map(p -> "lib/" + p.getFileName()).collect(Collectors.toSet());
      }
      assertThat(lib).as("target/lib holds exactly the manifest's class path").isEqualTo(classPath);
      assertThat(lib)
          .as("IRSA (STS), a logger, the JDK HTTP client only")
          .anyMatch(p -> p.startsWith("lib/sts-"))
          .anyMatch(p -> p.startsWith("lib/slf4j-simple-"))
          .anyMatch(p -> p.startsWith("lib/kubernetes-httpclient-jdk-"))
          .noneMatch(p -> p.contains("vertx"))
          .noneMatch(p -> p.contains("lse-local") || p.contains("junit"));
      assertThat(j.getEntry("lse-function.zip")).as("the embedded deployment package").isNotNull();
    }
  }

  /**
   * The command the image runs, on this JDK: it reads LSE_* settings, reaches the API server from a
   * kubeconfig, takes the Lease, serves /readyz, and ends within seconds of SIGTERM.
   */
  @Test
  void the_jar_starts_the_operator_which_leads_and_stops_on_sigterm(@TempDir Path tmp)
      throws Exception {
    Map<ServerRequest, Queue<ServerResponse>> responses = new HashMap<>();
    KubernetesMockServer server =
        new KubernetesMockServer(
            new Context(Serialization.jsonMapper()),
            new MockWebServer(),
            responses,
            new KubernetesMixedDispatcher(responses),
            false);
    server.init(InetAddress.getLoopbackAddress(), 0);
    Process p = null;
    try (KubernetesClient k = server.createClient()) {
      k.apiextensions()
          .v1()
          .customResourceDefinitions()
          .resource(
              Serialization.unmarshal(
                  Files.readString(
                      ROOT.resolve("crds/lambdascalingexperiments.lambdascaling.io-v1.yml")),
                  CustomResourceDefinition.class))
          .create();
      server
          .expect()
          .post()
          .withPath("/apis/authorization.k8s.io/v1/selfsubjectrulesreviews")
          .andReturn(
              201,
              new SelfSubjectRulesReviewBuilder()
                  .withNewStatus()
                  .withIncomplete(false)
                  .addNewResourceRule()
                  .withApiGroups("coordination.k8s.io")
                  .withResources("leases")
                  .withVerbs("get", "create", "update", "patch")
                  .endResourceRule()
                  .endStatus()
                  .build())
          .always();
      Path kubeconfig = tmp.resolve("kubeconfig");
      Files.writeString(
          kubeconfig,
          """
          apiVersion: v1
          kind: Config
          clusters: [{name: mock, cluster: {server: "%s"}}]
          users: [{name: mock, user: {token: test}}]
          contexts: [{name: mock, context: {cluster: mock, user: mock, namespace: default}}]
          current-context: mock
          """
              .formatted(server.url("/").replaceAll("/$", "")));
      int port;
      try (ServerSocket s = new ServerSocket(0)) {
        port = s.getLocalPort();
      }
      List<String> command = new ArrayList<>();
      command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
      List<String> entrypoint = entrypoint(instructions());
      command.addAll(entrypoint.subList(1, entrypoint.indexOf("-jar") + 1));
      command.add(TARGET.resolve("lse-operator.jar").toString());
      ProcessBuilder pb = new ProcessBuilder(command);
      pb.environment()
          .putAll(
              Map.of(
                  "KUBECONFIG", kubeconfig.toString(),
                  "LSE_METRICS_PORT", Integer.toString(port),
                  "LSE_REGION", "us-east-1",
                  "LSE_LEADER_ELECTION", "true",
                  "LSE_LEASE_NAMESPACE", "default",
                  "LSE_LEADER_IDENTITY", "image-test",
                  "HOME", tmp.toString()));
      pb.redirectErrorStream(true).redirectOutput(tmp.resolve("operator.log").toFile());
      p = pb.start();
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      String holder = null;
      int ready = 0;
      while (System.nanoTime() < deadline && (holder == null || ready != 200) && p.isAlive()) {
        Thread.sleep(200);
        Lease lease =
            k.resources(Lease.class)
                .inNamespace("default")
                .withName(LeaderElection.DEFAULT_LEASE_NAME)
                .get();
        holder = lease == null ? null : lease.getSpec().getHolderIdentity();
        ready = status(URI.create("http://127.0.0.1:" + port + "/readyz"));
      }
      String log = Files.readString(tmp.resolve("operator.log"));
      assertThat(holder).as(log).isEqualTo("image-test");
      assertThat(ready).as(log).isEqualTo(200);
      assertThat(log).contains("leading: this replica reconciles now");

      long stopping = System.nanoTime();
      p.destroy(); // SIGTERM, as the kubelet stops a pod
      assertThat(p.waitFor(20, TimeUnit.SECONDS))
          .as("stopped on SIGTERM: " + Files.readString(tmp.resolve("operator.log")))
          .isTrue();
      System.out.printf(
          "image command: led and ready; stopped %.1f s after SIGTERM (exit %d)%n",
          (System.nanoTime() - stopping) / 1e9, p.exitValue());
    } finally {
      if (p != null && p.isAlive()) {
        p.destroyForcibly();
      }
      server.destroy();
    }
  }

  private static int status(URI url) {
    try {
      return HttpClient.newHttpClient()
          .send(HttpRequest.newBuilder(url).build(), HttpResponse.BodyHandlers.discarding())
          .statusCode();
    } catch (IOException | InterruptedException e) {
      return 0;
    }
  }

  private static List<String> entrypoint(List<Instruction> all) throws IOException {
    Instruction e =
        all.stream()
            .filter(i -> i.stage().equals("final") && i.keyword().equals("ENTRYPOINT"))
            .reduce((a, b) -> b)
            .orElseThrow();
    return Arrays.asList(new ObjectMapper().readValue(e.args(), String[].class));
  }

  private static List<String> dockerignore() throws IOException {
    return Files.readAllLines(ROOT.resolve(".dockerignore")).stream()
        .map(String::strip)
        .filter(l -> !l.isEmpty() && !l.startsWith("#"))
        .toList();
  }
}
