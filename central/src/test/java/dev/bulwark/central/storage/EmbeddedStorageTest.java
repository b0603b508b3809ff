package dev.bulwark.central.storage;

import dev.bulwark.central.testing.TestDatabases;

/** The storage contract on the embedded PostgreSQL. */
class EmbeddedStorageTest extends StorageContract {
  @Override
  ConnectionSettings freshDatabase() {
    return TestDatabases.fresh();
  }
}
