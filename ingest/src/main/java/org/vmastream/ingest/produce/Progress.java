package org.vmastream.ingest.produce;

/** Shows how far a run is. */
public interface Progress extends AutoCloseable {
    /** Shows nothing (tests, scripts). */
    Progress NONE = new Progress() {
        @Override
        public void update(long done, long skipped) {}

        @Override
        public void close() {}
    };

    /**
     * @param done    inputs read so far, sent or skipped
     * @param skipped of which skipped
     */
    void update(long done, long skipped);

    @Override
    void close();
}
