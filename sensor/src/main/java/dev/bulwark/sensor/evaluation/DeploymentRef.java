package dev.bulwark.sensor.evaluation;

/**
 * A deployment of the watched cluster: a top-level workload (one no other workload controls),
 * including a bare pod.
 *
 * @param apiVersion its API version, such as {@code apps/v1}
 * @param kind its kind, such as {@code Deployment}
 * @param namespace its namespace
 * @param name its name
 * @param uid its {@code metadata.uid}, the key central knows it by
 */
public record DeploymentRef(
    String apiVersion, String kind, String namespace, String name, String uid) {}
