package app.pieces.simulator;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The searches of Pieces OS, each answering {@code SearchedAssets}: {@code GET /search/full_text} (names and
 * content), {@code GET /search/neural_code} (content only) and {@code GET /assets/search} (fuzzy on the names, with
 * the assets). A stand-in for the real ranking: a hit's score is the share of the query's words it contains, it is
 * exact when it contains the whole query, and hits come best first.
 */
final class SearchRest {

	/** Which search, and so what it looks at. */
	enum Kind {

		FULL_TEXT, NEURAL_CODE, ASSETS

	}

	private final SimulatorHub hub;

	SearchRest(SimulatorHub hub) {
		this.hub = hub;
	}

	ObjectNode search(Kind kind, @Nullable String query, boolean transferables) {
		List<Hit> hits = new ArrayList<>();
		if (query != null && !query.isBlank()) {
			String whole = query.strip().toLowerCase(Locale.ROOT);
			List<String> words = QgptRest.words(query);
			if (words.isEmpty()) {
				words = List.of(whole);
			}
			SimulatorStore store = this.hub.store();
			synchronized (store) {
				for (String id : store.assetIds()) {
					Hit hit = match(kind, store.asset(id), whole, words);
					if (hit != null) {
						hits.add(hit);
					}
				}
			}
		}
		hits.sort(Comparator.comparing(Hit::exact).thenComparingDouble(Hit::score).reversed());
		ObjectNode answer = Json.object();
		answer.set("schema", Json.schema());
		ArrayNode iterable = answer.putArray("iterable");
		int exact = 0;
		for (Hit hit : hits) {
			ObjectNode item = iterable.addObject();
			item.set("schema", Json.schema());
			item.put("identifier", hit.id());
			item.put("exact", hit.exact());
			item.put("match", hit.match());
			item.put("score", hit.score());
			item.put("pseudo", false);
			if (kind == Kind.ASSETS) {
				item.set("asset", this.hub.store().assetJson(hit.id(), transferables));
			}
			exact += hit.exact() ? 1 : 0;
		}
		answer.put("exact", exact);
		answer.put("suggested", hits.size() - exact);
		return answer;
	}

	private static @Nullable Hit match(Kind kind, SimulatorStore.AssetRecord asset, String whole, List<String> words) {
		String name = (kind == Kind.NEURAL_CODE) ? "" : asset.name.toLowerCase(Locale.ROOT);
		String text = (kind == Kind.ASSETS) ? "" : asset.text.toLowerCase(Locale.ROOT);
		int inName = count(words, name);
		int inText = count(words, text);
		int found = Math.max(inName, inText);
		if (found == 0) {
			return null;
		}
		String match = (kind == Kind.ASSETS) ? "FUZZY"
				: (inName > 0 && inText > 0) ? "MULTIPLE" : (inName > 0) ? "TITLE" : "CONTENT";
		boolean exact = name.contains(whole) || text.contains(whole);
		return new Hit(asset.id, exact, match, (double) found / words.size());
	}

	private static int count(List<String> words, String haystack) {
		int count = 0;
		for (String word : words) {
			if (!haystack.isEmpty() && haystack.contains(word)) {
				count++;
			}
		}
		return count;
	}

	private record Hit(String id, boolean exact, String match, double score) {
	}

}
