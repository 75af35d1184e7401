package org.vmastream.schemas.serde;

/**
 * Why a record went to the dead-letter topic: the first five because its bytes could not be decoded,
 * the others because it decoded but could not be used. The names are stable: they are written into
 * {@link org.vmastream.schemas.DeadLetter#getErrorType()} and may be matched on by consumers.
 */
public enum ErrorType {
    /** The bytes do not start with the single-object marker {@code 0xC3 0x01} and a fingerprint. */
    BAD_HEADER,
    /** The fingerprint in the header matches none of the known schema versions. */
    UNKNOWN_SCHEMA,
    /** The writer schema is known but cannot be read as the reader's, e.g. another record type. */
    INCOMPATIBLE_SCHEMA,
    /** The header is fine but the body is truncated, malformed, or followed by extra bytes. */
    CORRUPT_BODY,
    /** The bytes exceed the configured maximum record size and were not decoded at all. */
    OVERSIZED,
    /** An exemplar with a bad key, set name, shape or values (wrong size, NaN, out of range). */
    INVALID_EXEMPLAR,
    /** An event with a bad key, set name, shape or values, or without a value. */
    INVALID_EVENT,
    /** An event whose size differs from what the serving model version reads. */
    WRONG_DIMENSION,
    /** An event for a memory set that has never received an exemplar. */
    UNKNOWN_MEMORY_SET,
    /** An event for a memory set that is empty, with a model version that has no fallback entries. */
    EMPTY_MEMORY,
    /** An event for a memory set whose entries differ in size from what the model version reads. */
    DIMENSION_MISMATCH
}
