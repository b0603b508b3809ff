package dev.bulwark.scanner.scan;

import java.util.List;

/**
 * What a layer does to the paths of the layers below it, so that their results can be dropped
 * without reading the layer again (it is cached with the analyzers' results).
 *
 * @param replaced paths of files, links and special files the layer writes: they replace whatever a
 *     lower layer had at the path or under it
 * @param directories paths of directories the layer writes: they replace a lower layer's file of
 *     the same path, not what lower layers put inside
 * @param deleted paths whiteouts delete, with everything under them
 * @param opaque directories whose lower content is hidden ({@code ""} for the root)
 * @param notes entries the layer reader skipped, one line each
 */
record LayerChanges(
    List<String> replaced,
    List<String> directories,
    List<String> deleted,
    List<String> opaque,
    List<String> notes) {
  LayerChanges {
    replaced = List.copyOf(replaced);
    directories = List.copyOf(directories);
    deleted = List.copyOf(deleted);
    opaque = List.copyOf(opaque);
    notes = List.copyOf(notes);
  }
}
