package app.pieces.websocket;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A TCP proxy in front of the simulator that can be frozen: {@link #freeze()} stops
 * forwarding in both directions without closing anything, like a Pieces OS on a machine that
 * went to sleep (the bytes read meanwhile are held and forwarded after {@link #unfreeze()}).
 */
final class FreezableProxy implements AutoCloseable {

	private final ServerSocket server;

	private final int targetPort;

	private final ExecutorService threads = Executors.newCachedThreadPool((task) -> {
		Thread thread = new Thread(task, "test-proxy");
		thread.setDaemon(true);
		return thread;
	});

	private final List<Socket> sockets = new CopyOnWriteArrayList<>();

	private final AtomicLong bytesToServer = new AtomicLong();

	private final Object lock = new Object();

	// guarded by lock
	private boolean frozen;

	FreezableProxy(int targetPort) throws IOException {
		this.targetPort = targetPort;
		this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
		this.threads.execute(this::accept);
	}

	String baseUrl() {
		return "http://127.0.0.1:" + this.server.getLocalPort();
	}

	/**
	 * Return how many bytes clients sent towards the server (counted when read, before they
	 * are forwarded).
	 */
	long bytesToServer() {
		return this.bytesToServer.get();
	}

	void freeze() {
		synchronized (this.lock) {
			this.frozen = true;
		}
	}

	void unfreeze() {
		synchronized (this.lock) {
			this.frozen = false;
			this.lock.notifyAll();
		}
	}

	@Override
	public void close() throws IOException {
		this.server.close();
		unfreeze();
		for (Socket socket : this.sockets) {
			socket.close();
		}
		this.threads.shutdownNow();
	}

	private void accept() {
		while (!this.server.isClosed()) {
			try {
				Socket client = this.server.accept();
				Socket upstream = new Socket(InetAddress.getLoopbackAddress(), this.targetPort);
				this.sockets.add(client);
				this.sockets.add(upstream);
				this.threads.execute(() -> pump(client, upstream, this.bytesToServer));
				this.threads.execute(() -> pump(upstream, client, new AtomicLong()));
			}
			catch (IOException ex) {
				// closed, or the target refused: the client sees its connection fail
			}
		}
	}

	private void pump(Socket from, Socket to, AtomicLong counter) {
		byte[] buffer = new byte[8192];
		try (from; to) {
			InputStream in = from.getInputStream();
			OutputStream out = to.getOutputStream();
			int read;
			while ((read = in.read(buffer)) >= 0) {
				counter.addAndGet(read);
				awaitThawed();
				out.write(buffer, 0, read);
				out.flush();
			}
		}
		catch (IOException ex) {
			// one side closed: both are closed by try-with-resources
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private void awaitThawed() throws InterruptedException {
		synchronized (this.lock) {
			while (this.frozen) {
				this.lock.wait();
			}
		}
	}

}
