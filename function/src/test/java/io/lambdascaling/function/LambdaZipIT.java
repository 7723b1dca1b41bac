package io.lambdascaling.function;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;

/** The deployment package as Lambda receives it: the built zip, loaded on its own. */
class LambdaZipIT {

  private static final Path ZIP = Path.of("target", "lse-function.zip");

  @Test
  void zip_holds_the_handler_and_nothing_the_runtime_provides() throws Exception {
    assertThat(ZIP).exists();
    List<String> names = new ArrayList<>();
    try (ZipFile zip = new ZipFile(ZIP.toFile())) {
      zip.stream().map(ZipEntry::getName).forEach(names::add);
    }

    assertThat(names).contains("io/lambdascaling/function/HashingHandler.class");
    assertThat(names).allMatch(n -> n.startsWith("io/lambdascaling/function/") || n.endsWith("/"));
    assertThat(Files.size(ZIP)).isLessThan(100_000);
  }

  @Test
  void handler_loaded_from_the_zip_alone_hashes() throws Exception {
    // Parent = the classes the runtime provides (aws-lambda-java-core), child = the zip only.
    ClassLoader runtime = RequestStreamHandler.class.getClassLoader();
    try (URLClassLoader function =
        new URLClassLoader(new URL[] {ZIP.toUri().toURL()}, runtime.getParent()) {
          @Override
          protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            if (name.startsWith("com.amazonaws.services.lambda.runtime.")) {
              return runtime.loadClass(name);
            }
            return super.loadClass(name, resolve);
          }
        }) {
      Class<?> handlerClass = function.loadClass("io.lambdascaling.function.HashingHandler");
      assertThat(handlerClass.getClassLoader()).isSameAs(function);
      RequestStreamHandler handler =
          (RequestStreamHandler) handlerClass.getConstructor().newInstance();

      ByteArrayOutputStream out = new ByteArrayOutputStream();
      handler.handleRequest(
          new ByteArrayInputStream(
              "{\"passwords\":4,\"iterations\":1000,\"workers\":2}"
                  .getBytes(StandardCharsets.UTF_8)),
          out,
          new FakeContext("zip-1", 512));

      Map<?, ?> response = (Map<?, ?>) JsonReader.parse(out.toString(StandardCharsets.UTF_8));
      assertThat(response.get("passwords").toString()).isEqualTo("4");
      assertThat(response.get("workers").toString()).isEqualTo("2");
      assertThat(response.get("requestId")).isEqualTo("zip-1");
    }
  }
}
