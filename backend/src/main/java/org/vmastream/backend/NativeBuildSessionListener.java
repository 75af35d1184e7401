package org.vmastream.backend;

import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * Makes test runs load the same ND4J build as the launcher does: JUnit calls it (it is registered
 * as a service) when a test session opens, before any test class touches ND4J. Outside a test
 * runner nothing loads it.
 */
public final class NativeBuildSessionListener implements LauncherSessionListener {
    @Override
    public void launcherSessionOpened(LauncherSession session) {
        NativeBuild.select();
    }
}
