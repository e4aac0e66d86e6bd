package app.pieces.reliability;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import app.pieces.client.PiecesClient;
import app.pieces.websocket.AssetsListener;
import app.pieces.websocket.BaseWebsocket;
import app.pieces.websocket.ConversationsListener;
import app.pieces.websocket.IdentifierStream;
import app.pieces.websocket.FrameOutcome;
import app.pieces.websocket.PiecesStream;
import app.pieces.websocket.PiecesWebsocketManager;
import app.pieces.websocket.ReconnectSettings;
import app.pieces.websocket.WebsocketListener;
import app.pieces.websocket.WebsocketSettings;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.websocket.DeploymentException;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerContainer;
import jakarta.websocket.server.ServerEndpointConfig;
import org.apache.catalina.Context;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.startup.Tomcat;
import org.apache.tomcat.util.scan.StandardJarScanner;
import org.apache.tomcat.websocket.server.WsSci;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Binary frames on every stream, whole and fragmented. The simulator only sends text frames,
 * so a minimal Tomcat websocket server stands in for it here: it serves the five stream paths
 * and lets the test send whatever it wants to the connected session.
 */
class BinaryFramesTests {

	private static final Map<String, Session> sessions = new ConcurrentHashMap<>();

	private static Tomcat tomcat;

	private static int port;

	private PiecesClient client;

	private PiecesWebsocketManager manager;

	private final FrameCounter counter = new FrameCounter();

