package dev.bulwark.policy.field;

import dev.bulwark.policy.model.EventSource;
import dev.bulwark.policy.model.LifecycleStage;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Every policy criterion StackRox defines (79 fields), with the metadata validation and compilation
 * need. Names are exactly StackRox's {@code fieldName} strings.
 */
public enum PolicyField {
  ADD_CAPABILITIES(
      "Add Capabilities",
      EnumSet.of(LifecycleStage.DEPLOY, LifecycleStage.RUNTIME),
      EnumSet.of(EventSource.NOT_APPLICABLE),
      EnumSet.noneOf(RuntimeType.class),
      "Linux capability name (no ALL)",
      true,
      false,
      false),
  ALLOW_PRIVILEGE_ESCALATION(
      "Allow Privilege Escalation",
      EnumSet.of(LifecycleStage.DEPLOY, LifecycleStage.RUNTIME),
      EnumSet.of(EventSource.NOT_APPLICABLE),
      EnumSet.noneOf(RuntimeType.class),
      "bool true|false",
      true,
      true,
      false),
  APPARMOR_PROFILE(
      "AppArmor Profile",
      EnumSet.of(LifecycleStage.DEPLOY, LifecycleStage.RUNTIME),
      EnumSet.of(EventSource.NOT_APPLICABLE),
      EnumSet.noneOf(RuntimeType.class),
      "regex string (non-blank)",
      false,
      false,
      false),
  AUTOMOUNT_SERVICE_ACCOUNT_TOKEN(
      "Automount Service Account Token",
      EnumSet.of(LifecycleStage.DEPLOY, LifecycleStage.RUNTIME),
      EnumSet.of(EventSource.NOT_APPLICABLE),
      EnumSet.noneOf(RuntimeType.class),
      "bool true|false",
      true,
      true,
      false),
  CVE(
      "CVE",
      EnumSet.of(LifecycleStage.BUILD, LifecycleStage.DEPLOY, LifecycleStage.RUNTIME),
      EnumSet.of(EventSource.NOT_APPLICABLE),
      EnumSet.noneOf(RuntimeType.class),
      "regex string (non-blank)",
      false,
      false,
      true),
  CVSS(
      "CVSS",
      EnumSet.of(LifecycleStage.BUILD, LifecycleStage.DEPLOY, LifecycleStage.RUNTIME),
      EnumSet.of(EventSource.NOT_APPLICABLE),
      EnumSet.noneOf(RuntimeType.class),
      "[<|>|<=|>=] N decimal",
      true,
      false,
      true),
  CONTAINER_CPU_LIMIT(
      "Container CPU Limit",
      EnumSet.of(LifecycleStage.DEPLOY, LifecycleStage.RUNTIME),
      EnumSet.of(EventSource.NOT_APPLICABLE),
      EnumSet.noneOf(RuntimeType.class),
      "[<|>|<=|>=] N decimal",
      true,
      false,
      false),
  CONTAINER_CPU_REQUEST(
      "Container CPU Request",
      EnumSet.of(LifecycleStage.DEPLOY, LifecycleStage.RUNTIME),
      EnumSet.of(EventSource.NOT_APPLICABLE),
      EnumSet.noneOf(RuntimeType.class),
      "[<|>|<=|>=] N decimal",
      true,
      false,
      false),
  CONTAINER_MEMORY_LIMIT(
      "Container Memory Limit",
      EnumSet.of(LifecycleStage.DEPLOY, LifecycleStage.RUNTIME),
      EnumSet.of(EventSource.NOT_APPLICABLE),
      EnumSet.noneOf(RuntimeType.class),
      "[<|>|<=|>=] N decimal",
      true,
      false,
      false),
  CONTAINER_MEMORY_REQUEST(
      "Container Memory Request",
      EnumSet.of(LifecycleStage.DEPLOY, LifecycleStage.RUNTIME),
      EnumSet.of(EventSource.NOT_APPLICABLE),
      EnumSet.noneOf(RuntimeType.class),
      "[<|>|<=|>=] N decimal",
      true,
      false,
      false),
  CONTAINER_NAME(
      "Container Name",
      EnumSet.of(LifecycleStage.DEPLOY, LifecycleStage.RUNTIME),
      EnumSet.of(EventSource.NOT_APPLICABLE),
      EnumSet.noneOf(RuntimeType.class),
      "regex string (non-blank)",
      false,
      false,
      false),
  DAYS_SINCE_CVE_FIX_WAS_AVAILABLE(
      "Days Since CVE Fix Was Available",
      EnumSet.of(LifecycleStage.BUILD, LifecycleStage.DEPLOY, LifecycleStage.RUNTIME),
      EnumSet.of(EventSource.NOT_APPLICABLE),
      EnumSet.noneOf(RuntimeType.class),
      "integer (days)",
      true,
      true,
      true),
  DAYS_SINCE_CVE_WAS_FIRST_DISCOVERED_IN_IMAGE(
      "Days Since CVE Was First Discovered In Image",
      EnumSet.of(LifecycleStage.BUILD, LifecycleStage.DEPLOY, LifecycleStage.RUNTIME),
      EnumSet.of(EventSource.NOT_APPLICABLE),
      EnumSet.noneOf(RuntimeType.class),
      "integer (days)",
      true,
      true,
      true),
  DAYS_SINCE_CVE_WAS_FIRST_DISCOVERED_IN_SYSTEM(
      "Days Since CVE Was First Discovered In System",
      EnumSet.of(LifecycleStage.BUILD, LifecycleStage.DEPLOY, LifecycleStage.RUNTIME),
      EnumSet.of(EventSource.NOT_APPLICABLE),
      EnumSet.noneOf(RuntimeType.class),
      "integer (days)",
      true,
      true,
      true),
  DAYS_SINCE_CVE_WAS_PUBLISHED(
      "Days Since CVE Was Published",
      EnumSet.of(LifecycleStage.BUILD, LifecycleStage.DEPLOY, LifecycleStage.RUNTIME),
      EnumSet.of(EventSource.NOT_APPLICABLE),
      EnumSet.noneOf(RuntimeType.class),
      "integer (days)",
      true,
      true,
      true),
  DISALLOWED_ANNOTATION(
      "Disallowed Annotation",
      EnumSet.of(LifecycleStage.DEPLOY, LifecycleStage.RUNTIME),
      EnumSet.of(EventSource.NOT_APPLICABLE),
      EnumSet.noneOf(RuntimeType.class),
      "key=value (validator: non-blank string)",
      true,
      false,
      false),
  DISALLOWED_IMAGE_LABEL(
      "Disallowed Image Label",
      EnumSet.of(LifecycleStage.BUILD, LifecycleStage.DEPLOY, LifecycleStage.RUNTIME),
      EnumSet.of(EventSource.NOT_APPLICABLE),
      EnumSet.noneOf(RuntimeType.class),
      "key=value (regex each side)",
      true,
      false,
      true),
  DOCKERFILE_LINE(
      "Dockerfile Line",
      EnumSet.of(LifecycleStage.BUILD, LifecycleStage.DEPLOY, LifecycleStage.RUNTIME),
      EnumSet.of(EventSource.NOT_APPLICABLE),
      EnumSet.noneOf(RuntimeType.class),
      "INSTRUCTION=regex"
          + " (ADD|ARG|CMD|COPY|ENTRYPOINT|ENV|EXPOSE|FROM|LABEL|MAINTAINER|ONBUILD|RUN|STOPSIGNAL|USER|VOLUME|WORKDIR"
          + " or empty)",
      true,
      false,
      true),
  DROP_CAPABILITIES(
      "Drop Capabilities",
      EnumSet.of(LifecycleStage.DEPLOY, LifecycleStage.RUNTIME),
      EnumSet.of(EventSource.NOT_APPLICABLE),
      EnumSet.noneOf(RuntimeType.class),
      "Linux capability name or ALL",
      true,
      false,
      false),
  ENVIRONMENT_VARIABLE(
      "Environment Variable",
      EnumSet.of(LifecycleStage.DEPLOY, LifecycleStage.RUNTIME),
      EnumSet.of(EventSource.NOT_APPLICABLE),
      EnumSet.noneOf(RuntimeType.class),
      "SOURCE=key=value,"
          + " SOURCE∈UNSET/RAW/SECRET_KEY/CONFIG_MAP_KEY/FIELD/RESOURCE_FIELD/UNKNOWN/empty",
      true,
      false,
      false),
  EXPOSED_NODE_PORT(
      "Exposed Node Port",
      EnumSet.of(LifecycleStage.DEPLOY, LifecycleStage.RUNTIME),
      EnumSet.of(EventSource.NOT_APPLICABLE),
      EnumSet.noneOf(RuntimeType.class),
      "[<|>|<=|>=] N decimal",
      false,
      false,
      false),
  EXPOSED_PORT(
      "Exposed Port",
      EnumSet.of(LifecycleStage.DEPLOY, LifecycleStage.RUNTIME),
      EnumSet.of(EventSource.NOT_APPLICABLE),
      EnumSet.noneOf(RuntimeType.class),
      "[<|>|<=|>=] N decimal",
      false,
      false,
      false),
  EXPOSED_PORT_PROTOCOL(
      "Exposed Port Protocol",
      EnumSet.of(LifecycleStage.DEPLOY, LifecycleStage.RUNTIME),
      EnumSet.of(EventSource.NOT_APPLICABLE),
      EnumSet.noneOf(RuntimeType.class),
      "regex string (non-blank)",
      false,
      false,
      false),
  FILE_OPERATION(
      "File Operation",
      EnumSet.of(LifecycleStage.RUNTIME),
      EnumSet.of(EventSource.DEPLOYMENT_EVENT, EventSource.NODE_EVENT),
      EnumSet.of(RuntimeType.FILE_ACCESS),
      "OPEN|CREATE|RENAME|UNLINK|OWNERSHIP_CHANGE|PERMISSION_CHANGE|XATTR_CHANGE",
      false,
      false,
      false),
  FILE_PATH(
      "File Path",
      EnumSet.of(LifecycleStage.RUNTIME),
      EnumSet.of(EventSource.DEPLOYMENT_EVENT, EventSource.NODE_EVENT),
      EnumSet.of(RuntimeType.FILE_ACCESS),
      "absolute path, glob (doublestar) allowed, no ..",
      true,
      false,
      false),
  FIXABLE(
      "Fixable",
      EnumSet.of(LifecycleStage.BUILD, LifecycleStage.DEPLOY, LifecycleStage.RUNTIME),
      EnumSet.of(EventSource.NOT_APPLICABLE),
      EnumSet.noneOf(RuntimeType.class),
      "bool true|false",
      true,
      true,
      true),
  FIXED_BY(
      "Fixed By",
      EnumSet.of(LifecycleStage.BUILD, LifecycleStage.DEPLOY, LifecycleStage.RUNTIME),
      EnumSet.of(EventSource.NOT_APPLICABLE),
      EnumSet.noneOf(RuntimeType.class),
      "regex string (non-blank)",
      false,
      false,
      true),
  HAS_EGRESS_NETWORK_POLICY(
      "Has Egress Network Policy",
      EnumSet.of(LifecycleStage.DEPLOY, LifecycleStage.RUNTIME),
      EnumSet.of(EventSource.NOT_APPLICABLE),
      EnumSet.noneOf(RuntimeType.class),
      "bool true|false",
      false,
      true,
      false),
  HAS_INGRESS_NETWORK_POLICY(
      "Has Ingress Network Policy",
      EnumSet.of(LifecycleStage.DEPLOY, LifecycleStage.RUNTIME),
      EnumSet.of(EventSource.NOT_APPLICABLE),
      EnumSet.noneOf(RuntimeType.class),
      "bool true|false",
      false,
      true,
      false),
  HOST_IPC(
      "Host IPC",
      EnumSet.of(LifecycleStage.DEPLOY, LifecycleStage.RUNTIME),
      EnumSet.of(EventSource.NOT_APPLICABLE),
      EnumSet.noneOf(RuntimeType.class),
      "bool true|false",
      true,
      true,
      false),
  HOST_NETWORK(
      "Host Network",
      EnumSet.of(LifecycleStage.DEPLOY, LifecycleStage.RUNTIME),
      EnumSet.of(EventSource.NOT_APPLICABLE),
      EnumSet.noneOf(RuntimeType.class),
      "bool true|false",
      true,
      true,
      false),
  HOST_PID(
      "Host PID",
      EnumSet.of(LifecycleStage.DEPLOY, LifecycleStage.RUNTIME),
      EnumSet.of(EventSource.NOT_APPLICABLE),
      EnumSet.noneOf(RuntimeType.class),
      "bool true|false",
      true,
      true,
      false),
  IMAGE_AGE(
      "Image Age",
      EnumSet.of(LifecycleStage.BUILD, LifecycleStage.DEPLOY, LifecycleStage.RUNTIME),
      EnumSet.of(EventSource.NOT_APPLICABLE),
      EnumSet.noneOf(RuntimeType.class),
      "integer (days)",
      true,
      true,
      true),
  IMAGE_COMPONENT(
      "Image Component",
      EnumSet.of(LifecycleStage.BUILD, LifecycleStage.DEPLOY, LifecycleStage.RUNTIME),
      EnumSet.of(EventSource.NOT_APPLICABLE),
      EnumSet.noneOf(RuntimeType.class),
      "key=value (regex each side)",
      true,
      false,
      true),
  IMAGE_OS(
      "Image OS",
      EnumSet.of(LifecycleStage.BUILD, LifecycleStage.DEPLOY, LifecycleStage.RUNTIME),
      EnumSet.of(EventSource.NOT_APPLICABLE),
      EnumSet.noneOf(RuntimeType.class),
      "regex string (non-blank)",
      false,
      false,
      true),
  IMAGE_REGISTRY(
      "Image Registry",
      EnumSet.of(LifecycleStage.BUILD, LifecycleStage.DEPLOY, LifecycleStage.RUNTIME),
      EnumSet.of(EventSource.NOT_APPLICABLE),
      EnumSet.noneOf(RuntimeType.class),
      "regex string (non-blank)",
      false,
      false,
      false),
  IMAGE_REMOTE(
      "Image Remote",
      EnumSet.of(LifecycleStage.BUILD, LifecycleStage.DEPLOY, LifecycleStage.RUNTIME),
      EnumSet.of(EventSource.NOT_APPLICABLE),
      EnumSet.noneOf(RuntimeType.class),
      "regex string (non-blank)",
      false,
      false,
      false),
  IMAGE_SCAN_AGE(
      "Image Scan Age",
      EnumSet.of(LifecycleStage.BUILD, LifecycleStage.DEPLOY, LifecycleStage.RUNTIME),
      EnumSet.of(EventSource.NOT_APPLICABLE),
      EnumSet.noneOf(RuntimeType.class),
      "integer (days)",
      true,
      true,
      true),
  IMAGE_SIGNATURE_VERIFIED_BY(
      "Image Signature Verified By",
      EnumSet.of(LifecycleStage.BUILD, LifecycleStage.DEPLOY, LifecycleStage.RUNTIME),
      EnumSet.of(EventSource.NOT_APPLICABLE),
      EnumSet.noneOf(RuntimeType.class),
      "io.stackrox.signatureintegration.<uuid>",
      true,
      false,
      true),
  IMAGE_TAG(
      "Image Tag",
      EnumSet.of(LifecycleStage.BUILD, LifecycleStage.DEPLOY, LifecycleStage.RUNTIME),
      EnumSet.of(EventSource.NOT_APPLICABLE),
      EnumSet.noneOf(RuntimeType.class),
      "regex string (non-blank)",
      false,
      false,
      false),
  IMAGE_USER(
      "Image User",
      EnumSet.of(LifecycleStage.BUILD, LifecycleStage.DEPLOY, LifecycleStage.RUNTIME),
      EnumSet.of(EventSource.NOT_APPLICABLE),
      EnumSet.noneOf(RuntimeType.class),
      "regex string (non-blank)",
      false,
      false,
      true),
  IS_IMPERSONATED_USER(
      "Is Impersonated User",
      EnumSet.of(LifecycleStage.RUNTIME),
      EnumSet.of(EventSource.AUDIT_LOG_EVENT),
      EnumSet.of(RuntimeType.AUDIT_LOG),
      "bool true|false",
      true,
      true,
      false),
  KUBERNETES_API_VERB(
      "Kubernetes API Verb",
      EnumSet.of(LifecycleStage.RUNTIME),
      EnumSet.of(EventSource.AUDIT_LOG_EVENT),
      EnumSet.of(RuntimeType.AUDIT_LOG),
      "CREATE|DELETE|GET|PATCH|UPDATE",
      true,
      false,
      false),
  KUBERNETES_RESOURCE(
      "Kubernetes Resource",
      EnumSet.of(LifecycleStage.RUNTIME),
      EnumSet.of(EventSource.AUDIT_LOG_EVENT, EventSource.DEPLOYMENT_EVENT),
      EnumSet.of(RuntimeType.KUBE_EVENT, RuntimeType.AUDIT_LOG),
      "PODS_EXEC|PODS_PORTFORWARD|PODS_ATTACH (deployment events); audit:"
          + " SECRETS|CONFIGMAPS|CLUSTER_ROLES|CLUSTER_ROLE_BINDINGS|NETWORK_POLICIES|SECURITY_CONTEXT_CONSTRAINTS|EGRESS_FIREWALLS",
      true,
      false,
      false),
  KUBERNETES_RESOURCE_NAME(
      "Kubernetes Resource Name",
      EnumSet.of(LifecycleStage.RUNTIME),
      EnumSet.of(EventSource.AUDIT_LOG_EVENT),
      EnumSet.of(RuntimeType.AUDIT_LOG),
      "regex string (non-blank)",
      false,
      false,
      false),
  KUBERNETES_USER_GROUPS(
      "Kubernetes User Groups",
      EnumSet.of(LifecycleStage.RUNTIME),
      EnumSet.of(EventSource.AUDIT_LOG_EVENT, EventSource.DEPLOYMENT_EVENT),
      EnumSet.of(RuntimeType.KUBE_EVENT, RuntimeType.AUDIT_LOG),
      "k8s name ([a-z0-9][-:a-z0-9]*)",
      false,
      false,
      false),
  KUBERNETES_USER_NAME(
      "Kubernetes User Name",
      EnumSet.of(LifecycleStage.RUNTIME),
      EnumSet.of(EventSource.AUDIT_LOG_EVENT, EventSource.DEPLOYMENT_EVENT),
      EnumSet.of(RuntimeType.KUBE_EVENT, RuntimeType.AUDIT_LOG),
      "k8s name ([a-z0-9][-:a-z0-9]*)",
      false,
      false,
      false),
  LIVENESS_PROBE_DEFINED(
      "Liveness Probe Defined",
      EnumSet.of(LifecycleStage.DEPLOY, LifecycleStage.RUNTIME),
      EnumSet.of(EventSource.NOT_APPLICABLE),
      EnumSet.noneOf(RuntimeType.class),
      "bool true|false",
      true,
      true,
      false),
  MINIMUM_RBAC_PERMISSIONS(
      "Minimum RBAC Permissions",
      EnumSet.of(LifecycleStage.DEPLOY, LifecycleStage.RUNTIME),
      EnumSet.of(EventSource.NOT_APPLICABLE),
      EnumSet.noneOf(RuntimeType.class),
      "DEFAULT|ELEVATED_IN_NAMESPACE|ELEVATED_CLUSTER_WIDE|CLUSTER_ADMIN",
      false,
      true,
      false),
  MOUNT_PROPAGATION(
      "Mount Propagation",
      EnumSet.of(LifecycleStage.DEPLOY, LifecycleStage.RUNTIME),
      EnumSet.of(EventSource.NOT_APPLICABLE),
      EnumSet.noneOf(RuntimeType.class),
      "NONE|HOSTTOCONTAINER|BIDIRECTIONAL",
      false,
      false,
      false),
  NVD_CVSS(
      "NVD CVSS",
      EnumSet.of(LifecycleStage.BUILD, LifecycleStage.DEPLOY, LifecycleStage.RUNTIME),
      EnumSet.of(EventSource.NOT_APPLICABLE),
      EnumSet.noneOf(RuntimeType.class),
      "[<|>|<=|>=] N decimal",
      true,
      false,
      true),
  NAMESPACE(
      "Namespace",
      EnumSet.of(LifecycleStage.DEPLOY, LifecycleStage.RUNTIME),
      EnumSet.of(EventSource.NOT_APPLICABLE),
      EnumSet.noneOf(RuntimeType.class),
      "regex string (non-blank)",
      false,
      false,
      false),
  PORT_EXPOSURE_METHOD(
      "Port Exposure Method",
      EnumSet.of(LifecycleStage.DEPLOY, LifecycleStage.RUNTIME),
      EnumSet.of(EventSource.NOT_APPLICABLE),
      EnumSet.noneOf(RuntimeType.class),
      "UNSET|EXTERNAL|NODE|HOST|INTERNAL|ROUTE",
      false,
      false,
      false),
  PRIVILEGED_CONTAINER(
      "Privileged Container",
      EnumSet.of(LifecycleStage.DEPLOY, LifecycleStage.RUNTIME),
      EnumSet.of(EventSource.NOT_APPLICABLE),
      EnumSet.noneOf(RuntimeType.class),
      "bool true|false",
      true,
      true,
      false),
  PROCESS_ANCESTOR(
      "Process Ancestor",
      EnumSet.of(LifecycleStage.RUNTIME),
      EnumSet.of(EventSource.DEPLOYMENT_EVENT, EventSource.NODE_EVENT),
      EnumSet.of(RuntimeType.PROCESS),
      "regex string (non-blank)",
      false,
      false,
      false),
  PROCESS_ARGUMENTS(
      "Process Arguments",
      EnumSet.of(LifecycleStage.RUNTIME),
      EnumSet.of(EventSource.DEPLOYMENT_EVENT, EventSource.NODE_EVENT),
      EnumSet.of(RuntimeType.PROCESS),
      "regex string (non-blank)",
      false,
      false,
      false),
  PROCESS_NAME(
      "Process Name",
      EnumSet.of(LifecycleStage.RUNTIME),
      EnumSet.of(EventSource.DEPLOYMENT_EVENT, EventSource.NODE_EVENT),
      EnumSet.of(RuntimeType.PROCESS),
      "regex string (non-blank)",
      false,
      false,
      false),
  PROCESS_UID(
      "Process UID",
      EnumSet.of(LifecycleStage.RUNTIME),
      EnumSet.of(EventSource.DEPLOYMENT_EVENT, EventSource.NODE_EVENT),
      EnumSet.of(RuntimeType.PROCESS),
      "regex string (non-blank)",
      false,
      false,
      false),
  READ_ONLY_ROOT_FILESYSTEM(
      "Read-Only Root Filesystem",
      EnumSet.of(LifecycleStage.DEPLOY, LifecycleStage.RUNTIME),
      EnumSet.of(EventSource.NOT_APPLICABLE),
      EnumSet.noneOf(RuntimeType.class),
      "bool true|false",
      true,
      true,
      false),
  READINESS_PROBE_DEFINED(
      "Readiness Probe Defined",
      EnumSet.of(LifecycleStage.DEPLOY, LifecycleStage.RUNTIME),
      EnumSet.of(EventSource.NOT_APPLICABLE),
      EnumSet.noneOf(RuntimeType.class),
      "bool true|false",
      false,
      true,
      false),
  REPLICAS(
      "Replicas",
      EnumSet.of(LifecycleStage.DEPLOY, LifecycleStage.RUNTIME),
      EnumSet.of(EventSource.NOT_APPLICABLE),
      EnumSet.noneOf(RuntimeType.class),
      "[<|>|<=|>=] N decimal",
      false,
      false,
      false),
  REQUIRED_ANNOTATION(
      "Required Annotation",
      EnumSet.of(LifecycleStage.DEPLOY, LifecycleStage.RUNTIME),
      EnumSet.of(EventSource.NOT_APPLICABLE),
      EnumSet.noneOf(RuntimeType.class),
      "key=value (regex each side)",
      true,
      false,
      false),
  REQUIRED_IMAGE_LABEL(
      "Required Image Label",
      EnumSet.of(LifecycleStage.BUILD, LifecycleStage.DEPLOY, LifecycleStage.RUNTIME),
      EnumSet.of(EventSource.NOT_APPLICABLE),
      EnumSet.noneOf(RuntimeType.class),
      "key=value (regex each side)",
      true,
      false,
      true),
  REQUIRED_LABEL(
      "Required Label",
      EnumSet.of(LifecycleStage.DEPLOY, LifecycleStage.RUNTIME),
      EnumSet.of(EventSource.NOT_APPLICABLE),
      EnumSet.noneOf(RuntimeType.class),
      "key=value (regex each side)",
      true,
      false,
      false),
  RUNTIME_CLASS(
      "Runtime Class",
      EnumSet.of(LifecycleStage.DEPLOY, LifecycleStage.RUNTIME),
      EnumSet.of(EventSource.NOT_APPLICABLE),
      EnumSet.noneOf(RuntimeType.class),
      "regex string (non-blank)",
      false,
      false,
      false),
  SECCOMP_PROFILE_TYPE(
      "Seccomp Profile Type",
      EnumSet.of(LifecycleStage.DEPLOY, LifecycleStage.RUNTIME),
      EnumSet.of(EventSource.NOT_APPLICABLE),
      EnumSet.noneOf(RuntimeType.class),
      "UNCONFINED|RUNTIME_DEFAULT|LOCALHOST",
      false,
      true,
      false),
  SERVICE_ACCOUNT(
      "Service Account",
      EnumSet.of(LifecycleStage.DEPLOY, LifecycleStage.RUNTIME),
      EnumSet.of(EventSource.NOT_APPLICABLE),
      EnumSet.noneOf(RuntimeType.class),
      "regex string (non-blank)",
      false,
      false,
      false),
  SEVERITY(
      "Severity",
      EnumSet.of(LifecycleStage.BUILD, LifecycleStage.DEPLOY, LifecycleStage.RUNTIME),
      EnumSet.of(EventSource.NOT_APPLICABLE),
      EnumSet.noneOf(RuntimeType.class),
      "[<|>|<=|>=] UNKNOWN|LOW|MODERATE|IMPORTANT|CRITICAL",
      true,
      false,
      true),
  SOURCE_IP_ADDRESS(
      "Source IP Address",
      EnumSet.of(LifecycleStage.RUNTIME),
      EnumSet.of(EventSource.AUDIT_LOG_EVENT),
      EnumSet.of(RuntimeType.AUDIT_LOG),
      "IPv4/IPv6 address",
      false,
      false,
      false),
  UNEXPECTED_NETWORK_FLOW_DETECTED(
      "Unexpected Network Flow Detected",
      EnumSet.of(LifecycleStage.RUNTIME),
      EnumSet.of(EventSource.DEPLOYMENT_EVENT),
      EnumSet.of(RuntimeType.NETWORK_FLOW),
      "bool true|false",
      true,
      true,
      false),
  UNEXPECTED_PROCESS_EXECUTED(
      "Unexpected Process Executed",
      EnumSet.of(LifecycleStage.RUNTIME),
      EnumSet.of(EventSource.DEPLOYMENT_EVENT),
      EnumSet.of(RuntimeType.PROCESS),
      "bool true|false",
      true,
      true,
      false),
  UNSCANNED_IMAGE(
      "Unscanned Image",
      EnumSet.of(LifecycleStage.BUILD, LifecycleStage.DEPLOY, LifecycleStage.RUNTIME),
      EnumSet.of(EventSource.NOT_APPLICABLE),
      EnumSet.noneOf(RuntimeType.class),
      "bool true|false",
      true,
      true,
      true),
  USER_AGENT(
      "User Agent",
      EnumSet.of(LifecycleStage.RUNTIME),
      EnumSet.of(EventSource.AUDIT_LOG_EVENT),
      EnumSet.of(RuntimeType.AUDIT_LOG),
      "regex string (non-blank)",
      false,
      false,
      false),
  VOLUME_DESTINATION(
      "Volume Destination",
      EnumSet.of(LifecycleStage.DEPLOY, LifecycleStage.RUNTIME),
      EnumSet.of(EventSource.NOT_APPLICABLE),
      EnumSet.noneOf(RuntimeType.class),
      "regex string (non-blank)",
      false,
      false,
      false),
  VOLUME_NAME(
      "Volume Name",
      EnumSet.of(LifecycleStage.DEPLOY, LifecycleStage.RUNTIME),
      EnumSet.of(EventSource.NOT_APPLICABLE),
      EnumSet.noneOf(RuntimeType.class),
      "regex string (non-blank)",
      false,
      false,
      false),
  VOLUME_SOURCE(
      "Volume Source",
      EnumSet.of(LifecycleStage.DEPLOY, LifecycleStage.RUNTIME),
      EnumSet.of(EventSource.NOT_APPLICABLE),
      EnumSet.noneOf(RuntimeType.class),
      "regex string (non-blank)",
      false,
      false,
      false),
  VOLUME_TYPE(
      "Volume Type",
      EnumSet.of(LifecycleStage.DEPLOY, LifecycleStage.RUNTIME),
      EnumSet.of(EventSource.NOT_APPLICABLE),
      EnumSet.noneOf(RuntimeType.class),
      "regex string (non-blank)",
      false,
      false,
      false),
  WRITABLE_HOST_MOUNT(
      "Writable Host Mount",
      EnumSet.of(LifecycleStage.DEPLOY, LifecycleStage.RUNTIME),
      EnumSet.of(EventSource.NOT_APPLICABLE),
      EnumSet.noneOf(RuntimeType.class),
      "bool true|false",
      true,
      true,
      false),
  WRITABLE_MOUNTED_VOLUME(
      "Writable Mounted Volume",
      EnumSet.of(LifecycleStage.DEPLOY, LifecycleStage.RUNTIME),
      EnumSet.of(EventSource.NOT_APPLICABLE),
      EnumSet.noneOf(RuntimeType.class),
      "bool true|false",
      true,
      true,
      false);

