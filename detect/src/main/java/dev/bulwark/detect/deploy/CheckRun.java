package dev.bulwark.detect.deploy;

import dev.bulwark.core.context.ClusterContext;
import dev.bulwark.core.context.InputIndex;
import dev.bulwark.core.context.WorkloadContext;
import dev.bulwark.core.image.ImageDataProvider;
import dev.bulwark.core.manifest.Location;
import dev.bulwark.core.manifest.ManifestError;
import dev.bulwark.core.manifest.ManifestNote;
import dev.bulwark.core.manifest.ManifestObject;
import dev.bulwark.core.manifest.ManifestReader;
import dev.bulwark.core.manifest.ManifestSink;
import dev.bulwark.core.manifest.ManifestSource;
import dev.bulwark.core.workload.Workload;
import dev.bulwark.core.workload.WorkloadExtractor;
import dev.bulwark.detect.report.ExpiredException;
import dev.bulwark.detect.report.Finding;
import dev.bulwark.detect.report.NotEvaluated;
import dev.bulwark.detect.report.ObjectRef;
import dev.bulwark.detect.report.ObjectResult;
import dev.bulwark.detect.report.PolicyInfo;
import dev.bulwark.detect.report.Report;
import dev.bulwark.detect.report.ReportError;
import dev.bulwark.detect.report.ReportNote;
import dev.bulwark.detect.report.Summary;
import dev.bulwark.detect.report.WaiverInfo;
import dev.bulwark.policy.engine.CompiledPolicy;
import dev.bulwark.policy.engine.CompiledPolicySet;
import dev.bulwark.policy.engine.DeferredOutcome;
import dev.bulwark.policy.engine.EvaluationInput;
import dev.bulwark.policy.engine.PolicyOutcome;
import dev.bulwark.policy.engine.Violation;
import dev.bulwark.policy.engine.Waiver;
import dev.bulwark.policy.model.LifecycleStage;
import dev.bulwark.policy.model.Policy;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * One {@code bulwark check}: reads the input twice (first only the objects that give cross-object
 * context, then everything), evaluates every object with the deploy-time policies, and builds the
 * report. Sources are evaluated in parallel; within a source objects keep their order. Only the
 * compact context and the per-object results are kept in memory, never parsed trees.
 *
 * <p>When a policy has checks judged across the input (ADR 9), the second pass also feeds every
 * object to an input index and keeps what those checks defer; once every source is read, they are
 * judged and their findings join the results of the objects they were kept from.
 */
public final class CheckRun {
  private final CompiledPolicySet policies;
  private final ManifestReader reader;
  private final Blocking blocking;
  private final ImageDataProvider images;
  private final String cluster;
  private final Instant now;
  private final List<String> workloadPolicyIds;
  private final List<String> objectPolicyIds;
  private final boolean judgesAcrossInput;
  // Created on the first workload in a namespace with Pod Security labels, so that runs without
  // such labels never load the Pod Security classes.
  private volatile @Nullable PodSecurityAdmission podSecurity;
  private final Set<String> podSecurityPolicies;

  public CheckRun(
      CompiledPolicySet policies,
      ManifestReader reader,
      Blocking blocking,
      ImageDataProvider images,
      String cluster,
      Instant now,
      Set<String> podSecurityPolicies) {
    this.policies = policies;
    this.podSecurityPolicies = Set.copyOf(podSecurityPolicies);
    this.reader = reader;
    this.blocking = blocking;
    this.images = images;
    this.cluster = cluster;
    this.now = now;
    List<String> forWorkloads = new ArrayList<>();
    List<String> forObjects = new ArrayList<>();
    for (CompiledPolicy compiled : deployPolicies()) {
      forWorkloads.add(compiled.policy().id());
      if (compiled.evaluatesEveryObject()) {
        forObjects.add(compiled.policy().id());
      }
    }
    this.workloadPolicyIds = List.copyOf(forWorkloads);
    this.objectPolicyIds = List.copyOf(forObjects);
    this.judgesAcrossInput = policies.judgesAcrossInput(LifecycleStage.DEPLOY);
  }

