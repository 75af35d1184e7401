package org.vmastream.ingest.produce;

import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/** A progress bar on stderr with the rate and the skips; it redraws itself on its own thread twice a second. */
public final class ConsoleProgress implements Progress {
    private final ProgressBar bar;
    private long shownSkips = -1;

    /**
     * @param task     name shown before the bar
     * @param expected inputs the run will read, or a negative number when unknown (an indefinite bar)
     */
    public ConsoleProgress(String task, long expected) {
        bar = new ProgressBarBuilder()
                .setTaskName(task)
                .setInitialMax(expected)
                .setStyle(ProgressBarStyle.ASCII)
                .setUpdateIntervalMillis(500)
                .showSpeed()
                .setUnit(" rec", 1)
                .build();
    }

    @Override
    public void update(long done, long skipped) {
        bar.stepTo(done);
        if (skipped != shownSkips) {
            bar.setExtraMessage(" skipped " + skipped);
            shownSkips = skipped;
        }
    }

    @Override
    public void close() {
        bar.close();
    }
}
