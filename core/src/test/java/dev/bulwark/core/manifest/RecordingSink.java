package dev.bulwark.core.manifest;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/** Keeps everything a reader reports, in order, for assertions. */
final class RecordingSink implements ManifestSink {
  final List<ManifestObject> objects = new ArrayList<>();
  final List<ManifestError> errors = new ArrayList<>();
  final List<ManifestNote> notes = new ArrayList<>();

  /** Objects and errors interleaved, as strings, to check delivery order. */
  final List<String> events = new ArrayList<>();

  static RecordingSink read(String text) {
    return read("test.yaml", text, ReadLimits.DEFAULT, kind -> true);
  }

  static RecordingSink read(String name, String text) {
    return read(name, text, ReadLimits.DEFAULT, kind -> true);
  }

  static RecordingSink read(String name, String text, ReadLimits limits, Predicate<String> kinds) {
    RecordingSink sink = new RecordingSink();
    new ManifestReader(limits).read(ManifestSource.TextSource.direct(name, text), kinds, sink);
    return sink;
  }

  ManifestObject only() {
    if (objects.size() != 1 || !errors.isEmpty()) {
      throw new AssertionError("expected one object and no errors, got " + objects + " " + errors);
    }
    return objects.get(0);
  }

  List<String> names() {
    return objects.stream().map(ManifestObject::displayName).toList();
  }

  @Override
  public void object(ManifestObject object) {
    objects.add(object);
    events.add("object " + object.displayName());
  }

  @Override
  public void error(ManifestError error) {
    errors.add(error);
    events.add("error " + error);
  }

  @Override
  public void note(ManifestNote note) {
    notes.add(note);
  }
}
