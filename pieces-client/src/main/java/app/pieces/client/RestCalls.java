package app.pieces.client;

import java.io.InputStream;
import java.net.URI;
import java.util.function.BiFunction;
import java.util.function.Consumer;

import app.pieces.model.PiecesJson;
import app.pieces.model.RawJson;
import app.pieces.model.RawJsonCarrier;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.exc.JacksonIOException;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.MediaType;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;
import org.springframework.web.client.RestClientResponseException;
import org.springframework.web.util.DefaultUriBuilderFactory;
import org.springframework.web.util.UriBuilderFactory;

/**
 * Runs one REST call on the {@link PiecesApi}: against the current base, once more on a re-discovered Pieces OS
 * when the call is safe to repeat and Pieces OS has moved, with every failure translated to a
 * {@link PiecesException} ({@link PiecesStatus}).
 */
final class RestCalls {

	private final Locator locator;

	private final HttpResources http;

	/** The URI builder of the last base used: Pieces OS rarely moves, and parsing the base per call costs. */
	private volatile @Nullable Base lastBase;

	RestCalls(Locator locator, HttpResources http) {
		this.locator = locator;
		this.http = http;
	}

	/**
	 * Run a call.
	 * @param description the call for messages, e.g. {@code GET /asset/a1}
	 * @param bodyType the type of the answer, for messages
	 * @param safe whether the call changes nothing on the server (so it may be repeated on another port)
	 * @param call the call
	 * @return the answer, {@code null} for an empty body
	 */
	<T> @Nullable T call(String description, Class<?> bodyType, boolean safe,
			BiFunction<PiecesApi, UriBuilderFactory, @Nullable T> call) {
		URI base = this.locator.currentOrDiscover();
		try {
			return callOnce(base, description, bodyType, call);
		}
		catch (PiecesUnavailableException ex) {
			if (!safe || this.locator.isFixed() || this.http.isClosed()) {
				throw ex;
			}
			URI rediscovered;
			try {
				rediscovered = this.locator.discover();
			}
			catch (PiecesUnavailableException notFound) {
				ex.addSuppressed(notFound);
				throw ex;
			}
			if (rediscovered.equals(base)) {
				throw ex;
			}
			return callOnce(rediscovered, description, bodyType, call);
		}
	}

	/**
	 * Run a call whose answer must have a body.
	 */
	<T> T required(String description, Class<T> bodyType, boolean safe,
			BiFunction<PiecesApi, UriBuilderFactory, @Nullable T> call) {
		T value = call(description, bodyType, safe, call);
		if (value == null) {
			throw new PiecesApiException(description + " returned an empty body", 200, null);
		}
		return value;
	}

	/**
	 * Read a collection answer ({@code {"iterable":[...]}}) item by item as it streams in: never the whole body in
	 * memory, each item bound on its own and handed to the action before the next one is read. An HTTP
	 * interface cannot express this (it reads whole bodies), so this call goes through the {@link RestClient}
	 * under the {@link PiecesApi}. Safe to repeat: a moved Pieces OS is re-discovered once, and the action may
	 * then see items again.
	 * @param description the call for messages, e.g. {@code GET /assets}
	 * @param pathAndQuery the path with its query, e.g. {@code /assets?transferables=false}
	 * @param itemType the type of the items
	 * @param action what to do with each item
	 */
	<T> void forEach(String description, String pathAndQuery, Class<T> itemType, Consumer<? super T> action) {
		call(description, itemType, true, (api, base) -> this.http.restClient()
			.get()
			.uri(base.uriString(pathAndQuery).build())
			.accept(MediaType.APPLICATION_JSON)
			.exchange((request, response) -> {
				if (response.getStatusCode().isError()) {
					throw response.createException();
				}
				readItems(this.http.jsonMapper(), response.getBody(), itemType, action);
				return null;
			}));
	}

