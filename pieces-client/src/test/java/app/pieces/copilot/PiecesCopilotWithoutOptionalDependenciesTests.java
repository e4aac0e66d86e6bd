package app.pieces.copilot;

import java.io.IOException;
import java.io.InputStream;
import java.util.function.Function;

import org.junit.jupiter.api.Test;

import app.pieces.simulator.PiecesOsSimulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Proves that the copilot (and the client under it) loads and works without the optional Reactor and
 * Micrometer dependencies, by running a whole question in a class loader that hides them.
 */
class PiecesCopilotWithoutOptionalDependenciesTests {

	@Test
	void copilotShouldAskAndAnswerWhenReactorAndMicrometerAreMissing() throws Exception {
		try (PiecesOsSimulator simulator = PiecesOsSimulator.builder().start()) {
			HidingClassLoader loader = new HidingClassLoader(getClass().getClassLoader());
			assertThatExceptionOfType(ClassNotFoundException.class)
				.isThrownBy(() -> loader.loadClass("reactor.core.publisher.Flux"));
			assertThatExceptionOfType(ClassNotFoundException.class)
				.isThrownBy(() -> loader.loadClass("io.micrometer.observation.ObservationRegistry"));
			Class<?> scenarioClass = loader.loadClass(NoOptionalDependenciesScenario.class.getName());
			assertThat(scenarioClass.getClassLoader()).isSameAs(loader);
			@SuppressWarnings("unchecked")
			Function<String, String> scenario = (Function<String, String>) scenarioClass.getDeclaredConstructor()
				.newInstance();
			assertThat(scenario.apply(simulator.baseUrl()))
				.isEqualTo(simulator.copilot().answerFor("How do I add jitter to this retry helper?"));
			Class<?> reactorAdapter = loader.loadClass(ReactorCopilot.class.getName());
			assertThatExceptionOfType(NoClassDefFoundError.class)
				.isThrownBy(() -> reactorAdapter.getMethod("chunks", loader.loadClass(CopilotAnswer.class.getName()))
					.invoke(null, (Object) null));
		}
	}

	/**
	 * Defines our own classes ({@code app.pieces.*} except the simulator) itself, so that their references
	 * resolve through it, and hides Reactor, Reactive Streams and Micrometer from them.
	 */
	static final class HidingClassLoader extends ClassLoader {

		private static final String[] HIDDEN = { "reactor.", "org.reactivestreams.", "io.micrometer." };

		HidingClassLoader(ClassLoader parent) {
			super(parent);
		}

		@Override
		protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
			synchronized (getClassLoadingLock(name)) {
				for (String hidden : HIDDEN) {
					if (name.startsWith(hidden)) {
						throw new ClassNotFoundException(name + " is hidden by this test");
					}
				}
				if (!name.startsWith("app.pieces.") || name.startsWith("app.pieces.simulator.")) {
					return super.loadClass(name, resolve);
				}
				Class<?> loaded = findLoadedClass(name);
				if (loaded == null) {
					loaded = defineOwn(name);
				}
				if (resolve) {
					resolveClass(loaded);
				}
				return loaded;
			}
		}

		private Class<?> defineOwn(String name) throws ClassNotFoundException {
			String resource = name.replace('.', '/') + ".class";
			try (InputStream in = getParent().getResourceAsStream(resource)) {
				if (in == null) {
					throw new ClassNotFoundException(name);
				}
				byte[] bytes = in.readAllBytes();
				return defineClass(name, bytes, 0, bytes.length);
			}
			catch (IOException ex) {
				throw new ClassNotFoundException(name, ex);
			}
		}

	}

}
