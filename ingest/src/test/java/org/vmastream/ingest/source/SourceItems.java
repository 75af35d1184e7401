package org.vmastream.ingest.source;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** Drains a source for assertions. */
final class SourceItems {
    private SourceItems() {}

    static List<Item> all(ItemSource source) throws IOException {
        List<Item> items = new ArrayList<>();
        try (source) {
            for (Item item = source.next(); item != null; item = source.next()) {
                items.add(item);
            }
        }
        return items;
    }
}