	/**
	 * Read the items of an {@code {"iterable": [...]}} answer one by one. An item that carries its raw JSON gets the
	 * exact bytes it was read from, sliced from the input: no copy into tokens, no second write.
	 */
	private static <T> void readItems(JsonMapper mapper, InputStream body, Class<T> itemType,
			Consumer<? super T> action) {
		boolean sliced = RawJsonCarrier.class.isAssignableFrom(itemType);
		RecordingInputStream recorded = sliced ? new RecordingInputStream(body) : null;
		ObjectReader reader = sliced ? PiecesJson.withoutRawJsonCapture(mapper.readerFor(itemType))
				: mapper.readerFor(itemType);
		int items = 0;
		try (JsonParser parser = mapper.createParser((recorded != null) ? recorded : body)) {
			if (parser.nextToken() != JsonToken.START_OBJECT) {
				throw new PiecesApiException("The answer is not a JSON object with an 'iterable' list", 200, null);
			}
			boolean listed = false;
			JsonToken token;
			while ((token = parser.nextToken()) == JsonToken.PROPERTY_NAME) {
				String name = parser.currentName();
				JsonToken value = parser.nextToken();
				if (!"iterable".equals(name) || value != JsonToken.START_ARRAY) {
					parser.skipChildren();
					continue;
				}
				listed = true;
				while ((token = parser.nextToken()) != JsonToken.END_ARRAY) {
					if (token == null) {
						throw brokeOff(items);
					}
					if (token == JsonToken.START_OBJECT) {
						long start = parser.currentTokenLocation().getByteOffset();
						if (recorded != null) {
							recorded.discardBefore(start);
						}
						T item = reader.readValue(parser);
						if (recorded != null) {
							item = withRawJson(item, recorded.slice(start,
									parser.currentTokenLocation().getByteOffset() + 1));
						}
						items++;
						action.accept(item);
					}
					else {
						parser.skipChildren();
					}
				}
			}
			// the end of the input before the closing brace: a cut connection can look like a clean end
			if (token != JsonToken.END_OBJECT) {
				throw brokeOff(items);
			}
			if (!listed) {
				throw new PiecesApiException("The answer has no 'iterable' list", 200, null);
			}
		}
	}

	@SuppressWarnings("unchecked")
	private static <T> T withRawJson(T item, byte @Nullable [] text) {
		// no text only if the parser could not report offsets (never for a byte stream): then raw() writes the record
		return (item instanceof RawJsonCarrier<?> carrier && text != null)
				? (T) carrier.withRawJson(RawJson.uncompressed(text)) : item;
	}

	private static PiecesApiException brokeOff(int items) {
		return new PiecesApiException("The answer broke off after " + items + " item(s)", 200, null);
	}

	private <T> @Nullable T callOnce(URI base, String description, Class<?> bodyType,
			BiFunction<PiecesApi, UriBuilderFactory, @Nullable T> call) {
		this.http.callStarted();
		try {
			return call.apply(this.http.api(), uriBuilderFactory(base));
		}
		catch (RestClientResponseException ex) {
			throw PiecesStatus.toException(description, ex.getStatusCode().value(), ex.getResponseHeaders(),
					ex.getResponseBodyAsByteArray(), ex);
		}
		catch (ResourceAccessException ex) {
			throw new PiecesUnavailableException(description + " failed: Pieces OS at " + base + " is unreachable ("
					+ ex.getMostSpecificCause() + ")", ex);
		}
		catch (IllegalStateException ex) {
			if (this.http.isClosed()) {
				throw new IllegalStateException("PiecesClient is closed", ex);
			}
			throw decodingFailure(ex, description, bodyType);
		}
		catch (RuntimeException ex) {
			throw decodingFailure(ex, description, bodyType);
		}
		finally {
			this.http.callEnded();
		}
	}

	private UriBuilderFactory uriBuilderFactory(URI base) {
		Base last = this.lastBase;
		if (last == null || !last.uri().equals(base)) {
			last = new Base(base, new DefaultUriBuilderFactory(base.toString()));
			this.lastBase = last;
		}
		return last.factory();
	}

	private record Base(URI uri, UriBuilderFactory factory) {
	}

	private static RuntimeException decodingFailure(RuntimeException ex, String description, Class<?> bodyType) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (cause instanceof JacksonIOException io) {
				// reading the body failed, not decoding it: the connection broke off mid-answer
				return new PiecesApiException(description + " failed: the answer broke off (" + io.getOriginalMessage()
						+ ")", 0, ex);
			}
			if (cause instanceof JacksonException jackson) {
				return new PiecesApiException("Cannot decode the response of " + description + " as "
						+ bodyType.getSimpleName() + ": " + jackson.getOriginalMessage(), 200, ex);
			}
			if (cause.getCause() == cause) {
				break;
			}
		}
		if (ex instanceof RestClientException) {
			return new PiecesApiException(description + " failed: " + ex.getMessage(), 0, ex);
		}
		return ex;
	}

}
