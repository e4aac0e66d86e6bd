package app.pieces.websocket;

import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import app.pieces.client.PiecesClient;
import app.pieces.simulator.PiecesOsSimulatorExtension;

/**
 * The set-up most websocket tests share: a client and a manager on it, created on first use
 * in a test and closed after it (manager first, then client). Register as an instance field:
 * <pre>
 * &#64;RegisterExtension
 * final ManagedSockets sockets = ManagedSockets.on(pieces);
 * </pre>
 */
final class ManagedSockets implements AfterEachCallback {

	private final Supplier<PiecesClient> clientFactory;

	private final Supplier<WebsocketSettings> settingsFactory;

	private @Nullable PiecesClient client;

	private @Nullable PiecesWebsocketManager manager;

	/**
	 * Sockets with a client created by the factory and the given settings.
	 */
	ManagedSockets(Supplier<PiecesClient> clientFactory, Supplier<WebsocketSettings> settingsFactory) {
		this.clientFactory = clientFactory;
		this.settingsFactory = settingsFactory;
	}

	/**
	 * Sockets on the simulator's fixed base URL with {@link TestSupport#fastSettings()}.
	 */
	static ManagedSockets on(PiecesOsSimulatorExtension pieces) {
		return on(pieces, TestSupport.fastSettings());
	}

	/**
	 * Sockets on the simulator's fixed base URL with the given settings.
	 */
	static ManagedSockets on(PiecesOsSimulatorExtension pieces, WebsocketSettings settings) {
		return new ManagedSockets(() -> TestSupport.client(pieces.simulator()), () -> settings);
	}

	synchronized PiecesClient client() {
		PiecesClient current = this.client;
		if (current == null) {
			current = this.clientFactory.get();
			this.client = current;
		}
		return current;
	}

	synchronized PiecesWebsocketManager manager() {
		PiecesWebsocketManager current = this.manager;
		if (current == null) {
			current = new PiecesWebsocketManager(client(), this.settingsFactory.get());
			this.manager = current;
		}
		return current;
	}

	@Override
	public synchronized void afterEach(ExtensionContext context) {
		if (this.manager != null) {
			this.manager.closeAll();
			this.manager = null;
		}
		if (this.client != null) {
			this.client.close();
			this.client = null;
		}
	}

}
