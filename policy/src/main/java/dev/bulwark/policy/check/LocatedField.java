package dev.bulwark.policy.check;

import dev.bulwark.core.manifest.FieldPath;
import dev.bulwark.core.manifest.Location;
import dev.bulwark.core.manifest.ManifestObject;

/**
 * A field of an object that has been read, with where a person wrote it (or its closest parent).
 */
public record LocatedField(FieldPath path, Location location) {
  public static LocatedField of(ManifestObject object, FieldPath path) {
    return new LocatedField(path, object.locate(path));
  }
}
