package io.lambdascaling.operator.plan;

import io.lambdascaling.api.v1alpha1.MemorySpec;
import java.util.ArrayList;
import java.util.List;

/** The memory sizes a {@link MemorySpec} stands for, in the order written (a range ascends). */
public final class MemorySizes {

  private MemorySizes() {}

  /**
   * The sizes of the list, or of the range {@code fromMb, fromMb + stepMb, …} up to {@code toMb}
   * (included when it falls on a step). Empty when the spec is incomplete; the validator reports
   * why.
   */
  public static List<Integer> of(MemorySpec memory) {
    if (memory == null) {
      return List.of();
    }
    if (memory.getSizesMb() != null) {
      return List.copyOf(memory.getSizesMb().stream().filter(s -> s != null).toList());
    }
    if (!completeRange(memory)) {
      return List.of();
    }
    List<Integer> sizes = new ArrayList<>();
    for (long mb = memory.getFromMb(); mb <= memory.getToMb(); mb += memory.getStepMb()) {
      sizes.add((int) mb);
    }
    return List.copyOf(sizes);
  }

  /** How many sizes {@link #of} would return, without building the list. */
  public static long count(MemorySpec memory) {
    if (memory == null) {
      return 0;
    }
    if (memory.getSizesMb() != null) {
      return memory.getSizesMb().size();
    }
    if (!completeRange(memory)) {
      return 0;
    }
    return ((long) memory.getToMb() - memory.getFromMb()) / memory.getStepMb() + 1;
  }

  /** fromMb, toMb and stepMb all set, a positive step, and fromMb not above toMb. */
  private static boolean completeRange(MemorySpec memory) {
    Integer from = memory.getFromMb();
    Integer to = memory.getToMb();
    Integer step = memory.getStepMb();
    return from != null && to != null && step != null && step >= 1 && from <= to;
  }
}
