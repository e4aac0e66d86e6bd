package app.pieces.benchmarks;

import app.pieces.boot.event.CopilotMessageEvent;
import app.pieces.boot.event.HealthStatusEvent;
import app.pieces.model.QGPTStreamOutput;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.event.EventListener;

/**
 * A minimal Spring Boot application for the startup and {@code @EventListener} benchmarks:
 * auto-configuration only, plus a listener that forwards health and copilot events to the
 * current {@link FrameProbe}.
 */
@SpringBootConfiguration(proxyBeanMethods = false)
@EnableAutoConfiguration
public class BenchApplication {

	static volatile @Nullable FrameProbe probe;

	@EventListener
	void onHealth(HealthStatusEvent event) {
		FrameProbe current = probe;
		if (current != null) {
			current.onFrame(event.getStatus());
		}
	}

	@EventListener
	void onCopilot(CopilotMessageEvent event) {
		FrameProbe current = probe;
		QGPTStreamOutput output = event.getOutput();
		if (current != null && output.request() != null) {
			current.onFrame("\"" + output.request());
		}
	}

}
