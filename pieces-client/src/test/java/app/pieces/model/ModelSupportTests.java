package app.pieces.model;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import app.pieces.model.other.CaseInsensitiveName;

import static org.assertj.core.api.Assertions.assertThat;

class ModelSupportTests {

	private final JsonMapper mapper = PiecesJson.mapper();

	@Test
	void sameContentShouldAgreeWithEqualsOnRecordsNestedRecordsAndLists() {
		Asset asset = this.mapper.readValue(Fixtures.read("asset-snapshot.json"), Asset.class);
		Format original = asset.original().reference();
		Format copy = this.mapper.readValue(this.mapper.writeValueAsString(original), Format.class);
		Format otherLanguage = new Format(original.id(), original.creator(), original.role(),
				new Classification(original.classification().generic(), "kotlin", original.classification().schema()),
				original.fragment(), original.bytes(), original.created(), original.updated(), original.application(),
				original.schema());
		List<Object[]> pairs = List.of(new Object[] { original, copy }, new Object[] { original, otherLanguage },
				new Object[] { original, null }, new Object[] { null, null }, new Object[] { original, asset.original() },
				new Object[] { asset.formats(), new Formats(new ArrayList<>(List.of(copy)), asset.formats().schema()) },
				new Object[] { asset.formats(), new Formats(List.of(copy, copy), asset.formats().schema()) },
				new Object[] { List.of("a"), new ArrayList<>(List.of("a")) },
				// a record of another package: compared by its own equals (here: case-insensitive), not by field
				new Object[] { new CaseInsensitiveName("a"), new CaseInsensitiveName("A") },
				new Object[] { List.of(new CaseInsensitiveName("a")), List.of(new CaseInsensitiveName("A")) });
		for (Object[] pair : pairs) {
			boolean equal = (pair[0] != null) ? pair[0].equals(pair[1]) : pair[1] == null;
			assertThat(ModelSupport.sameContent(pair[0], pair[1])).as("%s vs %s", pair[0], pair[1]).isEqualTo(equal);
		}
		assertThat(copy).isNotSameAs(original);
		assertThat(ModelSupport.sameContent(original, copy)).isTrue();
		assertThat(ModelSupport.sameContent(original, otherLanguage)).isFalse();
	}

}
