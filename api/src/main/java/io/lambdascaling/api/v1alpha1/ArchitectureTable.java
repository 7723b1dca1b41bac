package io.lambdascaling.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.ArrayList;
import java.util.List;

/** The threads-to-memory table of one architecture. */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ArchitectureTable {

  @JsonPropertyDescription("CPU architecture.")
  private Architecture architecture;

  @JsonPropertyDescription("One row per worker count.")
  private List<KneeRow> rows = new ArrayList<>();

  public Architecture getArchitecture() {
    return architecture;
  }

  public void setArchitecture(Architecture architecture) {
    this.architecture = architecture;
  }

  public List<KneeRow> getRows() {
    return rows;
  }

  public void setRows(List<KneeRow> rows) {
    this.rows = rows;
  }
}
