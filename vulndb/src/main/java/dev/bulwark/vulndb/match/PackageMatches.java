package dev.bulwark.vulndb.match;

import java.util.List;

/**
 * What matching one package found.
 *
 * @param query the package
 * @param matches the vulnerabilities that affect it, ordered by id
 * @param notes what could not be evaluated and why (such as a version the ecosystem's ordering
 *     cannot read), in our words; empty when everything was evaluated
 */
public record PackageMatches(
    PackageQuery query, List<VulnerabilityMatch> matches, List<String> notes) {
  public PackageMatches {
    matches = List.copyOf(matches);
    notes = List.copyOf(notes);
  }
}
