package dev.bulwark.sensor.policies;

/**
 * Hears that the enforced policy set changed (and once at start with the set the sensor starts
 * with): the admission push is a listener. Same threading rules as {@code VerdictListener}.
 */
@FunctionalInterface
public interface PolicySetListener {
  void changed(PolicySet set);
}
