package app.pieces.model;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

class UserProfileTests {

	private static final String USER_WITH_SECRETS = """
			{"id":"u1","name":"Ada Example","username":"ada-example","email":"ada@example.com",
			 "picture":"https://example.com/ada.png","vanityname":"ada","apiKeys":{"openAI":"sk-secret-123"},
			 "auth0":{"identities":[{"access_token":"tok-secret-456"}]},"providers":{"refresh":"tok-789"},
			 "aesthetics":{"theme":{"dark":false},"font":{"size":12}}}
			""";

	private final JsonMapper mapper = PiecesJson.mapper();

	@Test
	void userProfileWhenDecodedShouldExposeItsFields() {
		UserProfile user = this.mapper.readValue(Fixtures.read("user-profile.json"), UserProfile.class);
		assertThat(user.id()).isEqualTo("2c8bb7f1-17be-4a73-b927-dbc5e5362fa4");
		assertThat(user.email()).isEqualTo("ada@example.com");
		assertThat(user.username()).isEqualTo("ada-example");
		assertThat(user.aesthetics().theme().dark()).isTrue();
		assertThat(user.aesthetics().font().size()).isEqualTo(14);
	}

	@Test
	void userProfileToStringShouldRedactPersonalDataAndSecrets() {
		UserProfile user = this.mapper.readValue(USER_WITH_SECRETS, UserProfile.class);
		assertThat(user.toString()).contains("u1", "<redacted>")
			.doesNotContain("ada@example.com", "Ada Example", "ada-example", "example.com", "sk-secret-123",
					"tok-secret-456", "tok-789");
	}

	@Test
	void objectsCarryingAUserShouldRedactItInToString() {
		UserProfile user = this.mapper.readValue(USER_WITH_SECRETS, UserProfile.class);
		ReturnedUserProfile returned = new ReturnedUserProfile(user, null);
		Context context = this.mapper.readValue(Fixtures.read("connect-response.json"), Context.class);
		assertThat(returned.toString()).doesNotContain("ada@example.com", "sk-secret-123", "tok-secret-456");
		assertThat(context.user()).isNotNull();
		assertThat(context.toString()).contains("83e57148-5dd3-414d-9958-1c5ea5bbef3b")
			.doesNotContain("ada@example.com", "Ada Example", "ada-example");
	}

	@Test
	void signedOutUserSnapshotShouldHaveNoUser() {
		ReturnedUserProfile returned = this.mapper.readValue(Fixtures.read("rest-user-snapshot-logged-out.json"),
				ReturnedUserProfile.class);
		assertThat(returned.user()).isNull();
		assertThat(this.mapper.readValue("{\"user\":null}", ReturnedUserProfile.class).user()).isNull();
	}

	@Test
	void connectResponseShouldExposeApplicationIdAndPiecesOsVersion() {
		Context context = this.mapper.readValue(Fixtures.read("connect-response.json"), Context.class);
		assertThat(context.application().id()).isEqualTo("83e57148-5dd3-414d-9958-1c5ea5bbef3b");
		assertThat(context.application().platform()).isEqualTo(PlatformEnum.LINUX);
		assertThat(context.application().privacy()).isEqualTo(PrivacyEnum.OPEN);
		assertThat(context.application().capabilities()).isEqualTo(CapabilitiesEnum.BLENDED);
		assertThat(context.health().os().version()).isEqualTo("12.3.2");
		assertThat(context.os()).isEqualTo("25aa6859-4ca5-4993-a779-c10d8b8bfd27");
		assertThat(context.schema().semantic()).isEqualTo(EmbeddedModelSchemaSemanticVersion.MAJOR_0_MINOR_0_PATCH_1);
	}

	@Test
	void connectRequestShouldWriteOnlyTheSetFields() {
		SeededConnectorConnection connection = new SeededConnectorConnection(
				SeededTrackedApplication.of("OPEN_SOURCE", PlatformEnum.LINUX, "5.0.0"));
		assertThat(this.mapper.valueToTree(connection).toString())
			.isEqualTo(this.mapper.readTree(Fixtures.read("connect-request.json")).toString());
	}

}
