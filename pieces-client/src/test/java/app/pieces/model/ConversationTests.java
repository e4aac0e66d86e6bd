package app.pieces.model;

import java.time.Instant;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

class ConversationTests {

	private final JsonMapper mapper = PiecesJson.mapper();

	@Test
	void conversationWhenDecodedShouldExposeNameUpdatedMessagesAndRaw() {
		Conversation conversation = this.mapper.readValue(Fixtures.read("conversation-snapshot.json"),
				Conversation.class);
		assertThat(conversation.id()).isEqualTo("e671234d-be69-49c0-9900-e8fae48d24b9");
		assertThat(conversation.name()).isEqualTo("Retry helper questions");
		assertThat(conversation.type()).isEqualTo(ConversationTypeEnum.COPILOT);
		assertThat(conversation.updatedAt()).isEqualTo(Instant.parse("2025-06-03T14:06:31.844Z"));
		assertThat(conversation.createdAt()).isEqualTo(Instant.parse("2025-06-03T14:05:09.120Z"));
		assertThat(conversation.messageIds()).containsExactly("67694663-6f15-43ab-83eb-9fb3cd6b39ea",
				"3c2a697a-c643-4075-87e4-c463e21ddd72");
		assertThat(conversation.assets().iterable()).extracting(ReferencedAsset::id)
			.containsExactly("f5f080e2-45ea-4b2e-aaad-32990dd359a6");
		assertThat(conversation.model().id()).isEqualTo("e7dec4e9-ad81-4b24-a621-ae3d34c01c48");
		assertThat(conversation.pipeline().conversation().generalizedCodeDialog()).isEmpty();
		assertThat(conversation.application().name()).isEqualTo("OPEN_SOURCE");
		assertThat(conversation.raw().at("/messages/indices/3c2a697a-c643-4075-87e4-c463e21ddd72").asInt())
			.isEqualTo(1);
	}

	@Test
	void messageIdsShouldFollowIndicesSkipDeletedMessagesAndKeepUnindexedOnesLast() {
		Conversation conversation = this.mapper.readValue("""
				{"id":"c1","messages":{
				  "iterable":[{"id":"m-late"},{"id":"m-deleted"},{"id":"m-first"},{"id":"m-unindexed"},{"id":"m-mid"}],
				  "indices":{"m-late":7,"m-deleted":-1,"m-first":0,"m-mid":3}}}
				""", Conversation.class);
		assertThat(conversation.messageIds()).containsExactly("m-first", "m-mid", "m-late", "m-unindexed");
	}

	@Test
	void messageIdsWithoutMessagesShouldBeEmpty() {
		Conversation conversation = this.mapper.readValue("{\"id\":\"c1\",\"messages\":null}", Conversation.class);
		assertThat(conversation.messageIds()).isEmpty();
	}

	@Test
	void conversationWithUnknownTypeShouldDecodeAsUnknown() {
		Conversation conversation = this.mapper.readValue("{\"id\":\"c1\",\"type\":\"GROUP_CHAT\"}",
				Conversation.class);
		assertThat(conversation.type()).isEqualTo(ConversationTypeEnum.UNKNOWN);
		assertThat(conversation.raw().get("type").asString()).isEqualTo("GROUP_CHAT");
	}

	@Test
	void seededConversationShouldWriteTypeAndNameOnly() {
		String json = this.mapper.writeValueAsString(SeededConversation.copilot("New Conversation"));
		assertThat(this.mapper.readTree(json))
			.isEqualTo(this.mapper.readTree("{\"type\":\"COPILOT\",\"name\":\"New Conversation\"}"));
	}

}
