package dev.bulwark.core.context;

/** How a port is reachable, as StackRox's "Port Exposure Method" names it, widest first. */
public enum PortExposure {
  EXTERNAL,
  NODE,
  HOST,
  ROUTE,
  INTERNAL,
  UNSET
}
