package org.vmastream.datasets.omniglot;

import java.util.List;

/**
 * The drawings of one character, as {@link OmniglotCharacters} keeps them. The array is owned by the record;
 * nobody modifies it afterwards.
 *
 * @param alphabet  e.g. {@code Greek}
 * @param character e.g. {@code character01}
 * @param set       the set its first drawing was read from, e.g. {@code images_background_small1}
 * @param drawings  drawing names, sorted, e.g. {@code 0394_01}
 * @param values    the drawings one after another, each {@code values.length / drawings.size()} values row-major
 */
record CharacterDrawings(String alphabet, String character, String set, List<String> drawings, float[] values) {
    /** {@code <alphabet>/<character>}. */
    String label() {
        return alphabet + "/" + character;
    }
}
