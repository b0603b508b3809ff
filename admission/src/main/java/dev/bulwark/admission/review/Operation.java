package dev.bulwark.admission.review;

/** The operation an admission request is about. */
public enum Operation {
  CREATE,
  UPDATE,
  DELETE,
  CONNECT
}
