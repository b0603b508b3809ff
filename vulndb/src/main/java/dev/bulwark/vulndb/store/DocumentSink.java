package dev.bulwark.vulndb.store;

/** Receives the documents of a source one at a time. */
@FunctionalInterface
interface DocumentSink {
  void accept(String name, byte[] content) throws StoreException;
}