	@BeforeAll
	static void startServer() throws Exception {
		Path baseDir = Files.createTempDirectory("binary-frames");
		tomcat = new Tomcat();
		tomcat.setBaseDir(baseDir.toString());
		Connector connector = new Connector("org.apache.coyote.http11.Http11NioProtocol");
		connector.setPort(0);
		connector.setProperty("address", "127.0.0.1");
		connector.setThrowOnFailure(true);
		tomcat.setConnector(connector);
		tomcat.getHost().setAutoDeploy(false);
		Context context = tomcat.addContext("", baseDir.toString());
		context.setParentClassLoader(BinaryFramesTests.class.getClassLoader());
		((StandardJarScanner) context.getJarScanner()).setScanClassPath(false);
		context.addServletContainerInitializer(new WsSci(), null);
		context.addServletContainerInitializer((classes, servletContext) -> {
			ServerContainer container = (ServerContainer) servletContext.getAttribute(ServerContainer.class.getName());
			for (PiecesStream stream : PiecesStream.values()) {
				ServerEndpointConfig config = ServerEndpointConfig.Builder.create(ScriptedEndpoint.class, stream.path())
					.configurator(new ServerEndpointConfig.Configurator() {

						@Override
						public <T> T getEndpointInstance(Class<T> endpointClass) {
							return endpointClass.cast(new ScriptedEndpoint(stream));
						}

					})
					.build();
				try {
					container.addEndpoint(config);
				}
				catch (DeploymentException ex) {
					throw new IllegalStateException(ex);
				}
			}
		}, null);
		// websocket upgrades go through Tomcat's WsFilter, which only runs for mapped requests
		Tomcat.addServlet(context, "not-found", new HttpServlet() {

			@Override
			protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
				response.sendError(HttpServletResponse.SC_NOT_FOUND);
			}

		});
		context.addServletMappingDecoded("/", "not-found");
		tomcat.start();
		port = connector.getLocalPort();
	}

	@AfterAll
	static void stopServer() throws Exception {
		tomcat.stop();
		tomcat.destroy();
	}

	@BeforeEach
	void createManager() {
		sessions.clear();
		this.client = PiecesClient.builder().baseUrl("http://127.0.0.1:" + port).build();
		this.manager = new PiecesWebsocketManager(this.client, WebsocketSettings.defaults()
			.withReconnect(ReconnectSettings.defaults().withIntervals(Duration.ofMillis(50), Duration.ofMillis(500))));
		this.manager.addEventListener(this.counter);
	}

	@AfterEach
	void closeManager() {
		this.manager.closeAll();
		this.client.close();
	}

	@ParameterizedTest
	@EnumSource(PiecesStream.class)
	void binaryFramesShouldBeRejectedOnceEachAndLeaveTheStreamWorking(PiecesStream stream) throws Exception {
		BaseWebsocket<?> socket = open(stream);
		socket.start();
		await().atMost(Duration.ofSeconds(20)).until(() -> socket.isConnected() && sessions.containsKey(stream.path()));
		Session session = sessions.get(stream.path());
		if (stream == PiecesStream.ASSETS || stream == PiecesStream.CONVERSATIONS) {
			// the authoritative first frame
			session.getBasicRemote().sendText("{\"iterable\":[]}");
			await().until(() -> this.counter.count(stream, FrameOutcome.PROCESSED) == 1);
		}
		int processed = this.counter.count(stream, FrameOutcome.PROCESSED);
		session.getBasicRemote().sendBinary(ByteBuffer.wrap("OK".getBytes(StandardCharsets.UTF_8)));
		await().until(() -> this.counter.count(stream, FrameOutcome.BINARY_REJECTED) == 1);
		// one binary message in three fragments counts once
		session.getBasicRemote().sendBinary(ByteBuffer.wrap(new byte[] { 1, 2 }), false);
		session.getBasicRemote().sendBinary(ByteBuffer.wrap(new byte[] { 3, 4 }), false);
		session.getBasicRemote().sendBinary(ByteBuffer.wrap(new byte[] { 5 }), true);
		await().until(() -> this.counter.count(stream, FrameOutcome.BINARY_REJECTED) == 2);
		assertThat(this.counter.errors(stream)).isEqualTo(2);
		assertThat(socket.isConnected()).isTrue();
		session.getBasicRemote().sendText(validFrame(stream));
		await().until(() -> this.counter.count(stream, FrameOutcome.PROCESSED) == processed + 1);
		assertThat(this.counter.total(stream)).isEqualTo(processed + 3);
		assertThat(socket.isConnected()).isTrue();
	}

	private BaseWebsocket<?> open(PiecesStream stream) {
		return switch (stream) {
			case HEALTH -> this.manager.health(new WebsocketListener<>() {
			});
			case USER -> this.manager.user(new WebsocketListener<>() {
			});
			case ASSETS -> this.manager.assets(new AssetsListener() {
			});
			case CONVERSATIONS -> this.manager.conversations(new ConversationsListener() {
			});
			case QGPT -> this.manager.ask(new WebsocketListener<>() {
			});
			case LTM_VISION -> this.manager.ltmVision(new WebsocketListener<>() {
			});
			case ANCHORS -> this.manager.identifiers(IdentifierStream.ANCHORS, null);
			case RANGES -> this.manager.identifiers(IdentifierStream.RANGES, null);
			case WORKSTREAM_SUMMARIES -> this.manager.identifiers(IdentifierStream.WORKSTREAM_SUMMARIES, null);
		};
	}

	private static String validFrame(PiecesStream stream) {
		return switch (stream) {
			case HEALTH -> "OK";
			case USER -> "";
			case ASSETS, CONVERSATIONS, ANCHORS, RANGES, WORKSTREAM_SUMMARIES -> "{\"iterable\":[]}";
			case QGPT -> "{\"request\":\"r-1\",\"conversation\":\"c-1\",\"status\":\"IN-PROGRESS\"}";
			case LTM_VISION -> "{\"vision\":{\"activation\":{\"continuous\":true}}}";
		};
	}

	/**
	 * Remembers the session of its stream; sends nothing by itself.
	 */
	static final class ScriptedEndpoint extends Endpoint {

		private final PiecesStream stream;

		ScriptedEndpoint(PiecesStream stream) {
			this.stream = stream;
		}

		@Override
		public void onOpen(Session session, EndpointConfig config) {
			sessions.put(this.stream.path(), session);
		}

	}

}
