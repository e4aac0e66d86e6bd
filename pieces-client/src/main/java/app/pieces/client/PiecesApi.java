package app.pieces.client;

import java.util.Map;

import app.pieces.model.Asset;
import app.pieces.model.Anchor;
import app.pieces.model.AssetReclassification;
import app.pieces.model.Context;
import app.pieces.model.Conversation;
import app.pieces.model.ConversationMessage;
import app.pieces.model.ConversationMessages;
import app.pieces.model.Models;
import app.pieces.model.QGPTQuestionInput;
import app.pieces.model.Range;
import app.pieces.model.QGPTQuestionOutput;
import app.pieces.model.QGPTRelevanceInput;
import app.pieces.model.QGPTRelevanceOutput;
import app.pieces.model.ReturnedUserProfile;
import app.pieces.model.SearchedAssets;
import app.pieces.model.Seed;
import app.pieces.model.SeededConnectorConnection;
import app.pieces.model.SeededConversation;
import app.pieces.model.WorkstreamPatternEngineStatus;
import app.pieces.model.WorkstreamSummary;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.service.annotation.GetExchange;
import org.springframework.web.service.annotation.HttpExchange;
import org.springframework.web.service.annotation.PostExchange;
import org.springframework.web.util.UriBuilderFactory;

/**
 * The Pieces OS REST endpoints this client calls. Every method takes the base URL of the Pieces OS found by
 * discovery as a {@link UriBuilderFactory}, since Pieces OS may move between calls.
 */
@HttpExchange(accept = "application/json")
interface PiecesApi {

	@GetExchange(url = "/.well-known/version", accept = { "text/plain", "*/*" })
	@Nullable String version(UriBuilderFactory base);

	@PostExchange(url = "/connect", contentType = "application/json")
	@Nullable Context connect(UriBuilderFactory base, @RequestBody SeededConnectorConnection connection);

	@GetExchange("/user")
	@Nullable ReturnedUserProfile user(UriBuilderFactory base);

	@GetExchange("/asset/{id}")
	@Nullable Asset asset(UriBuilderFactory base, @PathVariable String id,
			@RequestParam(required = false) @Nullable Boolean transferables);

	@PostExchange(url = "/assets/create", contentType = "application/json")
	@Nullable Asset createAsset(UriBuilderFactory base, @RequestParam boolean transferables, @RequestBody Seed seed);

	@PostExchange(url = "/asset/update", contentType = "application/json")
	@Nullable Asset updateAsset(UriBuilderFactory base, @RequestParam boolean transferables,
			@RequestBody JsonNode asset);

	@PostExchange(url = "/asset/reclassify", contentType = "application/json")
	@Nullable Asset reclassifyAsset(UriBuilderFactory base, @RequestParam boolean transferables,
			@RequestBody AssetReclassification reclassification);

	@PostExchange(url = "/assets/{id}/delete", accept = { "text/plain", "*/*" })
	@Nullable String deleteAsset(UriBuilderFactory base, @PathVariable String id);

	@GetExchange("/search/full_text")
	@Nullable SearchedAssets fullTextSearch(UriBuilderFactory base, @RequestParam String query);

	@GetExchange("/search/neural_code")
	@Nullable SearchedAssets neuralCodeSearch(UriBuilderFactory base, @RequestParam String query);

	@GetExchange("/assets/search")
	@Nullable SearchedAssets searchAssets(UriBuilderFactory base, @RequestParam String query,
			@RequestParam boolean transferables);

	@GetExchange("/format/{id}")
	@Nullable JsonNode format(UriBuilderFactory base, @PathVariable String id, @RequestParam boolean transferable);

	@PostExchange(url = "/format/update/value", contentType = "application/json")
	@Nullable JsonNode updateFormatValue(UriBuilderFactory base, @RequestParam boolean transferable,
			@RequestBody JsonNode format);

	@GetExchange("/conversation/{id}")
	@Nullable Conversation conversation(UriBuilderFactory base, @PathVariable String id);

