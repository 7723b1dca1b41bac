package io.lambdascaling.function;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The host CPU's model, read once from /proc/cpuinfo. On x86_64 Lambda the physical host a function
 * lands on moves its timings by up to a third, so every result carries it.
 */
final class HostInfo {

  /** Arm's part numbers for the cores of AWS Graviton processors (implementer 0x41). */
  private static final Map<String, String> ARM_PARTS =
      Map.of(
          "0xd0c", "Neoverse-N1",
          "0xd40", "Neoverse-V1",
          "0xd49", "Neoverse-N2",
          "0xd4f", "Neoverse-V2",
          "0xd84", "Neoverse-V3");

  static final String UNKNOWN = "unknown";

  private HostInfo() {}

  static String cpuModel(Path cpuinfo) {
    List<String> lines;
    try {
      lines = Files.readAllLines(cpuinfo);
    } catch (IOException | RuntimeException e) {
      return UNKNOWN;
    }
    return cpuModel(lines);
  }

  static String cpuModel(List<String> cpuinfoLines) {
    String implementer = null;
    String part = null;
    for (String line : cpuinfoLines) {
      int colon = line.indexOf(':');
      if (colon < 0) {
        continue;
      }
      String key = line.substring(0, colon).trim();
      String value = line.substring(colon + 1).trim();
      switch (key) {
        case "model name":
          if (!value.isEmpty()) {
            return value;
          }
          break;
        case "CPU implementer":
          implementer = implementer == null ? value : implementer;
          break;
        case "CPU part":
          part = part == null ? value : part;
          break;
        default:
          break;
      }
    }
    if (part == null) {
      return UNKNOWN;
    }
    String known = "0x41".equals(implementer) ? ARM_PARTS.get(part.toLowerCase()) : null;
    return known != null ? "ARM " + known : "CPU implementer " + implementer + " part " + part;
  }
}