  /**
   * Checks the sources.
   *
   * @param inputErrors errors found while resolving the inputs
   * @param inputNotes notes about the input gathered before the check (images that could not be
   *     scanned), reported before the notes of the documents
   */
  public Report run(
      String toolVersion,
      List<ManifestSource> sources,
      List<ManifestError> inputErrors,
      List<ReportNote> inputNotes) {
    ClusterContext context = readContext(sources);
    Evaluated evaluated =
        sources.parallelStream()
            .collect(
                Evaluated::new,
                (into, source) -> evaluate(into, source, context),
                Evaluated::addAll);
    if (judgesAcrossInput) {
      judgeAcrossInput(evaluated);
    }

    List<ObjectResult> results = evaluated.results;
    List<ReportError> errors = new ArrayList<>();
    List<ReportNote> notes = new ArrayList<>(inputNotes);
    notes.addAll(evaluated.notes);
    inputErrors.forEach(error -> errors.add(toReportError(error)));
    errors.addAll(evaluated.errors);
    PodSecurityAdmission admission = podSecurity;
    if (admission != null) {
      admission.labelProblems().forEach(problem -> notes.add(new ReportNote("", 0, problem)));
    }
    return new Report(
        toolVersion,
        policyInfos(),
        List.copyOf(results),
        Summary.of(results, errors),
        List.copyOf(errors),
        List.copyOf(notes),
        expiredExceptions());
  }

  /** Sources are read in parallel into per-thread builders, combined in input order. */
  private ClusterContext readContext(List<ManifestSource> sources) {
    return sources.parallelStream()
        .collect(ClusterContext::builder, this::readContext, ClusterContext.Builder::addAll)
        .build();
  }

  private void readContext(ClusterContext.Builder builder, ManifestSource source) {
    reader.read(
        source,
        ClusterContext::isContextKind,
        new ManifestSink() {
          @Override
          public void object(ManifestObject object) {
            if (ClusterContext.isContextKind(object.kind())) {
              builder.add(object);
            }
          }

          @Override
          public void error(ManifestError error) {
            // Reported by the second pass, which reads every document.
          }
        });
  }

  /** Reads one source into {@code into}, after what it holds already. */
  private void evaluate(Evaluated into, ManifestSource source, ClusterContext context) {
    List<ObjectResult> results = into.results;
    InputIndex.@Nullable Builder index = into.index;
    reader.read(
        source,
        new ManifestSink() {
          @Override
          public void object(ManifestObject object) {
            Workload workload = WorkloadExtractor.extract(object).orElse(null);
            List<DeferredOutcome> deferred = null;
            if (index != null) {
              index.add(object, workload);
              deferred = new ArrayList<>(0);
            }
            results.add(evaluate(object, workload, context, deferred));
            if (deferred != null && !deferred.isEmpty()) {
              into.pending.add(new Pending(results.size() - 1, List.copyOf(deferred)));
            }
          }

          @Override
          public void error(ManifestError error) {
            into.errors.add(toReportError(error));
          }

          @Override
          public void note(ManifestNote note) {
            into.notes.add(new ReportNote(note.file(), note.line(), note.message()));
          }
        });
  }

  /** {@code deferred} collects what checks judged across the input keep; null when none runs. */
  private ObjectResult evaluate(
      ManifestObject object,
      @Nullable Workload workload,
      ClusterContext context,
      @Nullable List<DeferredOutcome> deferred) {
    WorkloadContext workloadContext = workload == null ? null : context.contextOf(workload);
    EvaluationInput input =
        new EvaluationInput(object, workload, workloadContext, images, cluster, now);
    List<Finding> findings = new ArrayList<>();
    List<NotEvaluated> notEvaluated = new ArrayList<>();
    List<PolicyOutcome> outcomes =
        deferred == null
            ? policies.evaluate(input, LifecycleStage.DEPLOY)
            : policies.evaluate(input, LifecycleStage.DEPLOY, deferred::add);
    for (PolicyOutcome outcome : outcomes) {
      Policy policy = outcome.policy().policy();
      switch (outcome.status()) {
        case VIOLATED -> {
          for (Violation violation : outcome.violations()) {
            findings.add(toFinding(policy, violation));
          }
        }
        case NOT_EVALUATED ->
            notEvaluated.add(new NotEvaluated(policy.name(), policy.id(), outcome.reason()));
      }
    }
    List<String> applicable = workload != null ? workloadPolicyIds : objectPolicyIds;
    if (workload != null
        && workloadContext != null
        && !podSecurityPolicies.isEmpty()
        && PodSecurityAdmission.applies(workloadContext.namespaceLabels())) {
      PodSecurityAdmission.Outcome admission =
          podSecurity().evaluate(workload, workloadContext.namespaceLabels());
      findings.addAll(admission.findings());
      applicable = new ArrayList<>(applicable);
      applicable.addAll(admission.policyIds());
    }
    Location location = object.location();
    ObjectRef ref =
        new ObjectRef(
            object.apiVersion(),
            object.kind(),
            workload != null ? workload.namespace() : object.namespace(),
            object.name(),
            location.file(),
            location.line());
    return new ObjectResult(ref, List.copyOf(findings), List.copyOf(notEvaluated), applicable);
  }

