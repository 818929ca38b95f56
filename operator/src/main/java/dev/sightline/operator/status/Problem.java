package dev.sightline.operator.status;

/** A reason and its message: the most important problem of one part of a reconciliation, or its all-clear. */
public record Problem(Reason reason, String message) {}
