package app.pieces.model;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/**
 * A copilot conversation as returned by {@code GET /conversation/{id}}.
 * <p>
 * Only the commonly used fields are modelled; everything else is reachable through {@link #raw()} (kept as
 * compact JSON text by the mapper of {@link PiecesJson}).
 *
 * @param id the conversation id
 * @param name the conversation name, if any
 * @param type the conversation type
 * @param created when the conversation was created
 * @param updated when the conversation was last updated
 * @param favorited whether the conversation is a favourite
 * @param demo whether the conversation is a demo conversation
 * @param application the application that created the conversation
 * @param model the model used by the conversation
 * @param messages the message references with their positions
 * @param assets the attached assets
 * @param anchors the attached anchors (files and folders)
 * @param grounding what the conversation is grounded in, e.g. its workstream ranges
 * @param pipeline the prompt pipeline
 * @param schema the schema version, if sent
 * @param rawJson the JSON the conversation was decoded from; {@code null} when built in code or decoded by a
 * mapper without {@link PiecesJson#module()}
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Conversation(
		@JsonProperty("id") String id,
		@JsonProperty("name") @Nullable String name,
		@JsonProperty("type") @Nullable ConversationTypeEnum type,
		@JsonProperty("created") @Nullable GroupedTimestamp created,
		@JsonProperty("updated") @Nullable GroupedTimestamp updated,
		@JsonProperty("favorited") @Nullable Boolean favorited,
		@JsonProperty("demo") @Nullable Boolean demo,
		@JsonProperty("application") @Nullable Application application,
		@JsonProperty("model") @Nullable ReferencedModel model,
		@JsonProperty("messages") @Nullable FlattenedConversationMessages messages,
		@JsonProperty("assets") @Nullable FlattenedAssets assets,
		@JsonProperty("anchors") @Nullable FlattenedReferences<ReferencedAnchor> anchors,
		@JsonProperty("grounding") @Nullable ConversationGrounding grounding,
		@JsonProperty("pipeline") @Nullable QGPTPromptPipeline pipeline,
		@JsonProperty("schema") @Nullable EmbeddedModelSchema schema,
		@JsonIgnore @Nullable RawJson rawJson) implements RawJsonCarrier<Conversation> {

	/**
	 * Create an instance: validate the required id.
	 * @param id the conversation id
	 * @param name the conversation name, if any
	 * @param type the conversation type
	 * @param created when the conversation was created
	 * @param updated when the conversation was last updated
	 * @param favorited whether the conversation is a favourite
	 * @param demo whether the conversation is a demo conversation
	 * @param application the application that created the conversation
	 * @param model the model used by the conversation
	 * @param messages the message references with their positions
	 * @param assets the attached assets
	 * @param anchors the attached anchors (files and folders)
	 * @param grounding what the conversation is grounded in, e.g. its workstream ranges
	 * @param pipeline the prompt pipeline
	 * @param schema the schema version, if sent
	 * @param rawJson the JSON the conversation was decoded from; {@code null} when built in code or decoded by a mapper
	 * without {@link PiecesJson#module()}
	 */
	public Conversation {
		ModelSupport.required(id, "Conversation", "id");
	}

	/**
	 * Return a copy carrying the given raw JSON.
	 * @param rawJson the JSON this conversation was decoded from
	 * @return a copy with the raw JSON
	 */
	@Override
	public Conversation withRawJson(RawJson rawJson) {
		return new Conversation(this.id, this.name, this.type, this.created, this.updated, this.favorited, this.demo,
				this.application, this.model, this.messages, this.assets, this.anchors, this.grounding, this.pipeline,
				this.schema, rawJson);
	}


	/**
	 * Return the ids of the anchors attached to the conversation.
	 * @return the anchor ids, never {@code null}
	 */
	@JsonIgnore
	public List<String> anchorIds() {
		return (this.anchors != null) ? this.anchors.iterable().stream().map(ReferencedAnchor::id).toList() : List.of();
	}

	/**
	 * Return the ids of the workstream ranges the conversation is grounded in ({@code grounding.temporal.workstreams}).
	 * @return the range ids, never {@code null}
	 */
	@JsonIgnore
	public List<String> rangeIds() {
		ConversationGrounding.Temporal temporal = (this.grounding != null) ? this.grounding.temporal() : null;
		FlattenedReferences<ReferencedRange> ranges = (temporal != null) ? temporal.workstreams() : null;
		return (ranges != null) ? ranges.iterable().stream().map(ReferencedRange::id).toList() : List.of();
	}

	/**
	 * Return the ids of the conversation's messages in conversation order: ordered by {@code indices}, without
	 * deleted messages (index -1); messages without an index follow in the order they were sent.
	 * @return the message ids, never {@code null}
	 */
	@JsonIgnore
	public List<String> messageIds() {
		if (this.messages == null) {
			return List.of();
		}
		Map<String, Integer> indices = this.messages.indices();
		List<String> indexed = new ArrayList<>();
		List<String> unindexed = new ArrayList<>();
		for (ReferencedConversationMessage message : this.messages.iterable()) {
			Integer index = indices.get(message.id());
			if (index == null) {
				if (!unindexed.contains(message.id())) {
					unindexed.add(message.id());
				}
			}
			else if (index >= 0 && !indexed.contains(message.id())) {
				indexed.add(message.id());
			}
		}
		indexed.sort(Comparator.comparingInt(indices::get));
		indexed.addAll(unindexed);
		return List.copyOf(indexed);
	}

	/**
	 * Return when the conversation was created.
	 * @return the creation instant, or {@code null} if unknown
	 */
	@JsonIgnore
	public @Nullable Instant createdAt() {
		return GroupedTimestamp.valueOf(this.created);
	}

	/**
	 * Return when the conversation was last updated.
	 * @return the update instant, or {@code null} if unknown
	 */
	@JsonIgnore
	public @Nullable Instant updatedAt() {
		return GroupedTimestamp.valueOf(this.updated);
	}

	/**
	 * Return a short description: id, name, type, message count and timestamps only (no content).
	 * @return the description
	 */
	@Override
	public String toString() {
		return "Conversation[id=" + this.id + ", name=" + this.name + ", type=" + this.type + ", messages="
				+ messageIds().size() + ", updated=" + updatedAt() + "]";
	}

}
