package org.vmastream.ingest.source;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.vmastream.datasets.image.GreyImage;
import org.vmastream.datasets.image.GreyImageReader;
import org.vmastream.datasets.image.PngFiles;

/**
 * Every PNG under a folder, at any depth, as grey levels in [0,1] with shape {@code [height, width]}. The label is
 * the first-level sub-folder the file is in ({@code <root>/<label>/.../x.png}, the class-per-folder layout most
 * image data sets use), or none for files directly in the root. Ids are {@code png-<root name>/<path without
 * .png>}, sorted by path.
 */
public final class PngFolderSource implements ItemSource {
    private final Path root;
    private final boolean invert;
    private final Skips skips;
    private final String source;
    private final List<Path> files;
    private int next;

    /**
     * @param root   the folder
     * @param invert send {@code 1 - grey}, e.g. so that dark ink on light paper becomes ink = 1 like MNIST
     * @param skips  where unreadable files are recorded
     * @throws IllegalArgumentException if {@code root} is not a folder
     * @throws IOException              if the folder cannot be listed
     */
    public PngFolderSource(Path root, boolean invert, Skips skips) throws IOException {
        if (!Files.isDirectory(root)) {
            throw new IllegalArgumentException("PNG folder " + root + " does not exist or is not a folder");
        }
        this.root = root;
        this.invert = invert;
        this.skips = skips;
        this.source = "png-" + name(root);
        try (Stream<Path> walk = Files.walk(root)) {
            this.files = walk.filter(file -> PngFiles.isPng(file.getFileName().toString()))
                    .filter(Files::isRegularFile)
                    .map(root::relativize)
                    .sorted()
                    .toList();
        }
    }

    @Override
    public Item next() {
        while (next < files.size()) {
            Path relative = files.get(next++);
            GreyImage image = read(relative);
            if (image != null) {
                String path = relative.toString().replace('\\', '/');
                String id = source + "/" + PngFiles.stem(path);
                String label = relative.getNameCount() > 1 ? relative.getName(0).toString() : null;
                return new Item(id, label, image.shape(), image.values(), source);
            }
        }
        return null;
    }

    private GreyImage read(Path relative) {
        Path file = root.resolve(relative);
        try (InputStream in = Files.newInputStream(file)) {
            GreyImage grey = GreyImageReader.read(in);
            return invert ? grey.inverted() : grey;
        } catch (IOException e) {
            skips.record(file.toString(), SkipReason.UNREADABLE_IMAGE, e.getMessage());
            return null;
        }
    }

    @Override
    public long expectedCount() {
        return files.size();
    }

    @Override
    public void close() {
        // Files are opened and closed one at a time.
    }

    private static String name(Path folder) {
        Path name = folder.toAbsolutePath().normalize().getFileName();
        return name == null ? "root" : name.toString();
    }
}
