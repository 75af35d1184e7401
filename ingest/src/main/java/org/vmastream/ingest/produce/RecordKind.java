package org.vmastream.ingest.produce;

/** What items become. */
public enum RecordKind {
    /** {@code Exemplar} records on the exemplar topic: entries offered to a memory set. */
    EXEMPLARS,
    /** {@code ScoreRequest} records on the event topic: events to be scored against a memory set. */
    EVENTS
}
