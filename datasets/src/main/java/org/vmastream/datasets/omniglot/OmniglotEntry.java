package org.vmastream.datasets.omniglot;

/**
 * One drawing in an Omniglot set: {@code <alphabet>/<character>/<drawing>.png}.
 *
 * @param alphabet  e.g. {@code Greek}
 * @param character e.g. {@code character01}
 * @param drawing   file name without {@code .png}, e.g. {@code 0394_01} (character number and drawer)
 * @param path      where it is inside its folder or zip, for reading and for messages
 */
public record OmniglotEntry(String alphabet, String character, String drawing, String path) {
    /** The class of the drawing, {@code <alphabet>/<character>}: drawings of one character share it. */
    public String label() {
        return alphabet + "/" + character;
    }

    /** Orders drawings by alphabet, character and drawing, whether they are read from a folder or a zip. */
    String sortKey() {
        return alphabet + '\u0000' + character + '\u0000' + drawing;
    }
}
