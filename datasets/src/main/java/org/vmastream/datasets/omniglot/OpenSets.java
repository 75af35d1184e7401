package org.vmastream.datasets.omniglot;

import java.io.Closeable;
import java.io.IOException;
import java.util.List;

/** Several open sets closed together: every one is closed even if closing another fails. */
record OpenSets(List<OmniglotSet> sets) implements Closeable {
    @Override
    public void close() throws IOException {
        IOException failure = null;
        for (OmniglotSet set : sets) {
            try {
                set.close();
            } catch (IOException e) {
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }
}