	@PostExchange(url = "/conversations/create", contentType = "application/json")
	@Nullable Conversation createConversation(UriBuilderFactory base, @RequestBody SeededConversation seed);

	@PostExchange(url = "/conversations/create/from_asset/{asset}", accept = { "application/json", "text/plain" })
	@Nullable JsonNode createConversationFromAsset(UriBuilderFactory base, @PathVariable String asset);

	@GetExchange("/conversation/{id}/messages")
	@Nullable ConversationMessages conversationMessages(UriBuilderFactory base, @PathVariable String id,
			@RequestParam boolean transferables);

	@PostExchange(url = "/conversation/update", contentType = "application/json")
	@Nullable Conversation updateConversation(UriBuilderFactory base, @RequestParam boolean transferables,
			@RequestBody JsonNode conversation);

	@PostExchange(url = "/conversations/{id}/delete", accept = { "text/plain", "*/*" })
	@Nullable String deleteConversation(UriBuilderFactory base, @PathVariable String id);

	@PostExchange(url = "/messages/create", contentType = "application/json")
	@Nullable ConversationMessage createMessage(UriBuilderFactory base, @RequestBody JsonNode seed);

	@PostExchange("/messages/{message}/delete")
	void deleteMessage(UriBuilderFactory base, @PathVariable String message);

	// association: assets or anchors; verb: associate or disassociate
	@PostExchange("/conversation/{conversation}/{association}/{verb}/{target}")
	void associateConversation(UriBuilderFactory base, @PathVariable String conversation,
			@PathVariable String association, @PathVariable String verb, @PathVariable String target);

	@PostExchange("/conversation/{conversation}/grounding/temporal_range/workstreams/{verb}/{range}")
	void groundConversation(UriBuilderFactory base, @PathVariable String conversation, @PathVariable String verb,
			@PathVariable String range);

	@GetExchange("/workstream_pattern_engine/processors/vision/status")
	@Nullable WorkstreamPatternEngineStatus ltmStatus(UriBuilderFactory base);

	@PostExchange(url = "/workstream_pattern_engine/processors/vision/activate", contentType = "application/json")
	@Nullable WorkstreamPatternEngineStatus activateLtm(UriBuilderFactory base,
			@RequestBody WorkstreamPatternEngineStatus status);

	@PostExchange(url = "/workstream_pattern_engine/processors/vision/deactivate", contentType = "application/json")
	@Nullable WorkstreamPatternEngineStatus deactivateLtm(UriBuilderFactory base,
			@RequestBody WorkstreamPatternEngineStatus status);

	@GetExchange("/anchor/{id}")
	@Nullable Anchor anchor(UriBuilderFactory base, @PathVariable String id);

	@GetExchange("/range/{id}")
	@Nullable Range range(UriBuilderFactory base, @PathVariable String id);

	@PostExchange(url = "/anchors/create", contentType = "application/json")
	@Nullable Anchor createAnchor(UriBuilderFactory base, @RequestParam boolean transferables,
			@RequestBody Map<String, Object> seed);

	@PostExchange(url = "/ranges/create", contentType = "application/json")
	@Nullable Range createRange(UriBuilderFactory base, @RequestBody Map<String, Object> seed);

	@GetExchange("/workstream_summary/{id}")
	@Nullable WorkstreamSummary workstreamSummary(UriBuilderFactory base, @PathVariable String id);

	@GetExchange("/models")
	@Nullable Models models(UriBuilderFactory base);

	@PostExchange(url = "/qgpt/question", contentType = "application/json")
	@Nullable QGPTQuestionOutput question(UriBuilderFactory base, @RequestBody QGPTQuestionInput input);

	@PostExchange(url = "/qgpt/relevance", contentType = "application/json")
	@Nullable QGPTRelevanceOutput relevance(UriBuilderFactory base, @RequestBody QGPTRelevanceInput input);

}
