package io.enifailover.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The pass's core stays small enough to change safely: the reconciler at most 150 lines, no class of reconcile/
 * over 200, and no method of reconcile/ or plan/ over 40 (its signature and closing brace included).
 */
class CodeSizeTest {
  static final Path MAIN = Path.of("src", "main", "java", "io", "enifailover");
  /** A member's first line: indented, not a statement, a name followed by its parameter list. */
  static final Pattern METHOD = Pattern.compile(
      "^\\s+(?!return\\b|if\\b|for\\b|while\\b|switch\\b|else\\b|try\\b|catch\\b|new\\b|throw\\b)[\\w<>\\[\\], ?.@]+\\s+\\w+\\(.*$");

  @Test
  void theReconcilerIsAtMost150Lines() throws IOException {
    assertThat(Files.readAllLines(MAIN.resolve("reconcile").resolve("EniFailoverPairReconciler.java"))).hasSizeLessThanOrEqualTo(150);
  }

  @Test
  void noClassOfReconcileIsOver200Lines() throws IOException {
    List<String> over = new ArrayList<>();
    for (Path file : javaFiles("reconcile")) {
      int lines = Files.readAllLines(file).size();
      if (lines > 200) {
        over.add(file.getFileName() + " (" + lines + " lines)");
      }
    }
    assertThat(over).isEmpty();
  }

  @Test
  void noMethodOfReconcileOrPlanIsOver40Lines() throws IOException {
    List<String> over = new ArrayList<>();
    for (String dir : List.of("reconcile", "plan")) {
      for (Path file : javaFiles(dir)) {
        over.addAll(longMethods(file, Files.readAllLines(file)));
      }
    }
    assertThat(over).isEmpty();
  }

  @Test
  void theMeasureFindsALongMethod() {
    List<String> lines = new ArrayList<>(List.of("class A {", "  void tooLong() {"));
    for (int i = 0; i < 39; i++) {
      lines.add("    step();");
    }
    lines.addAll(List.of("  }", "}"));

    assertThat(longMethods(Path.of("A.java"), lines)).containsExactly("A.java:2 void tooLong() { (41 lines)");
  }

  static List<String> longMethods(Path file, List<String> lines) {
    List<String> over = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      String code = line.strip();
      if (code.startsWith("*") || code.startsWith("//") || !METHOD.matcher(line).matches()) {
        continue;
      }
      int open = i;
      while (open < lines.size() && !lines.get(open).contains("{") && !lines.get(open).contains(";")) {
        open++;
      }
      if (open == lines.size() || !lines.get(open).contains("{") || lines.get(open).split("\\{")[0].contains(";")) {
        continue;
      }
      int end = open;
      for (int depth = 0; end < lines.size(); end++) {
        depth += count(lines.get(end), '{') - count(lines.get(end), '}');
        if (depth <= 0) {
          break;
        }
      }
      int length = end - i + 1;
      if (length > 40) {
        over.add(file.getFileName() + ":" + (i + 1) + " " + code + " (" + length + " lines)");
      }
    }
    return over;
  }

  private static int count(String line, char c) {
    return (int) line.chars().filter(x -> x == c).count();
  }

  private static List<Path> javaFiles(String dir) throws IOException {
    try (Stream<Path> files = Files.list(MAIN.resolve(dir))) {
      return files.filter(f -> f.toString().endsWith(".java")).sorted().toList();
    }
  }
}
