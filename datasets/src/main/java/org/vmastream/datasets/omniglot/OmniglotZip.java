package org.vmastream.datasets.omniglot;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.vmastream.datasets.image.PngFiles;

/**
 * An Omniglot set as published: a zip whose entries are {@code <set>/<alphabet>/<character>/<drawing>.png}.
 * Read in place, so the data never has to be unpacked (or copied) anywhere.
 */
final class OmniglotZip implements OmniglotSet {
    private static final String ZIP = ".zip";

    private final Path file;
    private final ZipFile zip;
    private final List<OmniglotEntry> entries;

    OmniglotZip(Path file) throws IOException {
        this.file = file;
        this.zip = new ZipFile(file.toFile());
        this.entries = Collections.list(zip.entries()).stream()
                .filter(entry -> !entry.isDirectory())
                .map(ZipEntry::getName)
                .filter(OmniglotZip::isDrawing)
                .map(OmniglotZip::entry)
                .sorted(Comparator.comparing(OmniglotEntry::sortKey))
                .toList();
    }

    static boolean isZip(Path file) {
        return file.getFileName().toString().endsWith(ZIP);
    }

    private static OmniglotEntry entry(String name) {
        String[] parts = name.split("/");
        int n = parts.length;
        return new OmniglotEntry(parts[n - 3], parts[n - 2], PngFiles.stem(parts[n - 1]), name);
    }

    /** A PNG at least three folders deep, outside the {@code __MACOSX/} folder that zips made on a Mac carry. */
    private static boolean isDrawing(String name) {
        String[] parts = name.split("/");
        return parts.length >= 3 && !parts[0].equals("__MACOSX") && PngFiles.isPng(parts[parts.length - 1]);
    }

    @Override
    public String name() {
        String fileName = file.getFileName().toString();
        return fileName.substring(0, fileName.length() - ZIP.length());
    }

    @Override
    public String location() {
        return file.toString();
    }

    @Override
    public List<OmniglotEntry> entries() {
        return entries;
    }

    @Override
    public InputStream open(OmniglotEntry entry) throws IOException {
        return zip.getInputStream(zip.getEntry(entry.path()));
    }

    @Override
    public void close() throws IOException {
        zip.close();
    }
}
