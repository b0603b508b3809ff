package dev.bulwark.policy.criteria;

import dev.bulwark.core.workload.Container;
import dev.bulwark.policy.field.PolicyField;
import dev.bulwark.policy.model.PolicyGroup;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The compiled groups of one policy section, sorted by what they read, so the engine can link them:
 * workload criteria are decided once; container criteria must hold for one container; the criteria
 * of one element kind (volume mount, port, environment variable, component, vulnerability,
 * Dockerfile line) must hold for one element of that container. Immutable and thread-safe.
 */
public final class SectionCriteria {
  private final List<Criterion<WorkloadFacts>> workload;
  private final List<Criterion<Container>> container;
  private final List<Criterion<VolumeElement>> volume;
  private final List<Criterion<PortElement>> port;
  private final List<Criterion<EnvironmentElement>> environment;
  private final List<Criterion<ImageFacts>> unscannedImage;
  private final List<Criterion<ImageFacts>> imageMetadata;
  private final List<Criterion<ImageFacts>> imageScan;
  private final List<Criterion<DockerfileElement>> dockerfile;
  private final List<Criterion<ComponentElement>> component;
  private final List<Criterion<VulnerabilityElement>> vulnerability;
  private final List<PolicyField> runtime;
  private final List<PolicyField> imageMetadataFields;
  private final List<PolicyField> scanFields;
  private final List<PolicyField> imageDataFields;
  private final boolean readsContainers;

  private SectionCriteria(Builder builder) {
    workload = List.copyOf(builder.workload);
    container = List.copyOf(builder.container);
    volume = List.copyOf(builder.volume);
    port = List.copyOf(builder.port);
    environment = List.copyOf(builder.environment);
    unscannedImage = List.copyOf(builder.unscannedImage);
    imageMetadata = List.copyOf(builder.imageMetadata);
    imageScan = List.copyOf(builder.imageScan);
    dockerfile = List.copyOf(builder.dockerfile);
    component = List.copyOf(builder.component);
    vulnerability = List.copyOf(builder.vulnerability);
    runtime = List.copyOf(builder.runtime);
    imageMetadataFields = concat(fieldsOf(imageMetadata), fieldsOf(dockerfile));
    scanFields = concat(concat(fieldsOf(imageScan), fieldsOf(component)), fieldsOf(vulnerability));
    imageDataFields = concat(concat(fieldsOf(unscannedImage), imageMetadataFields), scanFields);
    readsContainers =
        !container.isEmpty()
            || !volume.isEmpty()
            || !port.isEmpty()
            || !environment.isEmpty()
            || !imageDataFields.isEmpty();
  }

  public static Builder builder() {
    return new Builder();
  }

  public List<Criterion<WorkloadFacts>> workload() {
    return workload;
  }

  public List<Criterion<Container>> container() {
    return container;
  }

  public List<Criterion<VolumeElement>> volume() {
    return volume;
  }

  public List<Criterion<PortElement>> port() {
    return port;
  }

  public List<Criterion<EnvironmentElement>> environment() {
    return environment;
  }

  /** Unscanned Image: decided even for images nobody has data for. */
  public List<Criterion<ImageFacts>> unscannedImage() {
    return unscannedImage;
  }

  /** Image criteria read from metadata (user, age, labels, signatures). */
  public List<Criterion<ImageFacts>> imageMetadata() {
    return imageMetadata;
  }

  /** Image criteria read from a scan (OS, scan age). */
  public List<Criterion<ImageFacts>> imageScan() {
    return imageScan;
  }

  public List<Criterion<DockerfileElement>> dockerfile() {
    return dockerfile;
  }

  public List<Criterion<ComponentElement>> component() {
    return component;
  }

  public List<Criterion<VulnerabilityElement>> vulnerability() {
    return vulnerability;
  }

  /** Runtime criteria: only the sensor can decide them. */
  public List<PolicyField> runtime() {
    return runtime;
  }

