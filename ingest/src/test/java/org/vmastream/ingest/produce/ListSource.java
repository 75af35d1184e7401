package org.vmastream.ingest.produce;

import java.util.Iterator;
import java.util.List;
import org.vmastream.ingest.source.Item;
import org.vmastream.ingest.source.ItemSource;

/** Items from a list. */
final class ListSource implements ItemSource {
    private final Iterator<Item> items;
    private final int size;

    ListSource(List<Item> items) {
        this.items = items.iterator();
        this.size = items.size();
    }

    static Item item(String id, String label, float... data) {
        return new Item(id, label, new int[] {data.length}, data, "test");
    }

    @Override
    public Item next() {
        return items.hasNext() ? items.next() : null;
    }

    @Override
    public long expectedCount() {
        return size;
    }

    @Override
    public void close() {
        // Nothing to release.
    }
}
