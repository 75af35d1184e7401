package org.vmastream.datasets.omniglot;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.vmastream.datasets.image.PngFiles;

/** An Omniglot set unpacked in a folder whose sub-folders are alphabets. */
final class OmniglotFolder implements OmniglotSet {
    private static final int DEPTH = 3;

    private final Path root;
    private final List<OmniglotEntry> entries;

    OmniglotFolder(Path folder) throws IOException {
        // Absolute, so that the set has a name even when the folder is given as ".".
        this.root = folder.toAbsolutePath().normalize();
        try (Stream<Path> files = Files.walk(root, DEPTH)) {
            this.entries = files.filter(file -> root.relativize(file).getNameCount() == DEPTH)
                    .filter(file -> PngFiles.isPng(file.getFileName().toString()) && Files.isRegularFile(file))
                    .map(this::entry)
                    .sorted(Comparator.comparing(OmniglotEntry::sortKey))
                    .toList();
        }
    }

    private OmniglotEntry entry(Path file) {
        Path relative = root.relativize(file);
        return new OmniglotEntry(
                relative.getName(0).toString(),
                relative.getName(1).toString(),
                PngFiles.stem(relative.getName(2).toString()),
                relative.toString());
    }

    @Override
    public String name() {
        return root.getFileName().toString();
    }

    @Override
    public String location() {
        return root.toString();
    }

    @Override
    public List<OmniglotEntry> entries() {
        return entries;
    }

    @Override
    public InputStream open(OmniglotEntry entry) throws IOException {
        return Files.newInputStream(root.resolve(entry.path()));
    }

    @Override
    public void close() {
        // Files are opened and closed one at a time.
    }
}
