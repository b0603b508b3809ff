package dev.bulwark.central.api;

/**
 * A feature's part of the API: its routes and their schemas. The server lists every feature
 * explicitly; a new feature implements this and is added to that list.
 */
public interface ApiFeature {
  /** Registers the feature's routes and schemas. Called once, before the server starts. */
  void register(Routes routes);
}
