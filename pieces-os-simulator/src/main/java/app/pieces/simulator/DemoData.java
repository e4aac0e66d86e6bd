package app.pieces.simulator;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * Seeded demo content: ids and values shared with the wire fixtures, and real code snippets in several
 * languages.
 */
final class DemoData {

	/** The Pieces OS instance id ({@code Context.os}). */
	static final String OS_ID = "25aa6859-4ca5-4993-a779-c10d8b8bfd27";

	/** The signed-in demo user. */
	static final String USER_ID = "2c8bb7f1-17be-4a73-b927-dbc5e5362fa4";

	/** The OPEN_SOURCE application that the demo conversations belong to. */
	static final String OPEN_SOURCE_APPLICATION_ID = "83e57148-5dd3-414d-9958-1c5ea5bbef3b";

	/** The VS_CODE application that created the demo formats. */
	static final String VS_CODE_APPLICATION_ID = "6230c532-3d67-4207-b379-a7d73346c593";

	/** Default copilot model ({@code GPT-4o Chat Model}). */
	static final String DEFAULT_MODEL_ID = "e7dec4e9-ad81-4b24-a621-ae3d34c01c48";

	/** Asset ids of the fixtures, used for the first seeded assets. */
	static final List<String> FIXTURE_ASSET_IDS = List.of("f5f080e2-45ea-4b2e-aaad-32990dd359a6",
			"552fd637-0a51-4bc4-ba7b-c69597cc2c97", "079b1244-7c00-4435-852e-2cf1c5c16f0a");

	/** Format id of the fixture asset. */
	static final String FIXTURE_FORMAT_ID = "a9ebd277-f046-4c84-9b09-925644bfd211";

	/** Conversation ids of the fixtures, used for the first seeded conversations. */
	static final List<String> FIXTURE_CONVERSATION_IDS = List.of("e671234d-be69-49c0-9900-e8fae48d24b9",
			"9aaf9d12-9cf1-47c0-b73e-cb052d597616");

	/** Message ids of the fixture conversation (user question, assistant answer). */
	static final List<String> FIXTURE_MESSAGE_IDS = List.of("67694663-6f15-43ab-83eb-9fb3cd6b39ea",
			"3c2a697a-c643-4075-87e4-c463e21ddd72");

	/** The question of the fixture answer sequence. */
	static final String FIXTURE_QUESTION = "How do I add jitter to this retry helper?";

	/** The five chunks of the fixture answer sequence. */
	static final List<String> FIXTURE_CHUNKS = List.of("Add a random ", "component to each sleep, e.g. ",
			"`delay + ThreadLocalRandom.current().nextLong(delay / 2)`", ", so that clients retrying at the same time ",
			"spread out instead of hitting the server together.");

	/** Creation time of the fixture asset; later seeds are older. */
	static final Instant FIXTURE_ASSET_CREATED = Instant.parse("2025-05-28T08:41:12.006Z");

	static final Instant FIXTURE_ASSET_UPDATED = Instant.parse("2025-06-01T17:03:44.750Z");

	static final Instant FIXTURE_ASSET_INTERACTED = Instant.parse("2025-06-03T13:58:20.311Z");

	static final Instant FIXTURE_CONVERSATION_CREATED = Instant.parse("2025-06-03T14:05:09.120Z");

	static final Instant FIXTURE_CONVERSATION_UPDATED = Instant.parse("2025-06-03T14:06:31.844Z");

	private static final Map<String, String> LANGUAGE_ALIASES = Map.ofEntries(Map.entry("python", "py"),
			Map.entry("typescript", "ts"), Map.entry("javascript", "js"), Map.entry("kotlin", "kt"),
			Map.entry("rust", "rs"), Map.entry("shell", "sh"), Map.entry("bash", "sh"), Map.entry("golang", "go"),
			Map.entry("ruby", "rb"), Map.entry("csharp", "cs"), Map.entry("c#", "cs"), Map.entry("c++", "cpp"),
			Map.entry("markdown", "md"), Map.entry("text", "txt"), Map.entry("plaintext", "txt"),
			Map.entry("yml", "yaml"));

	/**
	 * A demo code snippet.
	 * @param name the asset name
	 * @param language the {@code classification.specific} value (a lower-case file extension)
	 * @param text the raw code
	 */
	record Snippet(String name, String language, String text) {
	}