  /** True when some criterion is decided per container (anything but workload and runtime). */
  public boolean readsContainers() {
    return readsContainers;
  }

  public boolean readsImageData() {
    return !imageDataFields.isEmpty();
  }

  /** Fields of the criteria that need image data, in this order: unscanned, metadata, scan. */
  public List<PolicyField> imageDataFields() {
    return imageDataFields;
  }

  /** Fields decided from image metadata: metadata criteria and Dockerfile lines. */
  public List<PolicyField> imageMetadataFields() {
    return imageMetadataFields;
  }

  /** Fields decided from a scan: OS, scan age, components and vulnerabilities. */
  public List<PolicyField> scanFields() {
    return scanFields;
  }

  private static List<PolicyField> concat(List<PolicyField> first, List<PolicyField> second) {
    List<PolicyField> all = new ArrayList<>(first);
    all.addAll(second);
    return List.copyOf(all);
  }

  private static List<PolicyField> fieldsOf(List<? extends Criterion<?>> criteria) {
    List<PolicyField> fields = new ArrayList<>(criteria.size());
    for (Criterion<?> criterion : criteria) {
      fields.add(criterion.field());
    }
    return fields;
  }

  /** Collects the groups of one section; not thread-safe. */
  public static final class Builder {
    private final List<Criterion<WorkloadFacts>> workload = new ArrayList<>();
    private final List<Criterion<Container>> container = new ArrayList<>();
    private final List<Criterion<VolumeElement>> volume = new ArrayList<>();
    private final List<Criterion<PortElement>> port = new ArrayList<>();
    private final List<Criterion<EnvironmentElement>> environment = new ArrayList<>();
    private final List<Criterion<ImageFacts>> unscannedImage = new ArrayList<>();
    private final List<Criterion<ImageFacts>> imageMetadata = new ArrayList<>();
    private final List<Criterion<ImageFacts>> imageScan = new ArrayList<>();
    private final List<Criterion<DockerfileElement>> dockerfile = new ArrayList<>();
    private final List<Criterion<ComponentElement>> component = new ArrayList<>();
    private final List<Criterion<VulnerabilityElement>> vulnerability = new ArrayList<>();
    private final List<PolicyField> runtime = new ArrayList<>();

    private Builder() {}

    /**
     * Compiles one group of {@code field}. Problems (bad values, a forbidden negation, too many
     * values) are added to {@code problems} and the group is left out.
     */
    public Builder add(PolicyField field, PolicyGroup group, List<ValueProblem> problems) {
      if (hasValidShape(field, group, problems)) {
        addCompiled(field, group, problems);
      }
      return this;
    }

    public SectionCriteria build() {
      return new SectionCriteria(this);
    }

    private static boolean hasValidShape(
        PolicyField field, PolicyGroup group, List<ValueProblem> problems) {
      String name = Text.quote(field.fieldName());
      int before = problems.size();
      if (group.values().isEmpty()) {
        problems.add(ValueProblem.ofGroup(name + " needs at least one value"));
      }
      if (field.singleValue() && group.values().size() > 1) {
        problems.add(
            ValueProblem.ofGroup(
                name + " takes exactly one value, found " + group.values().size()));
      }
      if (field.negationForbidden() && group.negate()) {
        problems.add(ValueProblem.ofGroup(name + " cannot be negated"));
      }
      return problems.size() == before;
    }