  /** The kind of runtime event a runtime field reads. */
  public enum RuntimeType {
    PROCESS,
    FILE_ACCESS,
    AUDIT_LOG,
    KUBE_EVENT,
    NETWORK_FLOW
  }

  private static final Map<String, PolicyField> BY_NAME =
      Stream.of(values())
          .collect(Collectors.toUnmodifiableMap(f -> normalize(f.fieldName), Function.identity()));

  private final String fieldName;
  private final Set<LifecycleStage> stages;
  private final Set<EventSource> eventSources;
  private final Set<RuntimeType> runtimeTypes;
  private final String valueFormat;
  private final boolean negationForbidden;
  private final boolean singleValue;
  private final boolean requiresImageData;

  PolicyField(
      String fieldName,
      Set<LifecycleStage> stages,
      Set<EventSource> eventSources,
      Set<RuntimeType> runtimeTypes,
      String valueFormat,
      boolean negationForbidden,
      boolean singleValue,
      boolean requiresImageData) {
    this.fieldName = fieldName;
    this.stages = Set.copyOf(stages);
    this.eventSources = Set.copyOf(eventSources);
    this.runtimeTypes = runtimeTypes.isEmpty() ? Set.of() : Set.copyOf(runtimeTypes);
    this.valueFormat = valueFormat;
    this.negationForbidden = negationForbidden;
    this.singleValue = singleValue;
    this.requiresImageData = requiresImageData;
  }

