package app.pieces.websocket;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

import org.junit.jupiter.api.Test;

import app.pieces.model.Asset;
import app.pieces.model.PiecesJson;
import app.pieces.model.RawJson;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The raw JSON of a bulk read is deflated on the workers, and on the reading thread when the workers are behind or
 * gone, so that the texts waiting for it stay bounded and none is left as read.
 */
class RawJsonCompactionTests {

	private final List<Runnable> held = new ArrayList<>();

	@Test
	void textsShouldBeDeflatedInBatchesOnTheWorkers() throws IOException {
		RawJsonCompaction compaction = new RawJsonCompaction(this.held::add);
		List<RawJson> raws = addAssets(compaction, 200);
		compaction.flush();
		assertThat(raws).allMatch((raw) -> raw.storedSize() == raw.size());
		assertThat(this.held).hasSizeGreaterThan(1);
		this.held.forEach(Runnable::run);
		assertThat(raws).allMatch((raw) -> raw.storedSize() < raw.size());
	}

	@Test
	void readerShouldDeflateItselfOnceTooMuchWaitsForTheWorkers() throws IOException {
		RawJsonCompaction compaction = new RawJsonCompaction(this.held::add);
		// the workers never run: past the bound the reader deflates what it reads
		List<RawJson> raws = addAssets(compaction, 8_000);
		long waiting = raws.stream().filter((raw) -> raw.storedSize() == raw.size()).mapToLong(RawJson::size).sum();
		assertThat(waiting).isLessThan(17L * 1024 * 1024);
		assertThat(raws.get(raws.size() - 1).storedSize()).isLessThan(raws.get(raws.size() - 1).size());
	}

	@Test
	void textsShouldBeDeflatedOnTheReaderWhenTheWorkersAreGone() throws IOException {
		Executor closed = (task) -> {
			throw new RejectedExecutionException("closed");
		};
		RawJsonCompaction compaction = new RawJsonCompaction(closed);
		List<RawJson> raws = addAssets(compaction, 3);
		compaction.flush();
		assertThat(raws).allMatch((raw) -> raw.storedSize() < raw.size());
	}

	private static List<RawJson> addAssets(RawJsonCompaction compaction, int count) throws IOException {
		byte[] json;
		try (InputStream in = RawJsonCompactionTests.class.getResourceAsStream("/fixtures/asset-snapshot.json")) {
			json = PiecesJson.mapper().readTree(in.readAllBytes()).toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
		}
		Asset asset = PiecesJson.mapper().readValue(json, Asset.class);
		List<RawJson> raws = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			RawJson raw = RawJson.uncompressed(json.clone());
			raws.add(raw);
			compaction.add(asset.withRawJson(raw));
		}
		return raws;
	}

}
