package org.vmastream.launcher;

import org.vmastream.experiments.BuildVersions;
import picocli.CommandLine.IVersionProvider;

/** What {@code vma --version} prints: the project's, ND4J's and Java's versions. */
public final class LauncherVersion implements IVersionProvider {

    @Override
    public String[] getVersion() {
        return new String[] {
            "vma " + BuildVersions.project(),
            "ND4J " + BuildVersions.nd4j(),
            "Java " + System.getProperty("java.version")
        };
    }
}
