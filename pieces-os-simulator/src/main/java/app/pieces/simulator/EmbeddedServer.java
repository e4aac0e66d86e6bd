package app.pieces.simulator;

import java.nio.file.Path;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

import jakarta.websocket.DeploymentException;
import jakarta.websocket.server.ServerContainer;
import jakarta.websocket.server.ServerEndpointConfig;
import org.apache.catalina.LifecycleException;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.core.StandardContext;
import org.apache.catalina.session.StandardManager;
import org.apache.catalina.startup.Tomcat;
import org.apache.tomcat.websocket.server.WsSci;

/**
 * One run of the embedded Tomcat: HTTP and websockets on {@code 127.0.0.1}. A restart stops and destroys
 * this instance and starts a new one; the simulator's data lives elsewhere.
 */
final class EmbeddedServer {

	/** Strong references, so that the quieted JUL loggers keep their level. */
	private static final List<Logger> QUIET_LOGGERS = List.of(Logger.getLogger("org.apache.catalina"),
			Logger.getLogger("org.apache.coyote"), Logger.getLogger("org.apache.tomcat.util.net"));

	static {
		for (Logger logger : QUIET_LOGGERS) {
			logger.setLevel(Level.WARNING);
		}
	}

	private static final System.Logger logger = System.getLogger(EmbeddedServer.class.getName());

	private final Tomcat tomcat;

	private final SimulatorHub hub;

	private final int port;

	private EmbeddedServer(Tomcat tomcat, SimulatorHub hub, int port) {
		this.tomcat = tomcat;
		this.hub = hub;
		this.port = port;
	}

	/**
	 * Start a server.
	 * @param baseDir Tomcat's scratch directory
	 * @param port the port, 0 for a free one
	 * @param simulator the simulator (for the control plane)
	 * @param hub the simulator's behaviour
	 * @return the running server
	 * @throws LifecycleException if Tomcat cannot start, e.g. because the port is taken
	 */
	static EmbeddedServer start(Path baseDir, int port, PiecesOsSimulator simulator, SimulatorHub hub)
			throws LifecycleException {
		Tomcat tomcat = new Tomcat();
		tomcat.setBaseDir(baseDir.toString());
		Connector connector = new Connector("org.apache.coyote.http11.Http11NioProtocol");
		connector.setPort(port);
		connector.setProperty("address", "127.0.0.1");
		connector.setProperty("minSpareThreads", "2");
		connector.setProperty("maxThreads", "64");
		connector.setThrowOnFailure(true);
		tomcat.setConnector(connector);
		tomcat.getHost().setAutoDeploy(false);
		StandardContext context = (StandardContext) tomcat.addContext("", null);
		context.setLoader(new SimulatorLoader());
		StandardManager manager = new StandardManager();
		manager.setPathname(null);
		context.setManager(manager);
		context.addServletContainerInitializer(new WsSci(), null);
		context.addServletContainerInitializer((classes, servletContext) -> {
			ServerContainer container = (ServerContainer) servletContext
				.getAttribute(ServerContainer.class.getName());
			for (StreamKind kind : StreamKind.values()) {
				StreamEndpoint endpoint = new StreamEndpoint(hub, kind);
				ServerEndpointConfig config = ServerEndpointConfig.Builder.create(StreamEndpoint.class, kind.path())
					.configurator(new ServerEndpointConfig.Configurator() {

						@Override
						public <T> T getEndpointInstance(Class<T> endpointClass) {
							return endpointClass.cast(endpoint);
						}

					})
					.build();
				try {
					container.addEndpoint(config);
				}
				catch (DeploymentException ex) {
					throw new IllegalStateException("Cannot register " + kind.path(), ex);
				}
			}
		}, null);
		Tomcat.addServlet(context, "simulator", new SimulatorServlet(simulator, hub));
		context.addServletMappingDecoded("/", "simulator");
		hub.mcp().register(context);
		try {
			tomcat.start();
		}
		catch (LifecycleException | RuntimeException ex) {
			destroy(tomcat, hub);
			throw ex;
		}
		return new EmbeddedServer(tomcat, hub, connector.getLocalPort());
	}

	int port() {
		return this.port;
	}

	/**
	 * Close every websocket session and connection and release the port.
	 */
	void stop() {
		destroy(this.tomcat, this.hub);
	}

	private static void destroy(Tomcat tomcat, SimulatorHub hub) {
		hub.mcp().close();
		try {
			tomcat.stop();
		}
		catch (LifecycleException ex) {
			logger.log(System.Logger.Level.WARNING, "Stopping the simulator's Tomcat failed: " + ex.getMessage());
		}
		try {
			tomcat.destroy();
		}
		catch (LifecycleException ex) {
			logger.log(System.Logger.Level.WARNING, "Destroying the simulator's Tomcat failed: " + ex.getMessage());
		}
	}

}