  private PodSecurityAdmission podSecurity() {
    PodSecurityAdmission admission = podSecurity;
    if (admission != null) {
      return admission;
    }
    synchronized (this) {
      admission = podSecurity;
      if (admission == null) {
        admission = new PodSecurityAdmission(blocking, podSecurityPolicies);
        podSecurity = admission;
      }
      return admission;
    }
  }

  /**
   * Builds the index of the whole input, judges every deferred outcome against it and appends the
   * findings to the results of the objects they were kept from, in policy order after the object's
   * other findings.
   */
  private void judgeAcrossInput(Evaluated evaluated) {
    InputIndex index = Objects.requireNonNull(evaluated.index).build();
    for (Pending pending : evaluated.pending) {
      ObjectResult judged = evaluated.results.get(pending.result());
      List<Finding> findings = new ArrayList<>(judged.violations());
      for (DeferredOutcome deferred : pending.outcomes()) {
        PolicyOutcome outcome = deferred.judge(index);
        if (outcome != null) {
          for (Violation violation : outcome.violations()) {
            findings.add(toFinding(outcome.policy().policy(), violation));
          }
        }
      }
      evaluated.results.set(
          pending.result(),
          new ObjectResult(
              judged.object(), findings, judged.notEvaluated(), judged.applicablePolicyIds()));
    }
  }

  private Finding toFinding(Policy policy, Violation violation) {
    Location location = violation.location();
    Waiver waiver = violation.waiver();
    WaiverInfo waiverInfo =
        waiver == null
            ? null
            : new WaiverInfo(
                waiver.kind() == Waiver.Kind.EXCEPTION ? "exception" : "annotation",
                waiver.name(),
                waiver.reason(),
                waiver.owner(),
                waiver.ticket(),
                waiver.expires() == null ? null : waiver.expires().toString());
    return new Finding(
        policy.name(),
        policy.id(),
        policy.severity(),
        violation.message(),
        location.file(),
        location.line(),
        location.column(),
        violation.path().toString(),
        blocking.blocks(policy, violation.waived()),
        violation.waived(),
        waiverInfo,
        policy.controls());
  }

  private List<CompiledPolicy> deployPolicies() {
    List<CompiledPolicy> out = new ArrayList<>();
    for (CompiledPolicy compiled : policies.policies()) {
      Policy policy = compiled.policy();
      if (!policy.disabled() && policy.hasStage(LifecycleStage.DEPLOY)) {
        out.add(compiled);
      }
    }
    return out;
  }

  private List<PolicyInfo> policyInfos() {
    List<PolicyInfo> infos = new ArrayList<>();
    for (CompiledPolicy compiled : deployPolicies()) {
      Policy policy = compiled.policy();
      infos.add(
          new PolicyInfo(
              policy.id(),
              policy.name(),
              policy.severity(),
              policy.description(),
              policy.rationale(),
              policy.remediation(),
              policy.categories(),
              policy.controls(),
              policy.isEnforcedAt(LifecycleStage.DEPLOY)));
    }
    PodSecurityAdmission admission = podSecurity;
    if (admission != null) {
      infos.addAll(admission.policyInfos());
    }
    return List.copyOf(infos);
  }

  private List<ExpiredException> expiredExceptions() {
    return policies.expiredExceptions(now).stream()
        .map(exception ->
            new ExpiredException(
                exception.name(),
                exception.file(),
                String.valueOf(exception.expires()),
                exception.owner()))
        .toList();
  }

  private static ReportError toReportError(ManifestError error) {
    return new ReportError(error.file(), error.line(), error.column(), error.message());
  }

  /**
   * What consecutive sources gave, in input order: one thread fills it source after source, then it
   * is combined with what the sources after it gave, as the context pass combines its builders.
   * {@code index} is null when no check is judged across the input. Not thread-safe.
   */
  private final class Evaluated {
    final List<ObjectResult> results = new ArrayList<>();
    final List<ReportError> errors = new ArrayList<>();
    final List<ReportNote> notes = new ArrayList<>();
    final InputIndex.@Nullable Builder index = judgesAcrossInput ? InputIndex.builder() : null;
    final List<Pending> pending = new ArrayList<>();

    Evaluated addAll(Evaluated later) {
      int offset = results.size();
      for (Pending each : later.pending) {
        pending.add(new Pending(each.result() + offset, each.outcomes()));
      }
      results.addAll(later.results);
      errors.addAll(later.errors);
      notes.addAll(later.notes);
      if (index != null && later.index != null) {
        index.addAll(later.index);
      }
      return this;
    }
  }

  /** The deferred outcomes of the object whose result is at {@code result} in the results. */
  private record Pending(int result, List<DeferredOutcome> outcomes) {}
}
