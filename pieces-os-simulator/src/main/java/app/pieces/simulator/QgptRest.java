package app.pieces.simulator;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The non-streamed copilot calls: {@code POST /qgpt/question} ({@code QGPTQuestionInput} to
 * {@code QGPTQuestionOutput}) and {@code POST /qgpt/relevance} ({@code QGPTRelevanceInput} to
 * {@code QGPTRelevanceOutput}). Answers are the scripted texts of {@link SimulatorCopilot}, so a question asked
 * here gets exactly the text {@code /qgpt/stream} would stream for it; relevant seeds are built from the seeded
 * and created assets.
 */
final class QgptRest {

	/** How many assets a {@code database} search adds at most. */
	static final int DATABASE_MATCHES = 5;

	private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}_]+");

	private static final Set<String> STOP_WORDS = Set.of("about", "add", "all", "and", "any", "are", "but", "can",
			"could", "did", "does", "for", "from", "has", "have", "how", "into", "its", "not", "one", "should", "than",
			"that", "the", "their", "them", "then", "there", "this", "use", "was", "were", "what", "when", "which",
			"who", "why", "will", "with", "would", "you", "your");

	private static final String[] SEED_OPTIONAL = { "schema", "path", "anchor" };

	private final SimulatorHub hub;

	QgptRest(SimulatorHub hub) {
		this.hub = hub;
	}

	// ---- POST /qgpt/question

	/**
	 * Answer a {@code QGPTQuestionInput}.
	 * @param input the request body
	 * @return the {@code QGPTQuestionOutput}
	 * @throws RestRejection (400) for a missing {@code query} or {@code relevant}, a relevant seed with neither
	 * seed nor id, or an unknown model; or a scripted failure ({@link SimulatorCopilot#failNext(int, String)})
	 * @throws MissingEntityException (404/410) for a relevant seed naming an unknown or deleted asset
	 */
	ObjectNode question(JsonNode input) {
		String query = query(input, "QGPTQuestionInput");
		JsonNode relevant = Json.objectField(input, "relevant");
		JsonNode iterable = (relevant != null) ? relevant.get("iterable") : null;
		if (iterable == null || !iterable.isArray()) {
			throw RestRejection.badRequest("QGPTQuestionInput requires relevant: {\"iterable\": [RelevantQGPTSeed, ...]}"
					+ " (the list may be empty)");
		}
		checkModel(input);
		SimulatorStore store = this.hub.store();
		synchronized (store) {
			for (int i = 0; i < iterable.size(); i++) {
				checkRelevantSeed(store, iterable.get(i), "relevant.iterable[" + i + "]");
			}
		}
		throwScriptedFailure();
		return questionOutput(query);
	}

	private static void checkRelevantSeed(SimulatorStore store, JsonNode item, String where) {
		if (!item.isObject()) {
			throw RestRejection.badRequest(where + " must be a RelevantQGPTSeed object");
		}
		JsonNode seed = Json.objectField(item, "seed");
		if (seed != null) {
			if (Json.text(seed, "type") == null) {
				throw RestRejection.badRequest(where + ".seed requires a type, e.g. SEEDED_ASSET");
			}
			String problem = SimulatorCopilot.seedProblem(seed, where + ".seed");
			if (problem != null) {
				throw RestRejection.badRequest(problem);
			}
			return;
		}
		String assetId = Json.text(Json.objectField(item, "asset"), "id");
		String id = (assetId != null) ? assetId : Json.text(item, "id");
		if (id == null) {
			throw RestRejection.badRequest(where + " needs a seed or an id (as returned by POST /qgpt/relevance)");
		}
		store.asset(id);
	}

	// ---- POST /qgpt/relevance

	/**
	 * Answer a {@code QGPTRelevanceInput}: every asset named in {@code assets} and every seed of {@code seeds}
	 * becomes a relevant seed; with {@code options.database} the assets whose name or content contain words of
	 * the query are added (at most {@link #DATABASE_MATCHES}); the list is ordered by how many query words each
	 * piece contains. With {@code options.question} the output also carries the {@code answer}.
	 * @param input the request body
	 * @return the {@code QGPTRelevanceOutput}
	 * @throws RestRejection (400) for a missing {@code query}, an asset reference without id, a seed without
	 * fragment text, or an unknown model; or a scripted failure when the question is answered too
	 * @throws MissingEntityException (404/410) for an unknown or deleted asset in {@code assets}
	 */
	ObjectNode relevance(JsonNode input) {
		String query = query(input, "QGPTRelevanceInput");
		checkModel(input);
		JsonNode options = Json.objectField(input, "options");
		List<String> words = words(query);
		List<Scored> relevant = new ArrayList<>();
		SimulatorStore store = this.hub.store();
		synchronized (store) {
			Set<String> named = new HashSet<>();
			JsonNode assets = iterable(input, "assets");
			for (int i = 0; i < assets.size(); i++) {
				String id = Json.text(assets.get(i), "id");
				if (id == null) {
					throw RestRejection.badRequest("assets.iterable[" + i + "] requires an id");
				}
				SimulatorStore.AssetRecord asset = store.asset(id);
				if (named.add(id)) {
					relevant.add(new Scored(assetSeed(asset), score(words, asset)));
				}
			}
			JsonNode seeds = iterable(input, "seeds");
			for (int i = 0; i < seeds.size(); i++) {
				JsonNode seed = seeds.get(i);
				String raw = fragmentText(seed);
				if (raw == null) {
					throw RestRejection.badRequest("seeds.iterable[" + i
							+ "] requires asset.format.fragment.string.raw (only fragment strings are compared)");
				}
				String problem = SimulatorCopilot.seedProblem(seed, "seeds.iterable[" + i + "]");
				if (problem != null) {
					throw RestRejection.badRequest(problem);
				}
				relevant.add(new Scored(inlineSeed(seed, raw), score(words, raw)));
			}
			if (Json.isTrue(options, "database")) {
				List<Scored> found = new ArrayList<>();
				for (String id : store.assetIds()) {
					if (!named.contains(id)) {
						SimulatorStore.AssetRecord asset = store.asset(id);
						int score = score(words, asset);
						if (score > 0) {
							found.add(new Scored(assetSeed(asset), score));
						}
					}
				}
				found.sort(Comparator.comparingInt(Scored::score).reversed());
				relevant.addAll(found.subList(0, Math.min(DATABASE_MATCHES, found.size())));
			}
		}
		relevant.sort(Comparator.comparingInt(Scored::score).reversed());
		ObjectNode output = Json.object();
		ArrayNode iterable = output.putObject("relevant").putArray("iterable");
		relevant.forEach((scored) -> iterable.add(scored.seed()));
		if (Json.isTrue(options, "question")) {
			throwScriptedFailure();
			output.set("answer", questionOutput(query));
		}
		return this.hub.explicitNulls() ? Json.nullsFor(output, "schema", "answer") : output;
	}

	private static JsonNode iterable(JsonNode input, String field) {
		JsonNode value = input.get(field);
		if (value == null || value.isNull()) {
			return Json.MAPPER.createArrayNode();
		}
		JsonNode iterable = value.isObject() ? value.get("iterable") : null;
		if (iterable == null || !iterable.isArray()) {
			throw RestRejection.badRequest(field + " must be an object with an iterable array");
		}
		return iterable;
	}

	private static @Nullable String fragmentText(JsonNode seed) {
		JsonNode asset = Json.objectField(seed, "asset");
		JsonNode format = Json.objectField(asset, "format");
		JsonNode fragment = Json.objectField(format, "fragment");
		return Json.text(Json.objectField(fragment, "string"), "raw");
	}

	private ObjectNode assetSeed(SimulatorStore.AssetRecord asset) {
		ObjectNode item = Json.object();
		item.put("id", asset.id);
		ObjectNode reference = item.putObject("asset");
		reference.put("id", asset.id);
		item.set("seed", seed(asset.text, asset.language));
		if (this.hub.explicitNulls()) {
			Json.nullsFor(reference, "reference", "schema");
			Json.nullsFor(item, SEED_OPTIONAL);
		}
		return item;
	}

	private ObjectNode inlineSeed(JsonNode seed, String raw) {
		ObjectNode item = Json.object();
		item.put("id", UUID.nameUUIDFromBytes(("pieces-os-simulator/seed/" + raw).getBytes(StandardCharsets.UTF_8))
			.toString());
		item.set("seed", seed.deepCopy());
		if (this.hub.explicitNulls()) {
			Json.nullsFor(item, SEED_OPTIONAL);
			Json.nullsFor(item, "asset");
		}
		return item;
	}

	/**
	 * A {@code Seed} of type {@code SEEDED_ASSET} holding an asset's content, in the shape of the question-mode
	 * fixture.
	 */
	private static ObjectNode seed(String raw, String extension) {
		ObjectNode seed = Json.object();
		seed.put("type", "SEEDED_ASSET");
		ObjectNode asset = seed.putObject("asset");
		asset.set("application", SimulatorStore.vsCodeApplication());
		ObjectNode fragment = asset.putObject("format").putObject("fragment");
		fragment.putObject("string").put("raw", raw);
		fragment.putObject("metadata").put("ext", extension);
		return seed;
	}

	// ---- shared

	private ObjectNode questionOutput(String query) {
		SimulatorCopilot copilot = this.hub.copilot();
		ObjectNode output = Json.object();
		ObjectNode answers = output.putObject("answers");
		ObjectNode answer = answers.putArray("iterable").addObject();
		answer.put("score", copilot.scoreFor(query));
		answer.put("text", copilot.answerFor(query));
		if (this.hub.explicitNulls()) {
			Json.nullsFor(answer, "schema");
			Json.nullsFor(answers, "schema");
			Json.nullsFor(output, "schema");
		}
		return output;
	}

	private static String query(JsonNode input, String model) {
		String query = Json.text(input, "query");
		if (query == null || query.isBlank()) {
			throw RestRejection.badRequest(model + " requires a non-empty query");
		}
		return query;
	}

	private static void checkModel(JsonNode input) {
		JsonNode model = input.get("model");
		if (model == null || model.isNull()) {
			return;
		}
		if (!model.isString()) {
			throw RestRejection.badRequest("model must be a model id (a string)");
		}
		if (!Models.exists(model.asString())) {
			throw RestRejection.badRequest("Unknown model " + model.asString() + ": GET /models lists the models");
		}
	}

	private void throwScriptedFailure() {
		RestRejection failure = this.hub.copilot().nextRestFailure();
		if (failure != null) {
			throw failure;
		}
	}

	/**
	 * The distinct words of a query worth matching: three letters or more, common English words left out.
	 */
	static List<String> words(String query) {
		Set<String> words = new LinkedHashSet<>();
		Matcher matcher = WORD.matcher(query.toLowerCase(Locale.ROOT));
		while (matcher.find()) {
			String word = matcher.group();
			if (word.length() >= 3 && !STOP_WORDS.contains(word)) {
				words.add(word);
			}
		}
		return List.copyOf(words);
	}

	private static int score(List<String> words, SimulatorStore.AssetRecord asset) {
		return score(words, asset.name + "\n" + asset.text);
	}

	/**
	 * How many of the query words the text contains (case-insensitive).
	 */
	private static int score(List<String> words, String text) {
		String haystack = text.toLowerCase(Locale.ROOT);
		int score = 0;
		for (String word : words) {
			if (haystack.contains(word)) {
				score++;
			}
		}
		return score;
	}

	private record Scored(ObjectNode seed, int score) {
	}

}