    private void addCompiled(PolicyField field, PolicyGroup group, List<ValueProblem> problems) {
      switch (field) {
        case NAMESPACE -> add(workload, WorkloadCriteria.namespace(group, problems));
        case HOST_NETWORK -> add(workload, WorkloadCriteria.hostNetwork(group, problems));
        case HOST_PID -> add(workload, WorkloadCriteria.hostPid(group, problems));
        case HOST_IPC -> add(workload, WorkloadCriteria.hostIpc(group, problems));
        case REPLICAS -> add(workload, WorkloadCriteria.replicas(group, problems));
        case REQUIRED_LABEL -> add(workload, WorkloadCriteria.requiredLabel(group, problems));
        case REQUIRED_ANNOTATION ->
            add(workload, WorkloadCriteria.requiredAnnotation(group, problems));
        case DISALLOWED_ANNOTATION ->
            add(workload, WorkloadCriteria.disallowedAnnotation(group, problems));
        case SERVICE_ACCOUNT -> add(workload, WorkloadCriteria.serviceAccount(group, problems));
        case AUTOMOUNT_SERVICE_ACCOUNT_TOKEN ->
            add(workload, WorkloadCriteria.automountServiceAccountToken(group, problems));
        case MINIMUM_RBAC_PERMISSIONS ->
            add(workload, WorkloadCriteria.minimumRbacPermissions(group, problems));
        case HAS_INGRESS_NETWORK_POLICY ->
            add(workload, WorkloadCriteria.hasIngressNetworkPolicy(group, problems));
        case HAS_EGRESS_NETWORK_POLICY ->
            add(workload, WorkloadCriteria.hasEgressNetworkPolicy(group, problems));
        case RUNTIME_CLASS -> add(workload, WorkloadCriteria.runtimeClass(group, problems));
        case PRIVILEGED_CONTAINER -> add(container, ContainerCriteria.privileged(group, problems));
        case ALLOW_PRIVILEGE_ESCALATION ->
            add(container, ContainerCriteria.allowPrivilegeEscalation(group, problems));
        case READ_ONLY_ROOT_FILESYSTEM ->
            add(container, ContainerCriteria.readOnlyRootFilesystem(group, problems));
        case ADD_CAPABILITIES -> add(container, ContainerCriteria.addCapabilities(group, problems));
        case DROP_CAPABILITIES ->
            add(container, ContainerCriteria.dropCapabilities(group, problems));
        case CONTAINER_NAME -> add(container, ContainerCriteria.containerName(group, problems));
        case IMAGE_TAG -> add(container, ContainerCriteria.imageTag(group, problems));
        case IMAGE_REGISTRY -> add(container, ContainerCriteria.imageRegistry(group, problems));
        case IMAGE_REMOTE -> add(container, ContainerCriteria.imageRemote(group, problems));
        case CONTAINER_CPU_REQUEST -> add(container, ContainerCriteria.cpuRequest(group, problems));
        case CONTAINER_CPU_LIMIT -> add(container, ContainerCriteria.cpuLimit(group, problems));
        case CONTAINER_MEMORY_REQUEST ->
            add(container, ContainerCriteria.memoryRequest(group, problems));
        case CONTAINER_MEMORY_LIMIT ->
            add(container, ContainerCriteria.memoryLimit(group, problems));
        case LIVENESS_PROBE_DEFINED ->
            add(container, ContainerCriteria.livenessProbeDefined(group, problems));
        case READINESS_PROBE_DEFINED ->
            add(container, ContainerCriteria.readinessProbeDefined(group, problems));
        case SECCOMP_PROFILE_TYPE ->
            add(container, ContainerCriteria.seccompProfileType(group, problems));
        case APPARMOR_PROFILE -> add(container, ContainerCriteria.appArmorProfile(group, problems));
        case VOLUME_NAME -> add(volume, VolumeCriteria.volumeName(group, problems));
        case VOLUME_SOURCE -> add(volume, VolumeCriteria.volumeSource(group, problems));
        case VOLUME_DESTINATION -> add(volume, VolumeCriteria.volumeDestination(group, problems));
        case VOLUME_TYPE -> add(volume, VolumeCriteria.volumeType(group, problems));
        case WRITABLE_MOUNTED_VOLUME ->
            add(volume, VolumeCriteria.writableMountedVolume(group, problems));
        case WRITABLE_HOST_MOUNT -> add(volume, VolumeCriteria.writableHostMount(group, problems));
        case MOUNT_PROPAGATION -> add(volume, VolumeCriteria.mountPropagation(group, problems));
        case EXPOSED_PORT -> add(port, PortCriteria.exposedPort(group, problems));
        case EXPOSED_PORT_PROTOCOL -> add(port, PortCriteria.exposedPortProtocol(group, problems));
        case EXPOSED_NODE_PORT -> add(port, PortCriteria.exposedNodePort(group, problems));
        case PORT_EXPOSURE_METHOD -> add(port, PortCriteria.portExposureMethod(group, problems));
        case ENVIRONMENT_VARIABLE ->
            add(environment, EnvironmentCriteria.environmentVariable(group, problems));
        case UNSCANNED_IMAGE -> add(unscannedImage, ImageCriteria.unscannedImage(group, problems));
        case IMAGE_USER -> add(imageMetadata, ImageCriteria.imageUser(group, problems));
        case IMAGE_AGE -> add(imageMetadata, ImageCriteria.imageAge(group, problems));
        case REQUIRED_IMAGE_LABEL ->
            add(imageMetadata, ImageCriteria.requiredImageLabel(group, problems));
        case DISALLOWED_IMAGE_LABEL ->
            add(imageMetadata, ImageCriteria.disallowedImageLabel(group, problems));
        case IMAGE_SIGNATURE_VERIFIED_BY ->
            add(imageMetadata, ImageCriteria.imageSignatureVerifiedBy(group, problems));
        case IMAGE_OS -> add(imageScan, ImageCriteria.imageOs(group, problems));
        case IMAGE_SCAN_AGE -> add(imageScan, ImageCriteria.imageScanAge(group, problems));
        case DOCKERFILE_LINE -> add(dockerfile, ImageCriteria.dockerfileLine(group, problems));
        case IMAGE_COMPONENT -> add(component, ImageCriteria.imageComponent(group, problems));
        case CVE -> add(vulnerability, VulnerabilityCriteria.cve(group, problems));
        case CVSS -> add(vulnerability, VulnerabilityCriteria.cvss(group, problems));
        case NVD_CVSS -> add(vulnerability, VulnerabilityCriteria.nvdCvss(group, problems));
        case SEVERITY -> add(vulnerability, VulnerabilityCriteria.severity(group, problems));
        case FIXABLE -> add(vulnerability, VulnerabilityCriteria.fixable(group, problems));
        case FIXED_BY -> add(vulnerability, VulnerabilityCriteria.fixedBy(group, problems));
        case DAYS_SINCE_CVE_FIX_WAS_AVAILABLE ->
            add(vulnerability, VulnerabilityCriteria.daysSinceFixAvailable(group, problems));
        case DAYS_SINCE_CVE_WAS_FIRST_DISCOVERED_IN_IMAGE ->
            add(
                vulnerability,
                VulnerabilityCriteria.daysSinceFirstDiscoveredInImage(group, problems));
        case DAYS_SINCE_CVE_WAS_FIRST_DISCOVERED_IN_SYSTEM ->
            add(
                vulnerability,
                VulnerabilityCriteria.daysSinceFirstDiscoveredInSystem(group, problems));
        case DAYS_SINCE_CVE_WAS_PUBLISHED ->
            add(vulnerability, VulnerabilityCriteria.daysSincePublished(group, problems));
        case FILE_OPERATION,
            FILE_PATH,
            IS_IMPERSONATED_USER,
            KUBERNETES_API_VERB,
            KUBERNETES_RESOURCE,
            KUBERNETES_RESOURCE_NAME,
            KUBERNETES_USER_GROUPS,
            KUBERNETES_USER_NAME,
            PROCESS_ANCESTOR,
            PROCESS_ARGUMENTS,
            PROCESS_NAME,
            PROCESS_UID,
            SOURCE_IP_ADDRESS,
            UNEXPECTED_NETWORK_FLOW_DETECTED,
            UNEXPECTED_PROCESS_EXECUTED,
            USER_AGENT ->
            runtime.add(field);
      }
    }

    private static <S> void add(List<Criterion<S>> criteria, @Nullable Criterion<S> criterion) {
      if (criterion != null) {
        criteria.add(criterion);
      }
    }
  }
}
