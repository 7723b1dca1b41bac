package io.lambdascaling.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;

/** What becomes of the experiment's functions once it completes. */
@JsonIgnoreProperties(ignoreUnknown = true)
public class CleanupSpec {

  @JsonPropertyDescription(
      "Delete (default): delete the functions when the experiment completes; Retain: keep them."
          + " Deleting the experiment always deletes them.")
  @Default("Delete")
  private CleanupPolicy onCompletion = CleanupPolicy.Delete;

  public CleanupPolicy getOnCompletion() {
    return onCompletion;
  }

  /** A null falls back to the default, as the API server's defaulting does. */
  public void setOnCompletion(CleanupPolicy onCompletion) {
    this.onCompletion = onCompletion == null ? CleanupPolicy.Delete : onCompletion;
  }
}
