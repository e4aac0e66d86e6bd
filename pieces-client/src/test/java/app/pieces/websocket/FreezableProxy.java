package app.pieces.websocket;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A TCP proxy in front of the simulator that can be frozen: {@link #freeze()} stops
 * forwarding in both directions without closing anything, like a Pieces OS on a machine that
 * went to sleep. The proxy keeps reading while frozen (what it reads is held and forwarded
 * after {@link #unfreeze()}), so it sees when a client closes its connection.
 */
final class FreezableProxy implements AutoCloseable {

	private static final byte[] END = new byte[0];

	private final ServerSocket server;

	private final int targetPort;

	private final ExecutorService threads = Executors.newCachedThreadPool((task) -> {
		Thread thread = new Thread(task, "test-proxy");
		thread.setDaemon(true);
		return thread;
	});

	private final List<Socket> sockets = new CopyOnWriteArrayList<>();

	private final AtomicLong bytesToServer = new AtomicLong();

	private final AtomicInteger closedByClients = new AtomicInteger();

	private final Object lock = new Object();

	// guarded by lock
	private boolean frozen;

	private volatile boolean closed;

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

	/**
	 * Return how many client connections the client closed, frozen or not.
	 */
	int closedByClients() {
		return this.closedByClients.get();
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

	/**
	 * Close the listening socket and every connection, in both directions.
	 */
	@Override
	public void close() throws IOException {
		// set before the sockets are closed: a connection accepted meanwhile sees it and closes itself
		this.closed = true;
		this.server.close();
		unfreeze();
		closeAll();
		this.threads.shutdownNow();
	}

	private void closeAll() {
		for (Socket socket : this.sockets) {
			try {
				socket.close();
			}
			catch (IOException ex) {
				// already gone
			}
		}
	}

	private void accept() {
		while (!this.server.isClosed()) {
			try {
				Socket client = this.server.accept();
				this.sockets.add(client);
				Socket upstream = new Socket(InetAddress.getLoopbackAddress(), this.targetPort);
				this.sockets.add(upstream);
				if (this.closed) {
					client.close();
					upstream.close();
					return;
				}
				forward(client, upstream, this.bytesToServer, this.closedByClients);
				forward(upstream, client, new AtomicLong(), new AtomicInteger());
			}
			catch (IOException | RejectedExecutionException ex) {
				// closed, or the target refused: the client sees its connection fail
				if (this.closed) {
					closeAll();
					return;
				}
			}
		}
	}

	/**
	 * Read from one side and write to the other: the reader never waits for a thaw, the
	 * writer does; the end of the input closes both sides once forwarded.
	 */
	private void forward(Socket from, Socket to, AtomicLong bytes, AtomicInteger ends) {
		BlockingQueue<byte[]> chunks = new LinkedBlockingQueue<>();
		this.threads.execute(() -> {
			byte[] buffer = new byte[8192];
			try {
				InputStream in = from.getInputStream();
				int read;
				while ((read = in.read(buffer)) >= 0) {
					bytes.addAndGet(read);
					chunks.add(Arrays.copyOf(buffer, read));
				}
				// the peer closed its side (not: this proxy closed the socket)
				ends.incrementAndGet();
			}
			catch (IOException ex) {
				// reset, or closed by this proxy: the end of the input as well
			}
			chunks.add(END);
		});
		this.threads.execute(() -> {
			try (from; to) {
				OutputStream out = to.getOutputStream();
				byte[] chunk;
				while ((chunk = chunks.take()) != END) {
					awaitThawed();
					out.write(chunk);
					out.flush();
				}
				awaitThawed();
			}
			catch (IOException ex) {
				// the other side is gone: both are closed by try-with-resources
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		});
	}

	private void awaitThawed() throws InterruptedException {
		synchronized (this.lock) {
			while (this.frozen) {
				this.lock.wait();
			}
		}
	}

}
