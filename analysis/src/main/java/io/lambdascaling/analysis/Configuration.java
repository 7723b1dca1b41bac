package io.lambdascaling.analysis;

/**
 * One cell of an experiment's matrix: an architecture, a worker count and a memory size.
 *
 * @param architecture Lambda's name for it, {@code x86_64} or {@code arm64}
 */
public record Configuration(String architecture, int workers, int memoryMb) {

  /** Lambda's instruction set architectures, by the names Lambda and the manifest use. */
  public static final java.util.List<String> ARCHITECTURES = java.util.List.of("x86_64", "arm64");

  public Configuration {
    if (!ARCHITECTURES.contains(architecture)) {
      throw new IllegalArgumentException(
          "architecture must be one of " + ARCHITECTURES + ", got " + architecture);
    }
  }

  /**
   * {@code arm64-w2-m1024}: unique within an experiment, and the tail of its function's name. A
   * name only: nothing reads a configuration back from it.
   */
  public String key() {
    return architecture + "-w" + workers + "-m" + memoryMb;
  }
}
