package dev.bulwark.admission.decision;

import java.util.List;

/**
 * The controller's verdict on one request.
 *
 * @param blocking the enforced policies the request violates: non-empty means denied, unless {@code
 *     breakGlass}
 * @param warned the other violated policies (and, on UPDATE, enforced ones the object violated
 *     before the change), returned as warnings
 * @param unevaluated enforced policies that could not be judged (image data missing), with why
 * @param failClosed true when {@code unevaluated} policies deny (missing image data fails closed)
 * @param breakGlass true when the break-glass annotation admitted an object that would have been
 *     denied
 */
public record Decision(
    List<PolicyFindings> blocking,
    List<PolicyFindings> warned,
    List<Unevaluated> unevaluated,
    boolean failClosed,
    boolean breakGlass) {
  public Decision {
    blocking = List.copyOf(blocking);
    warned = List.copyOf(warned);
    unevaluated = List.copyOf(unevaluated);
  }

  /** An enforced policy the controller could not judge, and the engine's reason. */
  public record Unevaluated(dev.bulwark.policy.model.Policy policy, String reason) {}

  public static final Decision NOTHING_FOUND =
      new Decision(List.of(), List.of(), List.of(), false, false);

  /** Whether something would deny the request, break-glass aside. */
  public boolean denies() {
    return !blocking.isEmpty() || (failClosed && !unevaluated.isEmpty());
  }

  public boolean allowed() {
    return !denies() || breakGlass;
  }
}
