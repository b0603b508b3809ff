package dev.bulwark.central.risk;

import java.util.List;

/**
 * A deployment's risk.
 *
 * @param score the product of the factors' multipliers; 1 when nothing adds risk
 * @param factors the multipliers above 1, in a fixed order (docs/risk.md)
 * @param unscannedImages images nothing is known about: they add no image factor, which says
 *     nothing about whether they are safe
 */
public record Risk(double score, List<RiskFactor> factors, List<String> unscannedImages) {
  public Risk {
    factors = List.copyOf(factors);
    unscannedImages = List.copyOf(unscannedImages);
  }
}
