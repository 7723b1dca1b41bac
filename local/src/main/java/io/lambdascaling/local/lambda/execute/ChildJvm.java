package io.lambdascaling.local.lambda.execute;

import io.lambdascaling.local.lambda.FunctionSnapshot;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An instance's child JVM as AWS's Java runtimes start it: the command line (joining its cgroups
 * first, then the runtime interface client with Lambda's JVM flags and a heap sized from the
 * memory) and the environment Lambda sets.
 */
final class ChildJvm {

  private ChildJvm() {}

  /** The command: join the cgroups (when there are any), then exec the JVM. */
  static List<String> command(
      FunctionSnapshot function, List<Path> procsFiles, Path tmp, Path nativeLibrary) {
    List<String> command = new ArrayList<>(joinGroup(procsFiles));
    command.addAll(javaCommand(function, tmp, nativeLibrary));
    return command;
  }

  /** {@code sh -c 'echo $$ > f1 && echo $$ > f2 && shift 2 && exec "$@"' sh f1 f2 java …}. */
  private static List<String> joinGroup(List<Path> procsFiles) {
    if (procsFiles.isEmpty()) {
      return List.of();
    }
    StringBuilder script = new StringBuilder();
    for (int i = 1; i <= procsFiles.size(); i++) {
      script.append("echo $$ > \"$").append(i).append("\" && ");
    }
    script.append("shift ").append(procsFiles.size()).append(" && exec \"$@\"");
    List<String> out = new ArrayList<>(List.of("/bin/sh", "-c", script.toString(), "sh"));
    procsFiles.forEach(p -> out.add(p.toString()));
    return out;
  }

  /** The flags AWS's Java runtimes use, and a heap sized from the memory. */
  private static List<String> javaCommand(FunctionSnapshot f, Path tmp, Path nativeLibrary) {
    int heapMb = Math.max(32, (int) (f.memoryMb() * 0.85) - 48);
    return List.of(
        RuntimeClasspath.javaExecutable(),
        "-XX:+TieredCompilation",
        "-XX:TieredStopAtLevel=1",
        "-XX:+UseSerialGC",
        "-Xmx" + heapMb + "m",
        "-XX:-UsePerfData",
        "-Djava.io.tmpdir=" + tmp,
        "-D" + RuntimeClasspath.JNI_PROPERTY + "=" + nativeLibrary,
        "-cp",
        RuntimeClasspath.classpath(),
        RuntimeClasspath.MAIN,
        f.handler());
  }

  static Map<String, String> environment(
      FunctionSnapshot f, String runtimeApi, Path taskRoot, String region) {
    Map<String, String> env = new LinkedHashMap<>();
    env.put("PATH", "/usr/local/bin:/usr/bin:/bin");
    env.put("LANG", "en_US.UTF-8");
    env.put("TZ", ":UTC");
    env.put("AWS_REGION", region);
    env.put("AWS_DEFAULT_REGION", region);
    env.put("AWS_LAMBDA_FUNCTION_NAME", f.name());
    env.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", Integer.toString(f.memoryMb()));
    env.put("AWS_LAMBDA_FUNCTION_VERSION", "$LATEST");
    env.put("AWS_LAMBDA_LOG_GROUP_NAME", "/aws/lambda/" + f.name());
    env.put("AWS_LAMBDA_LOG_STREAM_NAME", "local/" + f.codeSha256());
    env.put("AWS_LAMBDA_RUNTIME_API", runtimeApi);
    env.put("AWS_EXECUTION_ENV", "AWS_Lambda_" + f.runtime());
    env.put("LAMBDA_TASK_ROOT", taskRoot.toString());
    env.put("LAMBDA_RUNTIME_DIR", taskRoot.toString());
    env.put("_HANDLER", f.handler());
    env.putAll(f.environment());
    return env;
  }
}
