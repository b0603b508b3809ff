package dev.bulwark.central.api;

/** The methods routes use. */
public enum HttpMethod {
  GET,
  POST,
  PUT,
  PATCH,
  DELETE;

  /** Whether requests of this method carry a body. */
  public boolean hasBody() {
    return this == POST || this == PUT || this == PATCH;
  }
}
