package org.vmastream.datasets.image;

import java.util.Locale;

/** What counts as a PNG file when listing folders and zips. */
public final class PngFiles {
    private static final String SUFFIX = ".png";

    private PngFiles() {}

    /** A {@code .png} name, except macOS's {@code ._*} resource forks, which archives made on a Mac carry along. */
    public static boolean isPng(String fileName) {
        return fileName.toLowerCase(Locale.ROOT).endsWith(SUFFIX) && !fileName.startsWith("._");
    }

    /** The name without its {@code .png}. */
    public static String stem(String fileName) {
        return fileName.substring(0, fileName.length() - SUFFIX.length());
    }
}
