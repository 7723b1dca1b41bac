package io.lambdascaling.operator.journal;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.NonDeletingOperation;
import io.lambdascaling.analysis.Attempt;
import io.lambdascaling.operator.plan.FunctionNames;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * Keeps an experiment's attempts durably in ConfigMaps it owns (so they go when it goes): gzip'd
 * CSV ({@link AttemptCsv}) in {@code binaryData}, appended chunk by chunk. A chunk takes appends
 * until it holds {@value #SEAL_AT_BYTES} compressed bytes, far under the API server's 1 MiB object
 * limit; then the next chunk starts. Chunks are labelled with the experiment's uid and a
 * fingerprint of the workload, so that results of another workload are never mixed in.
 *
 * <p>Read them with {@code kubectl get cm -l lambdascaling.io/uid=<uid> -o
 * jsonpath='{.items[*].binaryData.attempts\.csv\.gz}'}, base64-decoded and gunzip'd, or with {@code
 * lse export}.
 */
public final class AttemptStore {

  public static final String LABEL_UID = "lambdascaling.io/uid";
  public static final String LABEL_WORKLOAD = "lambdascaling.io/workload";
  public static final String LABEL_CONTENT = "lambdascaling.io/content";
  public static final String CONTENT = "attempts";
  public static final String ANNOTATION_CHUNK = "lambdascaling.io/chunk";
  public static final String ANNOTATION_SEALED = "lambdascaling.io/sealed";
  public static final String ANNOTATION_ATTEMPTS = "lambdascaling.io/attempts";
  public static final String DATA_KEY = "attempts.csv.gz";

  static final int SEAL_AT_BYTES = 256 * 1024;

  /** Appended at most this many at a time, so one append cannot overfill a chunk. */
  static final int MAX_PIECE = 4_000;

  private static final int MAX_NAME = 253;

  /** What an experiment has kept. */
  public record History(List<Attempt> attempts, double spentUsd, int chunks) {}

  /** The chunk appends go to, as last written. */
  private static final class Open {
    int nextIndex;
    String name;
    String workload;
    StringBuilder csv;
    int attempts;
  }

  private final KubernetesClient client;
  private final Map<String, Open> open = new ConcurrentHashMap<>();

  public AttemptStore(KubernetesClient client) {
    this.client = client;
  }

  /**
   * Every attempt kept for the experiment under this workload, in the order made, and the spend of
   * all its attempts under any workload.
   */
  public History load(HasMetadata experiment, String workload) {
    List<ConfigMap> chunks = chunks(experiment);
    List<Attempt> attempts = new ArrayList<>();
    double spent = 0;
    Open o = new Open();
    for (ConfigMap cm : chunks) {
      String text = text(cm);
      List<Attempt> in = AttemptCsv.parse(text);
      for (Attempt a : in) {
        spent += a.costUsd();
      }
      String chunkWorkload = cm.getMetadata().getLabels().get(LABEL_WORKLOAD);
      if (workload.equals(chunkWorkload)) {
        attempts.addAll(in);
      }
      o.nextIndex = Math.max(o.nextIndex, index(cm) + 1);
      // A chunk in the former schema takes no lines of this one: appends start a new chunk.
      boolean sealed =
          "true".equals(annotation(cm, ANNOTATION_SEALED))
              || !text.startsWith(AttemptCsv.HEADER + "\n");
      if (workload.equals(chunkWorkload) && !sealed) {
        o.name = cm.getMetadata().getName();
        o.workload = chunkWorkload;
        o.csv = new StringBuilder(text);
        o.attempts = in.size();
      } else {
        o.name = null;
      }
    }
    open.put(experiment.getMetadata().getUid(), o);
    return new History(List.copyOf(attempts), spent, chunks.size());
  }

