package org.vmastream.schemas.serde;

/**
 * Why a byte array could not be decoded into a record. The names are stable: they are written into
 * {@link org.vmastream.schemas.DeadLetter#getErrorType()} and may be matched on by consumers.
 */
public enum DecodeError {
  /** The bytes do not start with the single-object marker {@code 0xC3 0x01} and a fingerprint. */
  BAD_HEADER,
  /** The fingerprint in the header matches none of the known schema versions. */
  UNKNOWN_SCHEMA,
  /** The writer schema is known but cannot be read as the reader's, e.g. another record type. */
  INCOMPATIBLE_SCHEMA,
  /** The header is fine but the body is truncated, malformed, or followed by extra bytes. */
  CORRUPT_BODY,
  /** The bytes exceed the configured maximum record size and were not decoded at all. */
  OVERSIZED
}
