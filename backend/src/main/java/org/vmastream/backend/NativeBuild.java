package org.vmastream.backend;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The CPU build of ND4J's native library that JavaCPP loads: the portable one, or a oneDNN build
 * compiled for AVX2 or AVX-512.
 *
 * <p>The oneDNN builds run convolutions about four times faster on this project's machines (the
 * Omniglot models), and matrix products equally fast, since both go to OpenBLAS. But a build for
 * instructions the processor lacks dies with an illegal instruction, so the choice is made here,
 * from the processor's flags, before ND4J is first touched. JavaCPP reads the choice from the
 * system property {@value #JAVACPP_EXTENSION}; when no jar holds that build (the CUDA profile),
 * it loads the library without the extension.
 *
 * <p>Override with the system property {@value #PROPERTY} or the environment variable
 * {@value #ENVIRONMENT}: {@code auto} (the default), {@code portable}, {@code onednn-avx2} or
 * {@code onednn-avx512}.
 */
public enum NativeBuild {
    /** The build that runs on any x86-64 processor. */
    PORTABLE("portable", "", Set.of()),
    /** oneDNN, compiled for AVX2 and FMA (x86-64 processors from 2013 on). */
    ONEDNN_AVX2("onednn-avx2", "-onednn-avx2", Set.of("avx2", "fma")),
    /** oneDNN, compiled for the AVX-512 subsets of Skylake server processors. */
    ONEDNN_AVX512(
            "onednn-avx512",
            "-onednn-avx512",
            Set.of("avx2", "fma", "avx512f", "avx512cd", "avx512bw", "avx512dq", "avx512vl"));

    /** System property that overrides the choice. */
    public static final String PROPERTY = "vma.native.build";
    /** Environment variable that overrides the choice when the system property is unset. */
    public static final String ENVIRONMENT = "VMA_NATIVE_BUILD";
    /** The JavaCPP property naming the variant of a native library to load. */
    public static final String JAVACPP_EXTENSION = "org.bytedeco.javacpp.platform.extension";

    private static final Logger LOG = LoggerFactory.getLogger(NativeBuild.class);
    private static final Path CPU_INFO = Path.of("/proc/cpuinfo");

    private final String label;
    private final String extension;
    private final Set<String> requiredFlags;

    NativeBuild(String label, String extension, Set<String> requiredFlags) {
        this.label = label;
        this.extension = extension;
        this.requiredFlags = requiredFlags;
    }

    /** @return the name used by {@value #PROPERTY}, e.g. {@code onednn-avx2} */
    public String label() {
        return label;
    }

    /** @return the JavaCPP platform extension of this build, empty for the portable one */
    public String extension() {
        return extension;
    }

    /**
     * Chooses the build for this processor and tells JavaCPP, unless {@value #JAVACPP_EXTENSION}
     * is already set (then that setting stands). Call before the first use of ND4J; later calls
     * change nothing.
     */
    public static synchronized void select() {
        if (System.getProperty(JAVACPP_EXTENSION) != null) {
            return;
        }
        String requested = Optional.ofNullable(System.getProperty(PROPERTY))
                .or(() -> Optional.ofNullable(System.getenv(ENVIRONMENT)))
                .orElse("auto");
        NativeBuild build = choose(requested, cpuFlags());
        System.setProperty(JAVACPP_EXTENSION, build.extension);
        LOG.debug("ND4J native build: {} ({}={})", build.label, PROPERTY, requested);
    }

    /**
     * The build JavaCPP has been told to load, for reports.
     *
     * @return the label of the build that {@value #JAVACPP_EXTENSION} names ({@code portable}
     *     when it is unset), or the property's own value when it names none of them
     */
    public static String configuredLabel() {
        String extension = System.getProperty(JAVACPP_EXTENSION, "");
        return Arrays.stream(values())
                .filter(b -> b.extension.equals(extension))
                .findFirst()
                .map(NativeBuild::label)
                .orElse(extension);
    }

    /**
     * The build for a request and a processor.
     *
     * @param requested {@code auto}, or one build's label
     * @param cpuFlags the processor's feature flags as {@code /proc/cpuinfo} names them
     * @return with {@code auto}, the fastest build whose instructions the processor has; otherwise
     *     the build named
     * @throws IllegalArgumentException for an unknown name, or a build the processor cannot run
     */
    public static NativeBuild choose(String requested, Set<String> cpuFlags) {
        String name = requested.trim().toLowerCase(Locale.ROOT);
        if (name.equals("auto")) {
            NativeBuild best = PORTABLE;
            for (NativeBuild build : values()) {
                if (cpuFlags.containsAll(build.requiredFlags)) {
                    best = build;
                }
            }
            return best;
        }
        NativeBuild build = Arrays.stream(values())
                .filter(b -> b.label.equals(name))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("Unknown " + PROPERTY + " '" + requested
                        + "': use auto, "
                        + Arrays.stream(values()).map(b -> b.label).collect(Collectors.joining(", "))));
        if (!cpuFlags.containsAll(build.requiredFlags)) {
            throw new IllegalArgumentException(PROPERTY + "=" + build.label + " needs the processor flags "
                    + build.requiredFlags + "; this processor lacks some of them: use auto");
        }
        return build;
    }

    /**
     * The feature flags of the first processor in {@code /proc/cpuinfo}.
     *
     * @return the flags, empty where the file is missing or unreadable (then only the portable
     *     build is chosen)
     */
    static Set<String> cpuFlags() {
        try {
            return parseFlags(Files.readString(CPU_INFO));
        } catch (IOException | SecurityException e) {
            return Set.of();
        }
    }

    /**
     * The flags of the first {@code flags} line of a {@code /proc/cpuinfo} text.
     *
     * @param cpuInfo the file's text
     * @return its flags, empty when there is no flags line
     */
    static Set<String> parseFlags(String cpuInfo) {
        return cpuInfo.lines()
                .filter(line -> line.startsWith("flags"))
                .findFirst()
                .map(line -> line.substring(line.indexOf(':') + 1).trim())
                .map(flags -> Set.copyOf(Arrays.asList(flags.split("\\s+"))))
                .orElse(Set.of());
    }
}