  /** Looks a field up by its StackRox name, ignoring case and surrounding space. */
  public static Optional<PolicyField> byName(String name) {
    return Optional.ofNullable(BY_NAME.get(normalize(name)));
  }

  /**
   * Looks a field up by its exact StackRox name. StackRox accepts only exact names, so the policy
   * reader uses this to reject near misses that {@link #byName} would forgive.
   */
  public static Optional<PolicyField> byExactName(String name) {
    return byName(name).filter(field -> field.fieldName.equals(name));
  }

  private static String normalize(String name) {
    return name.trim().toLowerCase(Locale.ROOT);
  }

  public String fieldName() {
    return fieldName;
  }

  /** Lifecycle stages the field may be used in. */
  public Set<LifecycleStage> stages() {
    return stages;
  }

  /** Event sources the field may be used with (NOT_APPLICABLE for build and deploy). */
  public Set<EventSource> eventSources() {
    return eventSources;
  }

  /** Empty for build and deploy fields. */
  public Set<RuntimeType> runtimeTypes() {
    return runtimeTypes;
  }

  public boolean isRuntime() {
    return !runtimeTypes.isEmpty();
  }

  /**
   * The shape of this field's values, used to validate them ({@link ValueKind#check}) and to
   * interpret them.
   */
  public ValueKind valueKind() {
    return switch (this) {
      case ADD_CAPABILITIES -> ValueKind.ADD_CAPABILITY;
      case ALLOW_PRIVILEGE_ESCALATION,
          AUTOMOUNT_SERVICE_ACCOUNT_TOKEN,
          FIXABLE,
          HAS_EGRESS_NETWORK_POLICY,
          HAS_INGRESS_NETWORK_POLICY,
          HOST_IPC,
          HOST_NETWORK,
          HOST_PID,
          IS_IMPERSONATED_USER,
          LIVENESS_PROBE_DEFINED,
          PRIVILEGED_CONTAINER,
          READ_ONLY_ROOT_FILESYSTEM,
          READINESS_PROBE_DEFINED,
          UNEXPECTED_NETWORK_FLOW_DETECTED,
          UNEXPECTED_PROCESS_EXECUTED,
          UNSCANNED_IMAGE,
          WRITABLE_HOST_MOUNT,
          WRITABLE_MOUNTED_VOLUME ->
          ValueKind.BOOLEAN;
      case APPARMOR_PROFILE,
          CVE,
          CONTAINER_NAME,
          FIXED_BY,
          IMAGE_OS,
          IMAGE_REGISTRY,
          IMAGE_REMOTE,
          IMAGE_TAG,
          IMAGE_USER,
          NAMESPACE,
          PROCESS_ANCESTOR,
          PROCESS_ARGUMENTS,
          PROCESS_NAME,
          RUNTIME_CLASS,
          SERVICE_ACCOUNT,
          VOLUME_DESTINATION,
          VOLUME_NAME,
          VOLUME_SOURCE,
          VOLUME_TYPE ->
          ValueKind.REGEX;
      case CVSS,
          CONTAINER_CPU_LIMIT,
          CONTAINER_CPU_REQUEST,
          CONTAINER_MEMORY_LIMIT,
          CONTAINER_MEMORY_REQUEST,
          EXPOSED_NODE_PORT,
          EXPOSED_PORT,
          NVD_CVSS,
          REPLICAS ->
          ValueKind.COMPARATOR_DECIMAL;
      case DAYS_SINCE_CVE_FIX_WAS_AVAILABLE,
          DAYS_SINCE_CVE_WAS_FIRST_DISCOVERED_IN_IMAGE,
          DAYS_SINCE_CVE_WAS_FIRST_DISCOVERED_IN_SYSTEM,
          DAYS_SINCE_CVE_WAS_PUBLISHED,
          IMAGE_AGE,
          IMAGE_SCAN_AGE ->
          ValueKind.INTEGER;
      case DISALLOWED_ANNOTATION -> ValueKind.ANNOTATION;
      case DISALLOWED_IMAGE_LABEL,
          IMAGE_COMPONENT,
          REQUIRED_ANNOTATION,
          REQUIRED_IMAGE_LABEL,
          REQUIRED_LABEL ->
          ValueKind.KEY_VALUE;
      case DOCKERFILE_LINE -> ValueKind.DOCKERFILE_LINE;
      case DROP_CAPABILITIES -> ValueKind.DROP_CAPABILITY;
      case ENVIRONMENT_VARIABLE -> ValueKind.ENVIRONMENT_VARIABLE;
      case EXPOSED_PORT_PROTOCOL, KUBERNETES_RESOURCE_NAME, PROCESS_UID, USER_AGENT ->
          ValueKind.TEXT;
      case FILE_OPERATION -> ValueKind.FILE_OPERATION;
      case FILE_PATH -> ValueKind.FILE_PATH;
      case IMAGE_SIGNATURE_VERIFIED_BY -> ValueKind.SIGNATURE_INTEGRATION;
      case KUBERNETES_API_VERB -> ValueKind.KUBERNETES_API_VERB;
      case KUBERNETES_RESOURCE -> ValueKind.KUBERNETES_RESOURCE;
      case KUBERNETES_USER_GROUPS, KUBERNETES_USER_NAME -> ValueKind.KUBERNETES_NAME;
      case MINIMUM_RBAC_PERMISSIONS -> ValueKind.RBAC_LEVEL;
      case MOUNT_PROPAGATION -> ValueKind.MOUNT_PROPAGATION;
      case PORT_EXPOSURE_METHOD -> ValueKind.PORT_EXPOSURE;
      case SECCOMP_PROFILE_TYPE -> ValueKind.SECCOMP_PROFILE;
      case SEVERITY -> ValueKind.VULNERABILITY_SEVERITY;
      case SOURCE_IP_ADDRESS -> ValueKind.IP_ADDRESS;
    };
  }

  /** A human description of the accepted values, for error messages and docs. */
  public String valueFormat() {
    return valueFormat;
  }

  public boolean negationForbidden() {
    return negationForbidden;
  }

  /** True when a group of this field accepts exactly one value. */
  public boolean singleValue() {
    return singleValue;
  }

  /** True when the field needs image scan data or image metadata. */
  public boolean requiresImageData() {
    return requiresImageData;
  }
}
