package app.pieces.benchmarks;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import app.pieces.simulator.PiecesOsSimulator;
import org.jspecify.annotations.Nullable;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Benchmark 4 (JMH, single-shot): refresh of a minimal Spring Boot application without the
 * starter ({@code pieces.enabled=false}, same classpath), with the starter and Pieces OS
 * present, and with the starter and Pieces OS absent (nothing listens on the discovery
 * range). A simulator runs in every fork so that class loading is the same for all variants.
 * Run cold: a fresh JVM per measurement ({@link StartupRunner}).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class StartupBenchmark {

	/**
	 * The variant: {@code without-starter}, {@code pieces-present} or {@code pieces-absent}.
	 */
	@Param({ "without-starter", "pieces-present", "pieces-absent" })
	public String variant;

	private @Nullable PiecesOsSimulator simulator;

	private int closedPort;

	private @Nullable ConfigurableApplicationContext context;

	/**
	 * Start the simulator and find a closed port.
	 * @throws IOException if no free port can be found
	 */
	@Setup(Level.Trial)
	public void startSimulator() throws IOException {
		this.simulator = PiecesOsSimulator.builder().assets(100).healthInterval(Duration.ZERO).build().start();
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			this.closedPort = socket.getLocalPort();
		}
	}

	/**
	 * Refresh the application context.
	 * @return the context (closed after the iteration)
	 */
	@Benchmark
	public ConfigurableApplicationContext refresh() {
		int port = "pieces-present".equals(this.variant) ? this.simulator.port() : this.closedPort;
		this.context = new SpringApplicationBuilder(BenchApplication.class).web(WebApplicationType.NONE)
			.logStartupInfo(false)
			.run("--pieces.enabled=" + !"without-starter".equals(this.variant), "--spring.main.banner-mode=off",
					"--logging.level.root=WARN", "--pieces.discovery.first-port=" + port,
					"--pieces.discovery.last-port=" + port, "--pieces.discovery.port-files-enabled=false",
					"--pieces.discovery.legacy-ports=false");
		return this.context;
	}

	/**
	 * Close the context refreshed by the iteration.
	 */
	@TearDown(Level.Iteration)
	public void closeContext() {
		if (this.context != null) {
			this.context.close();
			this.context = null;
		}
	}

	/**
	 * Stop the simulator.
	 */
	@TearDown(Level.Trial)
	public void stopSimulator() {
		if (this.simulator != null) {
			this.simulator.close();
		}
	}

}
