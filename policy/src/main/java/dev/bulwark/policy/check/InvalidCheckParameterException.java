package dev.bulwark.policy.check;

/** A parameter value a check cannot use; the message says which value would do. */
public final class InvalidCheckParameterException extends Exception {
  private static final long serialVersionUID = 1L;

  private final String parameter;
  private final String reason;

  public InvalidCheckParameterException(String parameter, String reason) {
    super(parameter + ": " + reason);
    this.parameter = parameter;
    this.reason = reason;
  }

  /** What is wrong with the value and what would do, without the parameter's name. */
  public String reason() {
    return reason;
  }

  public String parameter() {
    return parameter;
  }
}