	static final List<Snippet> SNIPPETS = List.of(
			new Snippet("Retry with exponential backoff", "java",
					"public static <T> T retry(Callable<T> op, int max) throws Exception {\n" + "    long delay = 200;\n"
							+ "    for (int i = 1; ; i++) {\n" + "        try { return op.call(); }\n"
							+ "        catch (Exception e) {\n" + "            if (i >= max) throw e;\n"
							+ "            Thread.sleep(delay);\n" + "            delay *= 2;\n" + "        }\n"
							+ "    }\n" + "}\n"),
			new Snippet("Read a JSON file into a dict", "py",
					"import json\nfrom pathlib import Path\n\n\ndef load_config(path: str) -> dict:\n"
							+ "    \"\"\"Load a JSON config file, returning an empty dict when it is missing.\"\"\"\n"
							+ "    file = Path(path)\n    if not file.exists():\n        return {}\n"
							+ "    with file.open(encoding=\"utf-8\") as handle:\n        return json.load(handle)\n"),
			new Snippet("Debounce a callback", "ts",
					"export function debounce<T extends (...args: any[]) => void>(fn: T, waitMs: number): T {\n"
							+ "  let timer: ReturnType<typeof setTimeout> | undefined;\n"
							+ "  return ((...args: any[]) => {\n    if (timer) clearTimeout(timer);\n"
							+ "    timer = setTimeout(() => fn(...args), waitMs);\n  }) as T;\n}\n"),
			new Snippet("HTTP health check handler", "go",
					"package health\n\nimport \"net/http\"\n\n// Handler answers 200 ok while the service is alive.\n"
							+ "func Handler(w http.ResponseWriter, r *http.Request) {\n"
							+ "\tw.Header().Set(\"Content-Type\", \"text/plain\")\n"
							+ "\tw.WriteHeader(http.StatusOK)\n\t_, _ = w.Write([]byte(\"ok\"))\n}\n"),
			new Snippet("Top customers by revenue", "sql",
					"SELECT c.id, c.name, SUM(o.total) AS revenue\nFROM customers c\n"
							+ "JOIN orders o ON o.customer_id = c.id\nWHERE o.created_at >= NOW() - INTERVAL '30 days'\n"
							+ "GROUP BY c.id, c.name\nORDER BY revenue DESC\nLIMIT 10;\n"),
			new Snippet("Parse key=value pairs", "rs",
					"use std::collections::HashMap;\n\npub fn parse_pairs(input: &str) -> HashMap<String, String> {\n"
							+ "    input\n        .split(';')\n        .filter_map(|pair| pair.split_once('='))\n"
							+ "        .map(|(k, v)| (k.trim().to_string(), v.trim().to_string()))\n"
							+ "        .collect()\n}\n"),
			new Snippet("Wait for a port to open", "sh",
					"#!/usr/bin/env bash\n# wait_for_port HOST PORT [TIMEOUT]\nwait_for_port() {\n"
							+ "  local host=$1 port=$2 timeout=${3:-30}\n"
							+ "  for ((i = 0; i < timeout; i++)); do\n"
							+ "    (echo > \"/dev/tcp/$host/$port\") 2>/dev/null && return 0\n    sleep 1\n  done\n"
							+ "  return 1\n}\n"),
			new Snippet("Data class with copy", "kt",
					"data class Money(val amount: Long, val currency: String) {\n"
							+ "    operator fun plus(other: Money): Money {\n"
							+ "        require(currency == other.currency) { \"currency mismatch\" }\n"
							+ "        return copy(amount = amount + other.amount)\n    }\n}\n"),
			new Snippet("Group array items by key", "js",
					"export const groupBy = (items, keyFn) =>\n  items.reduce((groups, item) => {\n"
							+ "    const key = keyFn(item);\n    (groups[key] ||= []).push(item);\n"
							+ "    return groups;\n  }, {});\n"),
			new Snippet("Memoize with a hash", "rb",
					"class Fibonacci\n  def initialize\n    @memo = { 0 => 0, 1 => 1 }\n  end\n\n"
							+ "  def call(n)\n    @memo[n] ||= call(n - 1) + call(n - 2)\n  end\nend\n"));

	private DemoData() {
	}

	/**
	 * A stable, name-based id, so that seeded data is the same in every run.
	 * @param kind what the id is for
	 * @param index the seed index
	 * @return a lower-case UUID string
	 */
	static String seededId(String kind, int index) {
		return UUID.nameUUIDFromBytes(("pieces-os-simulator/" + kind + "/" + index).getBytes(StandardCharsets.UTF_8))
			.toString();
	}

	static String assetId(int index) {
		return (index < FIXTURE_ASSET_IDS.size()) ? FIXTURE_ASSET_IDS.get(index) : seededId("asset", index);
	}

	static String formatId(int index) {
		return (index == 0) ? FIXTURE_FORMAT_ID : seededId("format", index);
	}

	static String conversationId(int index) {
		return (index < FIXTURE_CONVERSATION_IDS.size()) ? FIXTURE_CONVERSATION_IDS.get(index)
				: seededId("conversation", index);
	}

	static Snippet snippet(int index) {
		Snippet snippet = SNIPPETS.get(index % SNIPPETS.size());
		int round = index / SNIPPETS.size();
		return (round == 0) ? snippet : new Snippet(snippet.name() + " #" + (round + 1), snippet.language(), snippet.text());
	}

	/**
	 * Creation time of the seeded asset with the given index: the fixture's time for the first, then one hour
	 * older per index, so that the seed order is newest first.
	 * @param index the seed index
	 * @return the creation time
	 */
	static Instant assetCreated(int index) {
		return FIXTURE_ASSET_CREATED.minus(index, ChronoUnit.HOURS);
	}

	static String normalizeLanguage(String language) {
		String lower = language.trim().toLowerCase(Locale.ROOT);
		return LANGUAGE_ALIASES.getOrDefault(lower, lower);
	}

}
