package io.lambdascaling.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.LineMap;
import com.sun.source.tree.MethodTree;
import com.sun.source.util.JavacTask;
import com.sun.source.util.SourcePositions;
import com.sun.source.util.TreePathScanner;
import com.sun.source.util.Trees;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;

/**
 * Small classes and short methods in every module's main sources: a file past {@value
 * #MAX_FILE_LINES} lines or a method (or constructor, or lambda-free block of one) past {@value
 * #MAX_METHOD_LINES} lines is doing two things. Methods are measured by the JDK's own parser, from
 * the first line of their declaration to their closing brace.
 */
class SourceSizeTest {

  static final int MAX_FILE_LINES = 300;
  static final int MAX_METHOD_LINES = 40;
  private static final List<String> MODULES =
      List.of("api", "analysis", "function", "local", "operator", "cli");

  @Test
  void no_main_source_file_passes_300_lines() throws IOException {
    List<String> tooLong = new ArrayList<>();
    for (Path file : mainSources()) {
      long lines = Files.readAllLines(file).size();
      if (lines > MAX_FILE_LINES) {
        tooLong.add(file.normalize() + " (" + lines + " lines)");
      }
    }
    assertThat(tooLong).as("main source files over %d lines", MAX_FILE_LINES).isEmpty();
  }

  @Test
  void no_main_method_passes_40_lines() throws IOException {
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    List<String> tooLong = new ArrayList<>();
    try (StandardJavaFileManager files = javac.getStandardFileManager(null, null, null)) {
      JavacTask task =
          (JavacTask)
              javac.getTask(
                  null, files, null, null, null, files.getJavaFileObjectsFromPaths(mainSources()));
      SourcePositions positions = Trees.instance(task).getSourcePositions();
      for (CompilationUnitTree unit : task.parse()) {
        new TreePathScanner<Void, Void>() {
          private String type = "";

          @Override
          public Void visitClass(ClassTree node, Void unused) {
            String outer = type;
            type =
                outer.isEmpty()
                    ? node.getSimpleName().toString()
                    : outer + "." + node.getSimpleName();
            try {
              return super.visitClass(node, unused);
            } finally {
              type = outer;
            }
          }

          @Override
          public Void visitMethod(MethodTree node, Void unused) {
            LineMap lines = unit.getLineMap();
            long first = lines.getLineNumber(positions.getStartPosition(unit, node));
            long last = lines.getLineNumber(positions.getEndPosition(unit, node));
            long length = last - first + 1;
            if (length > MAX_METHOD_LINES) {
              tooLong.add(type + "." + node.getName() + " (" + length + " lines)");
            }
            return super.visitMethod(node, unused);
          }
        }.scan(unit, null);
      }
    }
    assertThat(tooLong).as("main methods over %d lines", MAX_METHOD_LINES).isEmpty();
  }

  private static List<Path> mainSources() throws IOException {
    List<Path> out = new ArrayList<>();
    for (String module : MODULES) {
      try (Stream<Path> walk = Files.walk(Path.of("..", module, "src", "main", "java"))) {
        walk.filter(p -> p.toString().endsWith(".java")).sorted().forEach(out::add);
      }
    }
    return out;
  }
}
