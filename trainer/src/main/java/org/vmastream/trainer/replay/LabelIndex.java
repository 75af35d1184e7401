package org.vmastream.trainer.replay;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The buffer slots holding each label, with O(1) insertion and removal (a removed slot is replaced
 * by the label's last one), so that same-class sampling is a uniform draw from one int array.
 */
final class LabelIndex {
    private final Map<String, Slots> byLabel = new HashMap<>();
    /** Where each slot sits in its label's array. */
    private final int[] positions;

    LabelIndex(int capacity) {
        positions = new int[capacity];
    }

    void add(String label, int slot) {
        Slots slots = byLabel.computeIfAbsent(label, ignored -> new Slots());
        positions[slot] = slots.size;
        slots.append(slot);
    }

    void remove(String label, int slot) {
        Slots slots = byLabel.get(label);
        int position = positions[slot];
        int last = slots.items[--slots.size];
        slots.items[position] = last;
        positions[last] = position;
        if (slots.size == 0) {
            byLabel.remove(label);
        }
    }

    int count(String label) {
        Slots slots = byLabel.get(label);
        return slots == null ? 0 : slots.size;
    }

    int slot(String label, int i) {
        Slots slots = byLabel.get(label);
        if (slots == null || i < 0 || i >= slots.size) {
            throw new IndexOutOfBoundsException("label " + label + " has " + count(label) + " items, not an item " + i);
        }
        return slots.items[i];
    }

    int labels() {
        return byLabel.size();
    }

    List<String> names() {
        List<String> names = new ArrayList<>(byLabel.keySet());
        Collections.sort(names);
        return names;
    }

    private static final class Slots {
        private int[] items = new int[8];
        private int size;

        private void append(int slot) {
            if (size == items.length) {
                items = Arrays.copyOf(items, 2 * size);
            }
            items[size++] = slot;
        }
    }
}
