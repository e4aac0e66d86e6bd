package app.pieces.copilot;

import reactor.adapter.JdkFlowAdapter;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Reactor adapters for the copilot. This is the only class of the copilot API that needs
 * {@code reactor-core} (an optional dependency): the rest of the package loads and works without it.
 * <pre class="code">
 * ReactorCopilot.ask(copilot, "How do I add jitter?").subscribe(System.out::print);
 * </pre>
 */
public final class ReactorCopilot {

	private ReactorCopilot() {
	}

	/**
	 * Return the chunks of an answer as a {@link Flux}: every subscriber receives all chunks from the first
	 * one; the flux completes with the answer and errors as the answer's futures do
	 * ({@link CopilotFailedException}, {@link CopilotTimeoutException}, {@link CopilotConnectionLostException},
	 * {@link CopilotCancelledException}). Cancelling a subscription does not stop the answer.
	 * @param answer the answer
	 * @return the chunks
	 */
	public static Flux<String> chunks(CopilotAnswer answer) {
		return JdkFlowAdapter.flowPublisherToFlux(answer.chunks());
	}

	/**
	 * Return a cold {@link Flux} that asks the question on each subscription and emits the answer's chunks;
	 * cancelling the subscription {@linkplain CopilotAnswer#stop() stops} the answer (a question still waiting
	 * for the socket to connect is withdrawn, never sent).
	 * <p>
	 * {@link PiecesCopilot#ask(CopilotRequest)} may block on REST calls: {@code GET /models} when the request
	 * names a model that is not cached yet, and, the first time, {@code POST /connect} (with the version check and,
	 * without a fixed base URL, port discovery) when the socket has not connected yet. So the question is asked on
	 * {@link Schedulers#boundedElastic()}, never on the subscribing thread (e.g. a WebFlux event loop); chunks are
	 * emitted on the socket's serial executor.
	 * @param copilot the copilot
	 * @param request the request
	 * @return the chunks
	 */
	public static Flux<String> ask(PiecesCopilot copilot, CopilotRequest request) {
		return Flux.defer(() -> {
			CopilotAnswer answer = copilot.ask(request);
			return chunks(answer).doOnCancel(answer::stop);
		}).subscribeOn(Schedulers.boundedElastic());
	}

	/**
	 * Return a cold {@link Flux} that asks the question (in a new conversation) on each subscription.
	 * @param copilot the copilot
	 * @param question the question
	 * @return the chunks
	 * @see #ask(PiecesCopilot, CopilotRequest)
	 */
	public static Flux<String> ask(PiecesCopilot copilot, String question) {
		return ask(copilot, CopilotRequest.of(question));
	}

	/**
	 * Return the full text of an answer as a {@link Mono}.
	 * @param answer the answer
	 * @return the text, emitted when the answer completes
	 */
	public static Mono<String> text(CopilotAnswer answer) {
		return Mono.fromFuture(answer.text(), true);
	}

}
