package dev.bulwark.admission.decision;

import java.util.List;

/**
 * The controller's verdict on one request.
 *
 * @param blocking the enforced policies the request violates: non-empty means denied, unless {@code
 *     breakGlass}
 * @param warned the other violated policies (and, on UPDATE, enforced ones the object violated
 *     before the change), returned as warnings
 * @param breakGlass true when the break-glass annotation admitted an object that would have been
 *     denied
 */
public record Decision(
    List<PolicyFindings> blocking, List<PolicyFindings> warned, boolean breakGlass) {
  public Decision {
    blocking = List.copyOf(blocking);
    warned = List.copyOf(warned);
  }

  public static final Decision NOTHING_FOUND = new Decision(List.of(), List.of(), false);

  public boolean allowed() {
    return blocking.isEmpty() || breakGlass;
  }
}
