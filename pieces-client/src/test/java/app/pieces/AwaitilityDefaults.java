package app.pieces;

import java.time.Duration;

import org.awaitility.Awaitility;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * Gives every Awaitility wait of this module's tests 30 seconds instead of Awaitility's 10 unless the wait
 * says otherwise: reconnects with backoff, hydrations and Tomcat starts are fast on a quiet machine, but a
 * build machine shared by other jobs may stall any of them for seconds. The bound only matters when a test
 * fails; a passing wait ends as soon as its condition holds.
 */
public class AwaitilityDefaults implements LauncherSessionListener {

	@Override
	public void launcherSessionOpened(LauncherSession session) {
		Awaitility.setDefaultTimeout(Duration.ofSeconds(30));
	}

}
