package app.pieces.simulator;

import java.time.Duration;
import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * JUnit 5 extension that runs one {@link PiecesOsSimulator} per test class: started before all tests,
 * closed after all tests, once every {@code afterAll} callback of the class has run (so a Spring test
 * context closed by {@code @DirtiesContext} shuts down while Pieces OS is still there).
 * <pre class="code">
 * &#64;RegisterExtension
 * static PiecesOsSimulatorExtension pieces = PiecesOsSimulatorExtension.builder().assets(20).build();
 *
 * &#64;Test
 * void test() {
 *     String baseUrl = pieces.simulator().baseUrl();
 * }
 * </pre>
 * or, with the defaults, {@code @ExtendWith(PiecesOsSimulatorExtension.class)} and a
 * {@link PiecesOsSimulator} parameter on the test constructor or test methods. Registered on an instance
 * field instead of a static one, the simulator lives for one test method.
 */
public final class PiecesOsSimulatorExtension
		implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, AfterEachCallback, ParameterResolver {

	private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace
		.create(PiecesOsSimulatorExtension.class);

	private final PiecesOsSimulator.Builder builder;

	private @Nullable PiecesOsSimulator simulator;

	private @Nullable String ownerId;

	/**
	 * An extension with the simulator's defaults (for {@code @ExtendWith}).
	 */
	public PiecesOsSimulatorExtension() {
		this(PiecesOsSimulator.builder());
	}

	private PiecesOsSimulatorExtension(PiecesOsSimulator.Builder builder) {
		this.builder = builder;
	}

	/**
	 * Start configuring an extension; the options are those of {@link PiecesOsSimulator.Builder}.
	 * @return a new builder
	 */
	public static Builder builder() {
		return new Builder();
	}

	/**
	 * The running simulator.
	 * @return the simulator
	 * @throws IllegalStateException outside the tests of the class that registered the extension
	 */
	public PiecesOsSimulator simulator() {
		PiecesOsSimulator running = this.simulator;
		if (running == null) {
			throw new IllegalStateException("The Pieces OS simulator runs only while the test class runs");
		}
		return running;
	}

	@Override
	public void beforeAll(ExtensionContext context) {
		startFor(context);
	}

	/**
	 * Arrange for the class's simulator to close when JUnit closes the class's extension context,
	 * which happens after every {@code afterAll} callback of the class. Closing it right here would
	 * be too early: JUnit runs {@code afterAll} callbacks in reverse registration order, so a static
	 * {@code @RegisterExtension} field would stop Pieces OS before Spring's extension (registered
	 * first, by {@code @SpringBootTest}) closes the application context, and the application would
	 * lose Pieces OS and start reconnecting while it shuts down.
	 * @param context the class's extension context
	 */
	@Override
	public synchronized void afterAll(ExtensionContext context) {
		if (this.simulator != null && context.getUniqueId().equals(this.ownerId)) {
			AutoCloseable close = () -> stopFor(context);
			context.getStore(NAMESPACE).put(this, close);
		}
	}

	@Override
	public void beforeEach(ExtensionContext context) {
		startFor(context);
	}

	@Override
	public void afterEach(ExtensionContext context) {
		stopFor(context);
	}

	private synchronized void startFor(ExtensionContext context) {
		if (this.simulator == null) {
			this.simulator = this.builder.build().start();
			this.ownerId = context.getUniqueId();
		}
	}

	private synchronized void stopFor(ExtensionContext context) {
		if (this.simulator != null && context.getUniqueId().equals(this.ownerId)) {
			this.simulator.close();
			this.simulator = null;
			this.ownerId = null;
		}
	}

	@Override
	public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
		return parameterContext.getParameter().getType() == PiecesOsSimulator.class;
	}

	@Override
	public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
		startFor(extensionContext);
		PiecesOsSimulator running = this.simulator;
		if (running == null) {
			throw new ParameterResolutionException("No Pieces OS simulator is running");
		}
		return running;
	}

	/**
	 * Configures a {@link PiecesOsSimulatorExtension}; every option is passed to
	 * {@link PiecesOsSimulator.Builder}.
	 */
	public static final class Builder {

		private final PiecesOsSimulator.Builder simulator = PiecesOsSimulator.builder();

		private Builder() {
		}

		/**
		 * See {@link PiecesOsSimulator.Builder#port(int)}.
		 * @param port the port, 0 for a free one
		 * @return this builder
		 */
		public Builder port(int port) {
			this.simulator.port(port);
			return this;
		}

		/**
		 * See {@link PiecesOsSimulator.Builder#assets(int)}.
		 * @param assets the number of seeded assets
		 * @return this builder
		 */
		public Builder assets(int assets) {
			this.simulator.assets(assets);
			return this;
		}

		/**
		 * See {@link PiecesOsSimulator.Builder#conversations(int)}.
		 * @param conversations the number of seeded conversations
		 * @return this builder
		 */
		public Builder conversations(int conversations) {
			this.simulator.conversations(conversations);
			return this;
		}

		/**
		 * See {@link PiecesOsSimulator.Builder#signedIn(boolean)}.
		 * @param signedIn the initial sign-in state
		 * @return this builder
		 */
		public Builder signedIn(boolean signedIn) {
			this.simulator.signedIn(signedIn);
			return this;
		}

		/**
		 * See {@link PiecesOsSimulator.Builder#version(String)}.
		 * @param version the version
		 * @return this builder
		 */
		public Builder version(String version) {
			this.simulator.version(version);
			return this;
		}

		/**
		 * See {@link PiecesOsSimulator.Builder#explicitNulls(boolean)}.
		 * @param explicitNulls whether to write explicit nulls
		 * @return this builder
		 */
		public Builder explicitNulls(boolean explicitNulls) {
			this.simulator.explicitNulls(explicitNulls);
			return this;
		}

		/**
		 * See {@link PiecesOsSimulator.Builder#initializedFrame(boolean)}.
		 * @param initializedFrame whether to emit INITIALIZED first
		 * @return this builder
		 */
		public Builder initializedFrame(boolean initializedFrame) {
			this.simulator.initializedFrame(initializedFrame);
			return this;
		}

		/**
		 * See {@link PiecesOsSimulator.Builder#restLatency(Duration)}.
		 * @param restLatency the delay
		 * @return this builder
		 */
		public Builder restLatency(Duration restLatency) {
			this.simulator.restLatency(restLatency);
			return this;
		}

		/**
		 * See {@link PiecesOsSimulator.Builder#chunkDelay(Duration)}.
		 * @param chunkDelay the pause
		 * @return this builder
		 */
		public Builder chunkDelay(Duration chunkDelay) {
			this.simulator.chunkDelay(chunkDelay);
			return this;
		}

		/**
		 * See {@link PiecesOsSimulator.Builder#healthInterval(Duration)}.
		 * @param healthInterval the interval
		 * @return this builder
		 */
		public Builder healthInterval(Duration healthInterval) {
			this.simulator.healthInterval(healthInterval);
			return this;
		}

		/**
		 * See {@link PiecesOsSimulator.Builder#updatedInIdentifiers(boolean)}.
		 * @param updatedInIdentifiers whether full identifier lists carry {@code updated}
		 * @return this builder
		 */
		public Builder updatedInIdentifiers(boolean updatedInIdentifiers) {
			this.simulator.updatedInIdentifiers(updatedInIdentifiers);
			return this;
		}

		/**
		 * See {@link PiecesOsSimulator.Builder#comeBackTimeout(Duration)}.
		 * @param comeBackTimeout how long a restart keeps trying a taken port
		 * @return this builder
		 */
		public Builder comeBackTimeout(Duration comeBackTimeout) {
			this.simulator.comeBackTimeout(comeBackTimeout);
			return this;
		}

		/**
		 * Adjust the simulator builder directly.
		 * @param customizer receives the simulator builder
		 * @return this builder
		 */
		public Builder configure(Consumer<PiecesOsSimulator.Builder> customizer) {
			customizer.accept(this.simulator);
			return this;
		}

		/**
		 * Build the extension.
		 * @return a new extension
		 */
		public PiecesOsSimulatorExtension build() {
			return new PiecesOsSimulatorExtension(this.simulator);
		}

	}

}
