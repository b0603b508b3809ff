package dev.bulwark.sensor.enforcement;

/**
 * Where enforcement records go: the sensor's connection to central, which queues them with the
 * inventory changes (durably, in order) and sends them to {@code POST
 * /v1/clusters/{id}/alerts/enforcement}. Thread-safe; never blocks for long and never throws.
 */
@FunctionalInterface
public interface EnforcementSink {
  void enforced(EnforcementRecord record);
}
