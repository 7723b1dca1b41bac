package io.lambdascaling.local.kube;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** The kubeconfig file that points kubectl at the embedded API server. */
final class Kubeconfig {

  /** The name of its cluster, user and context. */
  static final String CONTEXT = "lse-local";

  private Kubeconfig() {}

  static String render(String url, String namespace) {
    return """
        apiVersion: v1
        kind: Config
        clusters:
        - name: %1$s
          cluster:
            server: %2$s
        users:
        - name: %1$s
          user: {}
        contexts:
        - name: %1$s
          context:
            cluster: %1$s
            user: %1$s
            namespace: %3$s
        current-context: %1$s
        preferences: {}
        """
        .formatted(CONTEXT, url, namespace);
  }

  static Path write(Path file, String url, String namespace) throws IOException {
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    return Files.writeString(file, render(url, namespace), StandardCharsets.UTF_8);
  }
}
