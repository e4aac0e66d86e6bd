package app.pieces.simulator;

import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Function;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * All HTTP endpoints of the simulator: the Pieces OS REST calls and the {@code /__simulator} control plane.
 */
final class SimulatorServlet extends HttpServlet {

	private static final long serialVersionUID = 1L;

	private static final System.Logger logger = System.getLogger(SimulatorServlet.class.getName());

	private static final String CONTROL = "/__simulator/";

	private final transient PiecesOsSimulator simulator;

	private final transient SimulatorHub hub;

	private final transient QgptRest qgpt;

	private final transient AssetsRest assets;

	private final transient SearchRest search;

	private final transient ConversationsRest conversations;

	SimulatorServlet(PiecesOsSimulator simulator, SimulatorHub hub) {
		this.simulator = simulator;
		this.hub = hub;
		this.qgpt = new QgptRest(hub);
		this.assets = new AssetsRest(hub);
		this.search = new SearchRest(hub);
		this.conversations = new ConversationsRest(hub);
	}

	@Override
	protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
		String path = request.getRequestURI();
		this.hub.countRequest(path);
		Exchange exchange = new Exchange(request, response, path);
		try {
			if (path.startsWith(CONTROL)) {
				control(exchange, path.substring(CONTROL.length()).split("/", -1));
			}
			else {
				rest(exchange, path.substring(1).split("/", -1));
			}
		}
		catch (MissingEntityException ex) {
			exchange.text(ex.status(), ex.getMessage());
		}
		catch (MethodNotAllowedException ex) {
			exchange.text(405, ex.getMessage());
		}
		catch (BadRequestException ex) {
			logger.log(System.Logger.Level.INFO, "Bad request " + request.getMethod() + " " + path + ": "
					+ ex.getMessage());
			exchange.text(400, ex.getMessage());
		}
		catch (RestRejection ex) {
			logger.log(System.Logger.Level.INFO, "Rejected " + request.getMethod() + " " + path + " with "
					+ ex.status() + ": " + ex.getMessage());
			exchange.text(ex.status(), ex.getMessage());
		}
	}

	// ---- Pieces OS REST

	private void rest(Exchange exchange, String[] segments) throws IOException {
		String path = exchange.path;
		String method = exchange.method();
		SimulatorStore store = this.hub.store();
		switch (path) {
			case "/.well-known/health" -> {
				exchange.allow(method, "GET", "HEAD");
				boolean healthy = store.isHealthy();
				exchange.text(healthy ? 200 : 503, healthy ? "ok" : "unhealthy");
			}
			case "/.well-known/version" -> {
				exchange.allow(method, "GET", "HEAD");
				exchange.text(200, store.version());
			}
			case "/.well-known/installation/path" -> {
				exchange.allow(method, "GET", "HEAD");
				exchange.text(200, "/opt/pieces-os-simulator");
			}
			case "/model_context_protocol/schema_versions" -> {
				exchange.allow(method, "GET");
				exchange.json(200, mcpSchemaVersions(exchange));
			}
			case "/connect" -> {
				exchange.allow(method, "POST");
				exchange.json(200, connect(exchange.jsonBody()));
			}
			case "/user" -> {
				exchange.allow(method, "GET");
				snapshotLatency();
				exchange.json(200, store.userSnapshotJson());
			}
			case "/models" -> {
				exchange.allow(method, "GET");
				snapshotLatency();
				exchange.json(200, Models.json());
			}
			case "/assets" -> {
				exchange.allow(method, "GET");
				boolean transferables = exchange.booleanParameter("transferables", true);
				bulk(exchange, "Assets", store.assetIds(), (id) -> store.assetJson(id, transferables));
			}
			case "/assets/create" -> {
				exchange.allow(method, "POST");
				boolean transferables = exchange.booleanParameter("transferables", true);
				exchange.json(200, this.assets.create(exchange.jsonBody(), transferables));
			}
			case "/asset/update" -> {
				exchange.allow(method, "POST");
				boolean transferables = exchange.booleanParameter("transferables", true);
				exchange.json(200, this.assets.update(exchange.jsonBody(), transferables));
			}
			case "/search/full_text", "/search/neural_code", "/assets/search" -> {
				exchange.allow(method, "GET");
				snapshotLatency();
				SearchRest.Kind kind = switch (path) {
					case "/search/full_text" -> SearchRest.Kind.FULL_TEXT;
					case "/search/neural_code" -> SearchRest.Kind.NEURAL_CODE;
					default -> SearchRest.Kind.ASSETS;
				};
				exchange.json(200, this.search.search(kind, exchange.parameter("query"),
						exchange.booleanParameter("transferables", true)));
			}
			case "/asset/reclassify" -> {
				exchange.allow(method, "POST");
				exchange.json(200,
						this.assets.reclassify(exchange.jsonBody(), exchange.booleanParameter("transferables", true)));
			}
			case "/format/update/value" -> {
				exchange.allow(method, "POST");
				exchange.json(200,
						this.assets.updateFormatValue(exchange.jsonBody(), exchange.booleanParameter("transferable", true)));
			}
			case "/conversations" -> {
				exchange.allow(method, "GET");
				exchange.booleanParameter("transferables", true);
				bulk(exchange, "Conversations", store.conversationIds(), store::conversationJson);
			}
			case "/anchors", "/ranges", "/workstream_summaries" -> {
				exchange.allow(method, "GET");
				exchange.booleanParameter("transferables", true);
				StreamKind kind = StreamKind.forCollection(exchange.path.substring(1));
				bulk(exchange, kind.name(), store.workstreamIds(kind), (id) -> store.workstreamJson(kind, id));
			}
			case "/conversations/create" -> {
				exchange.allow(method, "POST");
				JsonNode body = exchange.jsonBody();
				String type = Json.text(body, "type");
				if (type == null) {
					throw new BadRequestException("SeededConversation requires a type, e.g. COPILOT");
				}
				String name = Json.text(body, "name");
				SimulatorStore.ConversationRecord conversation = this.hub.createConversation(
						(name != null) ? name : "New Conversation", null, Json.objectField(body, "pipeline"), false);
				exchange.json(200, store.conversationJson(conversation.id));
			}
			case "/conversation/update" -> {
				exchange.allow(method, "POST");
				exchange.json(200, this.conversations.update(exchange.jsonBody()));
			}
			case "/anchors/create" -> {
				// SeededAnchor: fullpath and type (FILE or DIRECTORY) required
				exchange.allow(method, "POST");
				JsonNode seed = exchange.jsonBody();
				String fullpath = requiredText(seed, "fullpath");
				String type = Json.text(seed, "type");
				if (!"FILE".equals(type) && !"DIRECTORY".equals(type)) {
					throw new BadRequestException("SeededAnchor requires type FILE or DIRECTORY");
				}
				ObjectNode anchor;
				synchronized (store) {
					String id = this.hub.createWorkstreamItem(StreamKind.ANCHORS, fullpath, false);
					store.workstream().item(StreamKind.ANCHORS, id).directory = "DIRECTORY".equals(type);
					anchor = store.workstreamJson(StreamKind.ANCHORS, id);
				}
				exchange.json(200, anchor);
			}
			case "/ranges/create" -> {
				// SeededRange: from and to optional (GroupedTimestamp)
				exchange.allow(method, "POST");
				JsonNode seed = exchange.jsonBody();
				exchange.json(200, store.workstreamJson(StreamKind.RANGES,
						this.hub.createRange(timestampOf(seed, "from"), timestampOf(seed, "to"))));
			}
			case "/messages/create" -> {
				exchange.allow(method, "POST");
				exchange.json(200, this.conversations.createMessage(exchange.jsonBody()));
			}
			case "/qgpt/question" -> {
				exchange.allow(method, "POST");
				JsonNode body = exchange.jsonBody();
				snapshotLatency();
				exchange.json(200, this.qgpt.question(body));
			}
			case "/qgpt/relevance" -> {
				exchange.allow(method, "POST");
				JsonNode body = exchange.jsonBody();
				snapshotLatency();
				exchange.json(200, this.qgpt.relevance(body));
			}
			case "/workstream_pattern_engine/processors/vision/status" -> {
				exchange.allow(method, "GET");
				snapshotLatency();
				exchange.json(200, this.hub.visionStatusJson());
			}
			case "/workstream_pattern_engine/processors/vision/activate" -> {
				exchange.allow(method, "POST");
				exchange.jsonBody();
				exchange.json(200, this.hub.setLtm(true, null));
			}
			case "/workstream_pattern_engine/processors/vision/deactivate" -> {
				exchange.allow(method, "POST");
				JsonNode deactivation = Json.objectField(Json.objectField(exchange.jsonBody(), "vision"), "deactivation");
				String until = Json.text(Json.objectField(deactivation, "to"), "value");
				Instant pausedUntil;
				try {
					pausedUntil = (until != null) ? Instant.parse(until) : null;
				}
				catch (DateTimeParseException ex) {
					throw new BadRequestException("vision.deactivation.to.value must be an ISO-8601 instant, not " + until);
				}
				exchange.json(200, this.hub.setLtm(false, pausedUntil));
			}
			default -> restWithId(exchange, segments);
		}
	}

	private void restWithId(Exchange exchange, String[] segments) throws IOException {
		String method = exchange.method();
		SimulatorStore store = this.hub.store();
		if (segments.length == 2 && !segments[1].isEmpty()) {
			String id = segments[1];
			switch (segments[0]) {
				case "asset" -> {
					exchange.allow(method, "GET");
					snapshotLatency();
					exchange.json(200, store.assetJson(id, exchange.booleanParameter("transferables", true)));
					return;
				}
				case "format" -> {
					exchange.allow(method, "GET");
					snapshotLatency();
					exchange.json(200, store.formatJson(id, exchange.booleanParameter("transferable", true)));
					return;
				}
				case "conversation" -> {
					exchange.allow(method, "GET");
					snapshotLatency();
					exchange.json(200, store.conversationJson(id));
					return;
				}
				case "message" -> {
					exchange.allow(method, "GET");
					snapshotLatency();
					exchange.json(200, store.messageJson(id));
					return;
				}
				case "anchor", "range", "workstream_summary" -> {
					exchange.allow(method, "GET");
					snapshotLatency();
					exchange.json(200, store.workstreamJson(StreamKind.forItem(segments[0]), id));
					return;
				}
				default -> {
				}
			}
		}
		if (segments.length == 3 && segments[0].equals("conversation") && segments[2].equals("messages")
				&& !segments[1].isEmpty()) {
			exchange.allow(method, "GET");
			snapshotLatency();
			exchange.json(200, this.conversations.messages(segments[1]));
			return;
		}
		if (segments.length == 3 && segments[0].equals("conversations") && segments[2].equals("delete")
				&& !segments[1].isEmpty()) {
			exchange.allow(method, "POST");
			this.conversations.delete(segments[1]);
			exchange.noContent();
			return;
		}
		if (segments.length == 3 && segments[0].equals("messages") && segments[2].equals("delete")
				&& !segments[1].isEmpty()) {
			exchange.allow(method, "POST");
			this.conversations.deleteMessage(segments[1]);
			exchange.noContent();
			return;
		}
		if (segments.length == 4 && segments[0].equals("conversations") && segments[1].equals("create")
				&& segments[2].equals("from_asset") && !segments[3].isEmpty()) {
			exchange.allow(method, "POST");
			exchange.json(200, this.conversations.createFromAsset(segments[3]));
			return;
		}
		if (segments.length == 3 && segments[0].equals("assets") && segments[2].equals("delete")
				&& !segments[1].isEmpty()) {
			exchange.allow(method, "POST");
			exchange.text(200, this.assets.delete(segments[1]));
			return;
		}
		// /conversation/{id}/assets|anchors/associate|disassociate/{target} and
		// /conversation/{id}/grounding/temporal_range/workstreams/associate|disassociate/{range}
		boolean grounding = segments.length == 7 && segments[2].equals("grounding")
				&& segments[3].equals("temporal_range") && segments[4].equals("workstreams");
		boolean attachment = segments.length == 5 && (segments[2].equals("assets") || segments[2].equals("anchors"));
		if (segments[0].equals("conversation") && (grounding || attachment)) {
			String verb = segments[segments.length - 2];
			if (verb.equals("associate") || verb.equals("disassociate")) {
				exchange.allow(method, "POST");
				StreamKind kind = grounding ? StreamKind.RANGES
						: segments[2].equals("assets") ? StreamKind.ASSETS : StreamKind.ANCHORS;
				this.hub.associate(segments[1], kind, segments[segments.length - 1], verb.equals("associate"));
				exchange.noContent();
				return;
			}
		}
		exchange.text(404, "Not found: " + exchange.path);
	}

	private ObjectNode connect(JsonNode body) {
		JsonNode application = Json.objectField(body, "application");
		String name = Json.text(application, "name");
		String platform = Json.text(application, "platform");
		String version = Json.text(application, "version");
		if (name == null || platform == null || version == null) {
			throw new BadRequestException(
					"SeededConnectorConnection requires application.name, application.platform and application.version");
		}
		String id = UUID.nameUUIDFromBytes(("pieces-os-simulator/application/" + name + "/" + platform)
			.getBytes(StandardCharsets.UTF_8)).toString();
		ObjectNode context = Json.object();
		context.set("schema", Json.schema());
		ObjectNode app = SimulatorStore.application(id, name, version, platform, false);
		String privacy = Json.text(application, "privacy");
		if (privacy != null) {
			app.put("privacy", privacy);
		}
		String capabilities = Json.text(application, "capabilities");
		if (capabilities != null) {
			app.put("capabilities", capabilities);
		}
		context.set("application", app);
		context.put("os", DemoData.OS_ID);
		ObjectNode health = context.putObject("health");
		health.set("schema", Json.schema());
		ObjectNode os = health.putObject("os");
		os.set("schema", Json.schema());
		os.put("id", DemoData.OS_ID);
		os.put("version", this.hub.store().version());
		ObjectNode user = this.hub.store().userJson();
		if (user != null) {
			context.set("user", user);
		}
		else if (this.hub.explicitNulls()) {
			context.putNull("user");
		}
		return context;
	}

	/**
	 * Answer a whole collection ({@code Assets}, {@code Conversations}) as the real Pieces OS does,
	 * {@code {"iterable":[...]}}, written item by item as it is read from the store: an item deleted meanwhile is
	 * left out, the REST latency applies once, the bulk item delay once per item, and a cut set with
	 * {@code /__simulator/bulk?cutAfter=} drops the connection mid-answer.
	 */
	private void bulk(Exchange exchange, String type, List<String> ids, Function<String, ObjectNode> item)
			throws IOException {
		if (this.hub.bulkRefused()) {
			throw new RestRejection(404, type + " snapshots are switched off (/__simulator/bulk?refused=true)");
		}
		snapshotLatency();
		int cutAfter = this.hub.takeBulkCut();
		Duration delay = this.hub.bulkItemDelay();
		exchange.response.setStatus(200);
		exchange.response.setContentType("application/json");
		if (cutAfter >= 0) {
			// promise more than will come and close the connection after the cut: the client sees the connection
			// drop mid-answer, not an answer that merely ends early
			exchange.response.setContentLengthLong(Long.MAX_VALUE / 2);
			exchange.response.setHeader("Connection", "close");
		}
		// not closed on a cut: closing would end the open array and object and make the answer whole
		JsonGenerator generator = Json.MAPPER.createGenerator(exchange.response.getOutputStream());
		generator.writeStartObject();
		generator.writeName("iterable");
		generator.writeStartArray();
		int written = 0;
		for (String id : ids) {
			if (written == cutAfter) {
				generator.flush();
				exchange.response.flushBuffer();
				logger.log(System.Logger.Level.INFO, type + " answer cut after " + written + " item(s)");
				return;
			}
			ObjectNode node;
			try {
				node = item.apply(id);
			}
			catch (MissingEntityException ex) {
				continue;
			}
			generator.writeTree(node);
			written++;
			if (!delay.isZero()) {
				LockSupport.parkNanos(delay.toNanos());
			}
		}
		generator.writeEndArray();
		generator.writeName("schema");
		generator.writeTree(Json.schema());
		generator.writeEndObject();
		generator.close();
	}

	private void snapshotLatency() {
		Duration latency = this.hub.restLatency();
		if (!latency.isZero()) {
			try {
				Thread.sleep(latency.toMillis(), latency.toNanosPart() % 1_000_000);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
	}

	/**
	 * {@code ModelContextProtocolSchemaVersions}: the SSE entry first, as the official CLI's gateway takes the
	 * first entry and speaks SSE to it; then streamable HTTP.
	 */
	private static ObjectNode mcpSchemaVersions(Exchange exchange) {
		String base = "http://" + exchange.request.getServerName() + ":" + exchange.request.getServerPort();
		ObjectNode versions = Json.object();
		versions.set("schema", Json.schema());
		var iterable = versions.putArray("iterable");
		iterable.addObject().put("version", "2024-11-05").put("entry_endpoint", base + SimulatorMcp.SSE_PATH);
		iterable.addObject().put("version", "2025-03-26").put("entry_endpoint", base + SimulatorMcp.STREAMABLE_PATH);
		return versions;
	}

	// ---- control plane

	private void control(Exchange exchange, String[] segments) throws IOException {
		String method = exchange.method();
		String resource = segments[0];
		switch (resource) {
			case "state" -> {
				exchange.allow(method, "GET");
				exchange.json(200, this.hub.stateJson());
			}
			case "assets" -> controlAssets(exchange, segments);
			case "conversations" -> controlConversations(exchange, segments);
			case "anchors", "ranges", "workstream_summaries" -> controlWorkstream(exchange, segments);
			case "user" -> {
				exchange.allow(method, "POST");
				String action = (segments.length == 2) ? segments[1] : "";
				boolean silent = exchange.booleanParameter("silent", false);
				switch (action) {
					case "login" -> this.hub.setSignedIn(true, silent);
					case "logout" -> this.hub.setSignedIn(false, silent);
					default -> throw new BadRequestException("Use /__simulator/user/login or /__simulator/user/logout");
				}
				exchange.noContent();
			}
			case "restart" -> {
				exchange.allow(method, "POST");
				Duration downtime = exchange.durationParameter("downtime", Duration.ZERO);
				String port = exchange.parameter("port");
				int newPort = this.simulator.port();
				if (port != null) {
					try {
						newPort = Integer.parseInt(port);
					}
					catch (NumberFormatException ex) {
						throw new BadRequestException("port must be a number: " + port);
					}
				}
				if (newPort < 0 || newPort > 65535) {
					throw new BadRequestException("port out of range: " + newPort);
				}
				ObjectNode body = Json.object();
				body.put("downtime", downtime.toString());
				body.put("port", (newPort != 0) ? newPort : this.simulator.port());
				exchange.json(202, body);
				exchange.response.flushBuffer();
				this.simulator.restart(downtime, newPort);
			}
			case "health" -> {
				exchange.allow(method, "POST");
				this.hub.setHealthy(exchange.requiredBooleanParameter("healthy"));
				exchange.noContent();
			}
			case "frames" -> {
				exchange.allow(method, "POST");
				StreamKind kind = (segments.length == 2) ? StreamKind.of(segments[1]) : null;
				if (kind == null) {
					throw new BadRequestException("Unknown stream; use one of health, user, assets, conversations, "
							+ "qgpt, anchors, ranges, workstream_summaries, vision");
				}
				int sessions = this.hub.broadcast(kind, exchange.body());
				ObjectNode body = Json.object();
				body.put("stream", kind.streamName());
				body.put("sessions", sessions);
				exchange.json(200, body);
			}
			case "identifiers" -> {
				exchange.allow(method, "POST");
				this.hub.setUpdatedInIdentifiers(exchange.requiredBooleanParameter("updated"));
				exchange.noContent();
			}
			case "bulk" -> {
				exchange.allow(method, "POST");
				if (exchange.parameter("refused") != null) {
					this.hub.setBulkRefused(exchange.requiredBooleanParameter("refused"));
				}
				if (exchange.parameter("itemDelay") != null) {
					this.hub.setBulkItemDelay(exchange.durationParameter("itemDelay", Duration.ZERO));
				}
				String cutAfter = exchange.parameter("cutAfter");
				if (cutAfter != null) {
					try {
						this.hub.cutNextBulkAfter(Integer.parseInt(cutAfter));
					}
					catch (IllegalArgumentException ex) {
						throw new BadRequestException("cutAfter must be a number of items, 0 or more: " + cutAfter);
					}
				}
				exchange.noContent();
			}
			case "latency" -> {
				exchange.allow(method, "POST");
				this.hub.setRestLatency(exchange.durationParameter("rest", Duration.ZERO));
				exchange.noContent();
			}
			case "copilot" -> controlCopilot(exchange, segments);
			case "mcp" -> controlMcp(exchange, segments);
			case "sessions" -> {
				exchange.allow(method, "GET");
				ObjectNode body = Json.object();
				for (StreamKind kind : StreamKind.values()) {
					body.put(kind.streamName(), this.hub.openSessions(kind));
				}
				exchange.json(200, body);
			}
			case "requests" -> {
				exchange.allow(method, "GET");
				String prefix = exchange.parameter("prefix");
				ObjectNode body = Json.object();
				body.put("prefix", (prefix != null) ? prefix : "/");
				body.put("count", this.hub.restRequests((prefix != null) ? prefix : "/"));
				exchange.json(200, body);
			}
			default -> exchange.text(404, "Unknown control resource: " + exchange.path);
		}
	}

	private void controlAssets(Exchange exchange, String[] segments) throws IOException {
		boolean silent = exchange.booleanParameter("silent", false);
		String method = exchange.method();
		SimulatorStore store = this.hub.store();
		if (segments.length == 1 || (segments.length == 2 && segments[1].isEmpty())) {
			exchange.allow(method, "POST");
			JsonNode body = exchange.jsonBody();
			String name = requiredText(body, "name");
			String text = requiredText(body, "text");
			String language = Json.text(body, "language");
			SimulatorStore.AssetRecord asset = this.hub.createAsset(name, text, (language != null) ? language : "txt",
					silent);
			exchange.json(200, store.assetJson(asset.id, true));
			return;
		}
		String id = segments[1];
		exchange.allow(method, "PUT", "DELETE");
		if (method.equals("PUT")) {
			this.hub.updateAsset(id, requiredText(exchange.jsonBody(), "name"), silent);
			exchange.json(200, store.assetJson(id, true));
		}
		else {
			this.hub.deleteAsset(id, silent);
			exchange.noContent();
		}
	}

	private void controlConversations(Exchange exchange, String[] segments) throws IOException {
		boolean silent = exchange.booleanParameter("silent", false);
		String method = exchange.method();
		SimulatorStore store = this.hub.store();
		if (segments.length == 1 || (segments.length == 2 && segments[1].isEmpty())) {
			exchange.allow(method, "POST");
			String name = requiredText(exchange.jsonBody(), "name");
			SimulatorStore.ConversationRecord conversation = this.hub.createConversation(name, null, null, silent);
			exchange.json(200, store.conversationJson(conversation.id));
			return;
		}
		String id = segments[1];
		exchange.allow(method, "PUT", "DELETE");
		if (method.equals("PUT")) {
			this.hub.updateConversation(id, requiredText(exchange.jsonBody(), "name"), silent);
			exchange.json(200, store.conversationJson(id));
		}
		else {
			this.hub.deleteConversation(id, silent);
			exchange.noContent();
		}
	}

	private void controlWorkstream(Exchange exchange, String[] segments) throws IOException {
		boolean silent = exchange.booleanParameter("silent", false);
		String method = exchange.method();
		StreamKind kind = StreamKind.forCollection(segments[0]);
		SimulatorStore store = this.hub.store();
		if (segments.length == 1 || (segments.length == 2 && segments[1].isEmpty())) {
			exchange.allow(method, "POST");
			String name = (kind != StreamKind.RANGES) ? requiredText(exchange.jsonBody(), "name") : null;
			exchange.json(200, store.workstreamJson(kind, this.hub.createWorkstreamItem(kind, name, silent)));
			return;
		}
		String id = segments[1];
		exchange.allow(method, "PUT", "DELETE");
		if (method.equals("PUT")) {
			this.hub.renameWorkstreamItem(kind, id, requiredText(exchange.jsonBody(), "name"), silent);
			exchange.json(200, store.workstreamJson(kind, id));
		}
		else {
			this.hub.deleteWorkstreamItem(kind, id, silent);
			exchange.noContent();
		}
	}

	private void controlMcp(Exchange exchange, String[] segments) throws IOException {
		String method = exchange.method();
		String action = (segments.length == 2) ? segments[1] : "";
		SimulatorMcp mcp = this.hub.mcp();
		switch (action) {
			case "fail" -> {
				exchange.allow(method, "POST");
				String tool = exchange.parameter("tool");
				if (tool == null || tool.isBlank()) {
					throw new BadRequestException("Name the tool: /__simulator/mcp/fail?tool=ask_pieces_ltm&message=...");
				}
				String message = exchange.parameter("message");
				mcp.failNext(tool, (message != null) ? message : "Simulated failure");
				exchange.noContent();
			}
			case "hang" -> {
				exchange.allow(method, "POST");
				mcp.hang(exchange.booleanParameter("hang", true));
				exchange.noContent();
			}
			case "streamable" -> {
				exchange.allow(method, "POST");
				mcp.offerStreamable(exchange.booleanParameter("offered", true));
				exchange.noContent();
			}
			case "reset" -> {
				exchange.allow(method, "POST");
				mcp.reset();
				exchange.noContent();
			}
			case "calls" -> {
				exchange.allow(method, "GET");
				ArrayNode calls = Json.MAPPER.createArrayNode();
				for (SimulatorMcp.ToolCall call : mcp.calls()) {
					ObjectNode node = calls.addObject().put("tool", call.tool());
					node.set("arguments", Json.MAPPER.valueToTree(call.arguments()));
				}
				exchange.json(200, calls);
			}
			default -> exchange.text(404, "Unknown MCP control: " + exchange.path);
		}
	}

	private void controlCopilot(Exchange exchange, String[] segments) throws IOException {
		String method = exchange.method();
		String action = (segments.length == 2) ? segments[1] : "";
		SimulatorCopilot copilot = this.hub.copilot();
		switch (action) {
			case "fail" -> {
				exchange.allow(method, "POST");
				String statusCode = exchange.parameter("statusCode");
				String errorMessage = exchange.parameter("errorMessage");
				int code;
				try {
					code = (statusCode != null) ? Integer.parseInt(statusCode) : 500;
				}
				catch (NumberFormatException ex) {
					throw new BadRequestException("statusCode must be a number: " + statusCode);
				}
				copilot.failNext(code, (errorMessage != null) ? errorMessage : "Simulated failure");
				exchange.noContent();
			}
			case "silent" -> {
				exchange.allow(method, "POST");
				copilot.silent(exchange.booleanParameter("silent", true));
				exchange.noContent();
			}
			case "reset" -> {
				exchange.allow(method, "POST");
				copilot.reset();
				exchange.noContent();
			}
			case "inputs" -> {
				exchange.allow(method, "GET");
				ArrayNode inputs = Json.MAPPER.createArrayNode();
				copilot.receivedInputs().forEach(inputs::add);
				exchange.json(200, inputs);
			}
			default -> exchange.text(404, "Unknown copilot control: " + exchange.path);
		}
	}

	private static @Nullable Instant timestampOf(JsonNode body, String field) {
		JsonNode timestamp = Json.objectField(body, field);
		String value = (timestamp != null) ? Json.text(timestamp, "value") : null;
		if (value == null) {
			return null;
		}
		try {
			return Instant.parse(value);
		}
		catch (DateTimeParseException ex) {
			throw new BadRequestException(field + ".value is not an ISO-8601 timestamp: " + value);
		}
	}

	private static String requiredText(JsonNode body, String field) {
		String value = Json.text(body, field);
		if (value == null) {
			throw new BadRequestException("Body field \"" + field + "\" (a string) is required");
		}
		return value;
	}

	/**
	 * A request that cannot be served as sent.
	 */
	private static final class BadRequestException extends RuntimeException {

		private static final long serialVersionUID = 1L;

		BadRequestException(String message) {
			super(message);
		}

	}

	/**
	 * A request with a method the resource does not support.
	 */
	private static final class MethodNotAllowedException extends RuntimeException {

		private static final long serialVersionUID = 1L;

		MethodNotAllowedException(String message) {
			super(message);
		}

	}

	/**
	 * One request and its response, with small helpers.
	 */
	private static final class Exchange {

		final HttpServletRequest request;

		final HttpServletResponse response;

		final String path;

		private @Nullable Map<String, String> parameters;

		Exchange(HttpServletRequest request, HttpServletResponse response, String path) {
			this.request = request;
			this.response = response;
			this.path = path;
		}

		String method() {
			return this.request.getMethod();
		}

		void allow(String method, String... allowed) {
			for (String candidate : allowed) {
				if (candidate.equals(method)) {
					return;
				}
			}
			this.response.setHeader("Allow", String.join(", ", allowed));
			throw new MethodNotAllowedException(method + " is not allowed on " + this.path + " (allowed: "
					+ String.join(", ", allowed) + ")");
		}

		String body() throws IOException {
			try (InputStream in = this.request.getInputStream()) {
				return new String(in.readAllBytes(), StandardCharsets.UTF_8);
			}
		}

		JsonNode jsonBody() throws IOException {
			String body = body();
			try {
				JsonNode node = Json.parse(body.isBlank() ? "{}" : body);
				if (!node.isObject()) {
					throw new BadRequestException("The request body must be a JSON object");
				}
				return node;
			}
			catch (JacksonException ex) {
				throw new BadRequestException("The request body is not valid JSON");
			}
		}

		@Nullable String parameter(String name) {
			if (this.parameters == null) {
				Map<String, String> parsed = new HashMap<>();
				String query = this.request.getQueryString();
				if (query != null) {
					for (String pair : query.split("&")) {
						int equals = pair.indexOf('=');
						String key = (equals >= 0) ? pair.substring(0, equals) : pair;
						String value = (equals >= 0) ? pair.substring(equals + 1) : "";
						parsed.putIfAbsent(URLDecoder.decode(key, StandardCharsets.UTF_8),
								URLDecoder.decode(value, StandardCharsets.UTF_8));
					}
				}
				this.parameters = parsed;
			}
			return this.parameters.get(name);
		}

		boolean booleanParameter(String name, boolean defaultValue) {
			String value = parameter(name);
			return (value == null || value.isEmpty()) ? defaultValue : parseBoolean(name, value);
		}

		boolean requiredBooleanParameter(String name) {
			return parseBoolean(name, parameter(name));
		}

		private static boolean parseBoolean(String name, @Nullable String value) {
			if ("true".equals(value) || "false".equals(value)) {
				return Boolean.parseBoolean(value);
			}
			throw new BadRequestException(name + " must be true or false: " + value);
		}

		Duration durationParameter(String name, Duration defaultValue) {
			String value = parameter(name);
			if (value == null || value.isEmpty()) {
				return defaultValue;
			}
			try {
				Duration duration = Duration.parse(value);
				if (duration.isNegative()) {
					throw new BadRequestException(name + " must not be negative: " + value);
				}
				return duration;
			}
			catch (DateTimeParseException ex) {
				throw new BadRequestException(name + " must be an ISO-8601 duration such as PT2S: " + value);
			}
		}

		void text(int status, String text) throws IOException {
			byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
			this.response.setStatus(status);
			this.response.setContentType("text/plain;charset=UTF-8");
			this.response.setContentLength(bytes.length);
			if (!"HEAD".equals(method())) {
				this.response.getOutputStream().write(bytes);
			}
		}

		void json(int status, JsonNode body) throws IOException {
			byte[] bytes = Json.write(body).getBytes(StandardCharsets.UTF_8);
			this.response.setStatus(status);
			this.response.setContentType("application/json");
			this.response.setContentLength(bytes.length);
			this.response.getOutputStream().write(bytes);
		}

		void noContent() {
			this.response.setStatus(204);
		}

	}

}
