package app.pieces.websocket;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

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
import org.apache.catalina.LifecycleException;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.startup.Tomcat;
import org.apache.tomcat.websocket.server.WsSci;

/**
 * A minimal embedded Tomcat for what the simulator cannot do: a health stream that sends a
 * binary frame before its text frame, and 404 answers to every other upgrade (an "older
 * Pieces OS"). Counts requests per path.
 */
final class ScriptedServer implements AutoCloseable {

	private final Tomcat tomcat;

	private final int port;

	private final Map<String, AtomicInteger> requests = new ConcurrentHashMap<>();

	ScriptedServer() throws LifecycleException, IOException {
		GarbledFirstListEndpoint.connections.set(0);
		Path baseDir = Files.createTempDirectory("scripted-server");
		this.tomcat = new Tomcat();
		this.tomcat.setBaseDir(baseDir.toString());
		Connector connector = new Connector("org.apache.coyote.http11.Http11NioProtocol");
		connector.setPort(0);
		connector.setProperty("address", "127.0.0.1");
		this.tomcat.setConnector(connector);
		Context context = this.tomcat.addContext("", null);
		context.addServletContainerInitializer(new WsSci(), null);
		context.addServletContainerInitializer((classes, servletContext) -> {
			ServerContainer container = (ServerContainer) servletContext.getAttribute(ServerContainer.class.getName());
			try {
				container.addEndpoint(ServerEndpointConfig.Builder
					.create(BinaryThenOkEndpoint.class, PiecesStream.HEALTH.path())
					.build());
				container.addEndpoint(ServerEndpointConfig.Builder
					.create(GarbledFirstListEndpoint.class, PiecesStream.ASSETS.path())
					.build());
			}
			catch (DeploymentException ex) {
				throw new IllegalStateException(ex);
			}
		}, null);
		Tomcat.addServlet(context, "fallback", new FallbackServlet(this.requests));
		context.addServletMappingDecoded("/", "fallback");
		this.tomcat.start();
		this.port = connector.getLocalPort();
	}

	String baseUrl() {
		return "http://127.0.0.1:" + this.port;
	}

	int assetConnections() {
		return GarbledFirstListEndpoint.connections.get();
	}

	int requests(String path) {
		AtomicInteger count = this.requests.get(path);
		return (count != null) ? count.get() : 0;
	}

	@Override
	public void close() throws LifecycleException {
		this.tomcat.stop();
		this.tomcat.destroy();
	}

	/**
	 * Sends a binary frame, then {@code OK}.
	 */
	public static final class BinaryThenOkEndpoint extends Endpoint {

		@Override
		public void onOpen(Session session, EndpointConfig config) {
			try {
				session.getBasicRemote().sendBinary(ByteBuffer.wrap(new byte[] { 1, 2, 3 }));
				session.getBasicRemote().sendText("OK");
			}
			catch (IOException ex) {
				throw new IllegalStateException(ex);
			}
		}

	}

	/**
	 * On the first connection: a full list that is not JSON, then a delta naming an asset.
	 * On later connections: an empty full list.
	 */
	public static final class GarbledFirstListEndpoint extends Endpoint {

		static final AtomicInteger connections = new AtomicInteger();

		@Override
		public void onOpen(Session session, EndpointConfig config) {
			try {
				if (connections.incrementAndGet() == 1) {
					session.getBasicRemote().sendText("{\"iterable\": [{\"asset\": ");
					session.getBasicRemote().sendText("{\"iterable\": [{\"asset\": {\"id\": \"delta-only\"}}]}");
				}
				else {
					session.getBasicRemote().sendText("{\"iterable\": []}");
				}
			}
			catch (IOException ex) {
				throw new IllegalStateException(ex);
			}
		}

	}

	/**
	 * Health and version for the client, 404 for everything else.
	 */
	private static final class FallbackServlet extends HttpServlet {

		private static final long serialVersionUID = 1L;

		private final transient Map<String, AtomicInteger> requests;

		FallbackServlet(Map<String, AtomicInteger> requests) {
			this.requests = requests;
		}

		@Override
		protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
			String path = request.getRequestURI();
			this.requests.computeIfAbsent(path, (key) -> new AtomicInteger()).incrementAndGet();
			if (List.of("/.well-known/health", "/.well-known/version").contains(path)) {
				response.setContentType("text/plain");
				response.getWriter().write(path.endsWith("health") ? "ok" : "12.3.2");
				return;
			}
			response.sendError(404);
		}

	}

}