  /** Appends attempts; on failure nothing is kept in memory, so the caller may simply retry. */
  public void append(HasMetadata experiment, String workload, List<Attempt> attempts) {
    String uid = experiment.getMetadata().getUid();
    if (!open.containsKey(uid)) {
      load(experiment, workload);
    }
    Open o = open.get(uid);
    for (int from = 0; from < attempts.size(); from += MAX_PIECE) {
      List<Attempt> piece = attempts.subList(from, Math.min(attempts.size(), from + MAX_PIECE));
      synchronized (o) {
        if (o.name == null || !workload.equals(o.workload)) {
          o.name = chunkName(experiment.getMetadata().getName(), o.nextIndex);
          o.nextIndex++;
          o.workload = workload;
          o.csv = new StringBuilder(AttemptCsv.HEADER).append('\n');
          o.attempts = 0;
        }
        int length = o.csv.length();
        piece.forEach(a -> o.csv.append(AttemptCsv.line(a)));
        byte[] gz = gzip(o.csv.toString());
        boolean seal = gz.length >= SEAL_AT_BYTES;
        try {
          write(experiment, o, gz, o.attempts + piece.size(), seal);
        } catch (RuntimeException e) {
          o.csv.setLength(length);
          throw e;
        }
        o.attempts += piece.size();
        if (seal) {
          o.name = null;
        }
      }
    }
  }

  /** Drops what is cached about an experiment (it is gone, or another process may write). */
  public void forget(String uid) {
    open.remove(uid);
  }

  /** The experiment's chunks in the order written. */
  public List<ConfigMap> chunks(HasMetadata experiment) {
    return client
        .configMaps()
        .inNamespace(experiment.getMetadata().getNamespace())
        .withLabel(LABEL_UID, experiment.getMetadata().getUid())
        .withLabel(LABEL_CONTENT, CONTENT)
        .list()
        .getItems()
        .stream()
        .sorted(Comparator.comparingInt(AttemptStore::index))
        .toList();
  }

  /** A chunk's CSV text. */
  public static String text(ConfigMap chunk) {
    String data = chunk.getBinaryData() == null ? null : chunk.getBinaryData().get(DATA_KEY);
    if (data == null) {
      throw new IllegalStateException(
          "ConfigMap " + chunk.getMetadata().getName() + " has no binaryData." + DATA_KEY);
    }
    return gunzip(Base64.getDecoder().decode(data));
  }

  private void write(HasMetadata experiment, Open o, byte[] gz, int count, boolean sealed) {
    ConfigMap cm =
        new ConfigMapBuilder()
            .withNewMetadata()
            .withName(o.name)
            .withNamespace(experiment.getMetadata().getNamespace())
            .addToLabels(LABEL_UID, experiment.getMetadata().getUid())
            .addToLabels(LABEL_WORKLOAD, o.workload)
            .addToLabels(LABEL_CONTENT, CONTENT)
            .addToLabels("app.kubernetes.io/managed-by", "lambda-scaling-operator")
            .addToAnnotations(ANNOTATION_CHUNK, Integer.toString(o.nextIndex - 1))
            .addToAnnotations(ANNOTATION_ATTEMPTS, Integer.toString(count))
            .addToAnnotations(ANNOTATION_SEALED, Boolean.toString(sealed))
            .addToOwnerReferences(
                new OwnerReferenceBuilder()
                    .withApiVersion(experiment.getApiVersion())
                    .withKind(experiment.getKind())
                    .withName(experiment.getMetadata().getName())
                    .withUid(experiment.getMetadata().getUid())
                    .withController(true)
                    .withBlockOwnerDeletion(false)
                    .build())
            .endMetadata()
            .addToBinaryData(DATA_KEY, Base64.getEncoder().encodeToString(gz))
            .build();
    client
        .configMaps()
        .inNamespace(experiment.getMetadata().getNamespace())
        .resource(cm)
        .createOr(NonDeletingOperation::update);
  }

  /** {@code <experiment>-attempts-<index>}, shortened with a stable hash past 253 characters. */
  static String chunkName(String experiment, int index) {
    String suffix = "-attempts-" + index;
    if (experiment.length() + suffix.length() <= MAX_NAME) {
      return experiment + suffix;
    }
    String hash = FunctionNames.stableHash(experiment);
    return experiment.substring(0, MAX_NAME - suffix.length() - hash.length() - 1)
        + "-"
        + hash
        + suffix;
  }

  private static int index(ConfigMap cm) {
    String v = annotation(cm, ANNOTATION_CHUNK);
    try {
      return v == null ? 0 : Integer.parseInt(v);
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  private static String annotation(ConfigMap cm, String key) {
    Map<String, String> a = cm.getMetadata().getAnnotations();
    return a == null ? null : a.get(key);
  }

  static byte[] gzip(String text) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream z = new GZIPOutputStream(out)) {
      z.write(text.getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  static String gunzip(byte[] gz) {
    try (GZIPInputStream z = new GZIPInputStream(new ByteArrayInputStream(gz))) {
      return new String(z.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
