package dev.bulwark.policy.engine;

import dev.bulwark.core.image.ImageData;
import dev.bulwark.core.image.ImageDataProvider;
import dev.bulwark.core.workload.Container;
import dev.bulwark.core.workload.ImageRef;
import dev.bulwark.core.workload.Workload;
import dev.bulwark.policy.cel.CelVariables;
import dev.bulwark.policy.criteria.WorkloadFacts;
import dev.bulwark.policy.model.LifecycleStage;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * One object being evaluated against every policy: its input plus what policies share (names,
 * labels, image lookups), computed at most once. Used by one thread for one {@code evaluate} call.
 */
final class ObjectEvaluation {
  private final EvaluationInput input;
  private final LifecycleStage stage;
  private final @Nullable WorkloadFacts facts;
  private final String name;
  private final String namespace;
  private @Nullable Map<String, String> labels;
  private @Nullable Map<String, String> annotations;
  private @Nullable Map<ImageRef, Optional<ImageData>> images;
  private @Nullable CelVariables celVariables;

  ObjectEvaluation(EvaluationInput input, LifecycleStage stage) {
    this.input = input;
    this.stage = stage;
    Workload workload = input.workload();
    if (workload == null) {
      this.facts = null;
      this.name = input.object().name();
      this.namespace = Objects.requireNonNullElse(input.object().namespace(), "");
    } else {
      this.facts =
          new WorkloadFacts(
              workload,
              Objects.requireNonNullElseGet(
                  input.context(), () -> WorkloadFacts.isolatedContext(workload)));
      this.name = workload.name();
      this.namespace = workload.namespace();
    }
  }

  /** The CEL variables of this object, shared by every policy's rules. */
  CelVariables celVariables() {
    if (celVariables == null) {
      celVariables = CelVariables.of(input.object(), input.workload(), input.context());
    }
    return celVariables;
  }

  EvaluationInput input() {
    return input;
  }

  LifecycleStage stage() {
    return stage;
  }

  /** The workload and its context, or null for objects that run no pods. */
  @Nullable WorkloadFacts facts() {
    return facts;
  }

  String name() {
    return name;
  }

  String namespace() {
    return namespace;
  }

  String cluster() {
    return input.cluster();
  }

  Map<String, String> labels() {
    if (labels == null) {
      labels = facts != null ? facts.workload().labels() : input.object().labels();
    }
    return labels;
  }

  Map<String, String> annotations() {
    if (annotations == null) {
      annotations = input.object().annotations();
    }
    return annotations;
  }

  Map<String, String> namespaceLabels() {
    return facts == null ? Map.of() : facts.context().namespaceLabels();
  }

  List<Container> containers() {
    return facts == null ? List.of() : facts.workload().containers();
  }

  /** True when nobody can say anything about images: image criteria are unknown. */
  boolean hasNoImageData() {
    return input.images() == ImageDataProvider.NONE;
  }

  /** What the provider knows about the container's image, looked up once per image. */
  Optional<ImageData> image(Container container) {
    if (images == null) {
      images = new HashMap<>();
    }
    return images.computeIfAbsent(container.image(), input.images()::lookup);
  }
}
