package app.pieces.reliability;

import java.util.ArrayList;
import java.util.LinkedHashMap;
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
	 * prefix) over quick reconnects (50ms to 500ms) and no port files or legacy ports.
	 */
	static ConfigurableApplicationContext run(Map<String, Object> properties) {
		return run(properties, new Class<?>[0]);
	}

	/**
	 * Start the application as {@link #run(Map)} does, with more configuration classes.
	 */
	static ConfigurableApplicationContext run(Map<String, Object> properties, Class<?>... configurations) {
		Map<String, Object> all = new LinkedHashMap<>();
		all.put("reconnect.initial-interval", "50ms");
		all.put("reconnect.max-interval", "500ms");
		all.put("reconnect.jitter", "10ms");
		all.put("discovery.port-files-enabled", false);
		all.put("discovery.legacy-ports", false);
		// every stream, also the one that is off by default
		all.put("streams.summaries.enabled", true);
		all.putAll(properties);
		List<String> args = new ArrayList<>();
		args.add("--spring.main.banner-mode=off");
		all.forEach((key, value) -> args.add("--pieces." + key + "=" + value));
		List<Class<?>> sources = new ArrayList<>(List.of(ReliabilityApplication.class));
		sources.addAll(List.of(configurations));
		return new SpringApplicationBuilder(sources.toArray(Class<?>[]::new)).web(WebApplicationType.NONE)
			.logStartupInfo(false)
			.run(args.toArray(String[]::new));
	}

}
