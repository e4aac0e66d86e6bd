package app.pieces.reliability;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;

/**
 * The smallest application that uses the starter, with an {@link EventLog} and a
 * {@link FrameCounter}; started by hand so that tests control when it starts and closes.
 */
@SpringBootConfiguration(proxyBeanMethods = false)
@EnableAutoConfiguration
class ReliabilityApplication {

	@Bean
	EventLog eventLog() {
		return new EventLog();
	}

	@Bean
	FrameCounter frameCounter() {
		return new FrameCounter();
	}

	/**
	 * Start the application with the given {@code pieces.*} properties (keys without the
	 * prefix) plus quick reconnects and no port files or legacy ports.
	 */
	static ConfigurableApplicationContext run(Map<String, Object> properties) {
		List<String> args = new ArrayList<>();
		args.add("--pieces.reconnect.initial-interval=50ms");
		args.add("--pieces.reconnect.max-interval=500ms");
		args.add("--pieces.reconnect.jitter=10ms");
		args.add("--pieces.discovery.port-files-enabled=false");
		args.add("--pieces.discovery.legacy-ports=false");
		args.add("--spring.main.banner-mode=off");
		properties.forEach((key, value) -> args.add("--pieces." + key + "=" + value));
		return new SpringApplicationBuilder(ReliabilityApplication.class).web(WebApplicationType.NONE)
			.logStartupInfo(false)
			.run(args.toArray(String[]::new));
	}

}
