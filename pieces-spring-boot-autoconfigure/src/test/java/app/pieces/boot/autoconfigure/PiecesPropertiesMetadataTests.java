package app.pieces.boot.autoconfigure;

import java.beans.PropertyDescriptor;
import java.io.IOException;
import java.io.InputStream;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.BeanUtils;
import org.springframework.core.io.ClassPathResource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for the IDE metadata generated from {@link PiecesProperties}.
 */
class PiecesPropertiesMetadataTests {

	private static final Set<String> WITHOUT_DEFAULT = Set.of("pieces.base-url", "pieces.copilot.default-model");

	@Test
	void metadataWhenGeneratedShouldListEveryPiecesPropertyWithDescriptionAndDefault() throws IOException {
		Map<String, JsonNode> metadata = readMetadata();
		Set<String> expected = new TreeSet<>();
		collectPropertyNames("pieces", PiecesProperties.class, expected);
		assertThat(expected).contains("pieces.enabled", "pieces.streams.qgpt.enabled", "pieces.reconnect.jitter",
				"pieces.cache.hydration-concurrency", "pieces.copilot.timeout", "pieces.streams.max-text-message-size");
		assertThat(metadata.keySet()).containsAll(expected);
		for (String name : expected) {
			JsonNode property = metadata.get(name);
			assertThat(property.path("description").asString("")).as("description of %s", name).isNotBlank();
			if (!WITHOUT_DEFAULT.contains(name)) {
				assertThat(property.has("defaultValue")).as("default of %s", name).isTrue();
			}
		}
	}

	@Test
	void metadataWhenGeneratedShouldDescribeEachStreamSwitchDifferently() throws IOException {
		Map<String, JsonNode> metadata = readMetadata();
		Set<String> descriptions = new TreeSet<>();
		for (String stream : new String[] { "health", "user", "assets", "conversations", "qgpt", "ltm", "anchors", "ranges",
				"summaries" }) {
			descriptions.add(metadata.get("pieces.streams." + stream + ".enabled").path("description").asString());
		}
		assertThat(descriptions).hasSize(9);
	}

	@Test
	void metadataWhenGeneratedShouldDeclareTheHealthIndicatorSwitch() throws IOException {
		JsonNode property = readMetadata().get("management.health.pieces.enabled");
		assertThat(property).isNotNull();
		assertThat(property.path("defaultValue").asBoolean(false)).isTrue();
	}

	@Test
	void metadataWhenGeneratedShouldShowDefaultsOfTheFieldInitialisers() throws IOException {
		Map<String, JsonNode> metadata = readMetadata();
		assertThat(metadata.get("pieces.streams.phase").path("defaultValue").asInt())
			.isEqualTo(new PiecesProperties().getStreams().getPhase());
		assertThat(metadata.get("pieces.reconnect.max-attempts").path("defaultValue").asLong())
			.isEqualTo(new PiecesProperties().getReconnect().getMaxAttempts());
		assertThat(metadata.get("pieces.connect-timeout").path("defaultValue").asString()).isEqualTo("2s");
		assertThat(metadata.get("pieces.copilot.timeout").path("defaultValue").asString()).isEqualTo("60s");
		assertThat(metadata.get("pieces.streams.ping-interval").path("defaultValue").asString()).isEqualTo("15s");
		assertThat(metadata.get("pieces.streams.ping-interval").path("description").asString()).contains("ping");
	}

	private static Map<String, JsonNode> readMetadata() throws IOException {
		Map<String, JsonNode> properties = new HashMap<>();
		try (InputStream in = new ClassPathResource("META-INF/spring-configuration-metadata.json").getInputStream()) {
			JsonNode root = JsonMapper.builder().build().readTree(in);
			for (JsonNode property : root.path("properties")) {
				properties.put(property.path("name").asString(), property);
			}
		}
		return properties;
	}

	private static void collectPropertyNames(String prefix, Class<?> type, Set<String> names) {
		for (PropertyDescriptor descriptor : BeanUtils.getPropertyDescriptors(type)) {
			if (descriptor.getReadMethod() == null || "class".equals(descriptor.getName())) {
				continue;
			}
			String name = prefix + "." + toKebabCase(descriptor.getName());
			Class<?> propertyType = descriptor.getPropertyType();
			if (propertyType.getName().startsWith(PiecesProperties.class.getName() + "$")) {
				collectPropertyNames(name, propertyType, names);
			}
			else {
				names.add(name);
			}
		}
	}

	private static String toKebabCase(String name) {
		return name.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase();
	}

}
