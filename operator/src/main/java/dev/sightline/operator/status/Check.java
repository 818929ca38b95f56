package dev.sightline.operator.status;

/** One condition's worth: its status, reason and message. */
public record Check(ConditionStatus status, Reason reason, String message) {
  public static Check ok(Reason reason, String message) {
    return new Check(ConditionStatus.TRUE, reason, message);
  }

  public static Check failed(Reason reason, String message) {
    return new Check(ConditionStatus.FALSE, reason, message);
  }

  public static Check unknown(Reason reason, String message) {
    return new Check(ConditionStatus.UNKNOWN, reason, message);
  }

  public boolean holds() {
    return status == ConditionStatus.TRUE;
  }
}
