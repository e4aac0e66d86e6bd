// The sample page: plain JavaScript, no build step. Live data comes from GET /api/events
// (server-sent events), copilot answers from POST /api/ask (server-sent events over fetch).
(function () {
	'use strict';

	const STREAMS = ['health', 'user', 'assets', 'conversations', 'qgpt', 'ltm', 'anchors', 'ranges', 'summaries'];
	const $ = (id) => document.getElementById(id);
	const assets = new Map();
	const conversations = new Map();
	let conversationId = null;
	let openAssetId = null;
	let openConversationId = null;

	// ---- rendering helpers

	function text(el, value, fallback) {
		const shown = value === null || value === undefined || value === '' ? fallback : value;
		el.textContent = shown;
		el.classList.toggle('muted', shown === fallback);
		el.classList.toggle('value', shown !== fallback);
	}

	function when(iso) {
		if (!iso) {
			return '';
		}
		const date = new Date(iso);
		const seconds = Math.round((Date.now() - date.getTime()) / 1000);
		if (seconds < 60) {
			return 'just now';
		}
		if (seconds < 3600) {
			return Math.floor(seconds / 60) + ' min ago';
		}
		if (seconds < 86400) {
			return Math.floor(seconds / 3600) + ' h ago';
		}
		return date.toLocaleDateString();
	}

	// newest first, like the starter's caches (items without a timestamp last)
	function byUpdatedDesc(a, b) {
		const left = a.updated ? Date.parse(a.updated) : -Infinity;
		const right = b.updated ? Date.parse(b.updated) : -Infinity;
		return left < right ? 1 : left > right ? -1 : a.id.localeCompare(b.id);
	}

	// ---- status

	function renderStatus(status) {
		const badge = $('pieces-health');
		badge.textContent = status.healthy ? 'UP' : 'DOWN';
		badge.className = 'badge ' + (status.healthy ? 'badge-up' : 'badge-down');
		const reason = $('pieces-health-reason');
		reason.textContent = status.healthy ? '' : (status.healthReason || '');
		reason.hidden = status.healthy || !status.healthReason;
		text($('user-name'), status.user, 'not signed in');
		text($('pieces-version'), status.piecesOsVersion, 'unknown');
		text($('base-url'), status.baseUrl, 'not discovered');
		const synced = $('assets-synced');
		synced.textContent = status.assetsSynced ? 'in sync' : 'syncing…';
		synced.classList.toggle('ok', status.assetsSynced);
		const list = $('streams');
		list.replaceChildren();
		STREAMS.filter((name) => status.streams[name]).forEach((name) => {
			const stream = status.streams[name];
			const item = document.createElement('li');
			item.id = 'stream-' + name;
			item.dataset.connected = String(stream.connected);
			const dot = document.createElement('span');
			dot.className = 'dot' + (stream.connected ? ' on' : (stream.state === 'CONNECTING' ? ' wait' : ''));
			const label = document.createElement('span');
			label.className = 'name';
			label.textContent = name;
			const state = document.createElement('span');
			state.className = 'state';
			state.textContent = stream.connected ? 'connected'
				: stream.state.toLowerCase() + (stream.reconnectAttempts ? ' · retry ' + stream.reconnectAttempts : '');
			item.append(dot, label, state);
			list.append(item);
		});
	}

	// ---- assets and conversations

	function renderItems(map, listId, emptyId, countId, describe) {
		const list = $(listId);
		const sorted = Array.from(map.values()).sort(byUpdatedDesc);
		list.replaceChildren();
		sorted.forEach((item) => {
			const li = describe(item);
			li.dataset.id = item.id;
			li.tabIndex = 0;
			if (item.fresh) {
				li.classList.add('fresh');
				item.fresh = false;
			}
			list.append(li);
		});
		$(countId).textContent = String(sorted.length);
		$(emptyId).hidden = sorted.length > 0;
	}

	function assetItem(asset) {
		const li = document.createElement('li');
		const title = document.createElement('span');
		title.className = 'title';
		title.textContent = asset.name || '(unnamed asset)';
		title.title = asset.id;
		const lang = document.createElement('span');
		lang.className = 'lang';
		lang.textContent = asset.language || 'text';
		const at = document.createElement('span');
		at.className = 'when';
		at.textContent = when(asset.updated);
		li.append(title, lang, at);
		return li;
	}

	function conversationItem(conversation) {
		const li = document.createElement('li');
		const title = document.createElement('span');
		title.className = 'title';
		title.textContent = conversation.name || '(untitled conversation)';
		title.title = conversation.id;
		const at = document.createElement('span');
		at.className = 'when';
		at.textContent = when(conversation.updated);
		li.append(title, at);
		return li;
	}

	function renderAssets() {
		renderItems(assets, 'asset-list', 'assets-empty', 'asset-count', assetItem);
		markSelected('asset-list', openAssetId);
	}

	function renderConversations() {
		renderItems(conversations, 'conversation-list', 'conversations-empty', 'conversation-count', conversationItem);
		markSelected('conversation-list', openConversationId);
	}

	function markSelected(listId, id) {
		Array.from($(listId).children).forEach((li) => li.classList.toggle('selected', li.dataset.id === id));
	}

	// ---- calls to the sample's REST API (errors are problem details)

	async function call(method, path, body) {
		const response = await fetch(path, {
			method: method,
			headers: body ? { 'Content-Type': 'application/json' } : {},
			body: body ? JSON.stringify(body) : undefined,
		});
		if (!response.ok) {
			let message = 'HTTP ' + response.status;
			try {
				const problem = await response.json();
				message = problem.detail || message;
			}
			catch (ignored) {
				// not a problem detail: keep the status
			}
			throw new Error(message);
		}
		return response.status === 204 ? null : response.json();
	}

	function note(id, message, isError) {
		const el = $(id);
		el.textContent = message;
		el.hidden = !message;
		el.classList.toggle('error', !!isError);
	}

	// Runs an action of a form or panel: disables its buttons meanwhile and reports a failure next to them.
	async function act(statusId, buttons, action) {
		buttons.forEach((button) => { button.disabled = true; });
		note(statusId, '', false);
		try {
			await action();
		}
		catch (error) {
			note(statusId, error.message, true);
		}
		finally {
			buttons.forEach((button) => { button.disabled = false; });
		}
	}

	// ---- one asset: its code, rename, change the code, delete

	async function openAsset(id) {
		openAssetId = id;
		markSelected('asset-list', id);
		const panel = $('asset-detail');
		panel.hidden = false;
		panel.dataset.id = id;
		panel.dataset.state = 'loading';
		note('asset-status', 'Loading…', false);
		try {
			const asset = await call('GET', 'api/assets/' + encodeURIComponent(id));
			if (openAssetId !== id) {
				return;
			}
			showAsset(asset);
		}
		catch (error) {
			panel.dataset.state = 'error';
			note('asset-status', error.message, true);
		}
	}

	function showAsset(asset) {
		$('asset-name').value = asset.name || '';
		$('asset-text').value = asset.text || '';
		$('asset-meta').textContent = (asset.language || 'text') + ' · updated ' + when(asset.updated);
		$('asset-detail').dataset.state = 'open';
		note('asset-status', '', false);
	}

	function closeAsset() {
		openAssetId = null;
		$('asset-detail').hidden = true;
		markSelected('asset-list', null);
	}

	const assetButtons = () => ['asset-rename', 'asset-delete', 'asset-save-text'].map($);

	function patchAsset(change) {
		const id = openAssetId;
		return act('asset-status', assetButtons(), async () => {
			showAsset(await call('PATCH', 'api/assets/' + encodeURIComponent(id), change));
			note('asset-status', 'Saved.', false);
		});
	}

	function deleteAsset() {
		const id = openAssetId;
		return act('asset-status', assetButtons(), async () => {
			await call('DELETE', 'api/assets/' + encodeURIComponent(id));
			assets.delete(id);
			closeAsset();
			renderAssets();
		});
	}

	// ---- save a snippet

	function save(event) {
		event.preventDefault();
		const text = $('save-text').value;
		if (!text.trim()) {
			return;
		}
		const body = { name: $('save-name').value.trim() || null, text: text,
			language: $('save-language').value.trim() || null };
		return act('save-status', [$('save-button')], async () => {
			const saved = await call('POST', 'api/assets', body);
			$('save-form').reset();
			note('save-status', 'Saved as ' + (saved.name || saved.id) + '.', false);
			$('save-form').dataset.saved = saved.id;
		});
	}

	// ---- search

	function search(event) {
		event.preventDefault();
		const query = $('search-query').value.trim();
		if (!query) {
			return;
		}
		const mode = $('search-mode').value;
		return act('search-status', [$('search-button')], async () => {
			const hits = await call('GET', 'api/search?q=' + encodeURIComponent(query) + '&mode=' + mode);
			const list = $('search-results');
			list.replaceChildren();
			hits.forEach((hit) => {
				const li = document.createElement('li');
				li.dataset.id = hit.id;
				li.tabIndex = 0;
				const title = document.createElement('span');
				title.className = 'title';
				title.textContent = hit.name || '(unnamed asset)';
				const score = document.createElement('span');
				score.className = 'score';
				score.textContent = typeof hit.score === 'number' ? hit.score.toFixed(2) : '';
				li.append(title, score);
				list.append(li);
			});
			list.hidden = hits.length === 0;
			note('search-status', hits.length ? hits.length + ' match' + (hits.length === 1 ? '' : 'es') + ' for “' + query + '”'
				: 'Nothing matches “' + query + '”.', false);
		});
	}

	// ---- one conversation: its messages, rename, delete

	async function openConversation(id) {
		openConversationId = id;
		markSelected('conversation-list', id);
		const panel = $('conversation-detail');
		panel.hidden = false;
		panel.dataset.id = id;
		panel.dataset.state = 'loading';
		const known = conversations.get(id);
		$('conversation-name').value = known && known.name ? known.name : '';
		note('conversation-status', 'Loading…', false);
		try {
			const messages = await call('GET', 'api/conversations/' + encodeURIComponent(id) + '/messages');
			if (openConversationId !== id) {
				return;
			}
			const list = $('conversation-messages');
			list.replaceChildren();
			messages.forEach((message) => {
				const li = document.createElement('li');
				li.dataset.role = message.role;
				const role = document.createElement('span');
				role.className = 'role';
				role.textContent = message.role + (message.created ? ' · ' + when(message.created) : '');
				li.append(role, document.createTextNode(message.text || ''));
				list.append(li);
			});
			note('conversation-status', messages.length ? '' : 'No messages yet.', false);
			panel.dataset.state = 'open';
		}
		catch (error) {
			panel.dataset.state = 'error';
			note('conversation-status', error.message, true);
		}
	}

	function closeConversation() {
		openConversationId = null;
		$('conversation-detail').hidden = true;
		markSelected('conversation-list', null);
	}

	const conversationButtons = () => ['conversation-rename', 'conversation-delete'].map($);

	function renameConversation() {
		const id = openConversationId;
		const name = $('conversation-name').value.trim();
		if (!name) {
			return;
		}
		return act('conversation-status', conversationButtons(), async () => {
			const renamed = await call('PATCH', 'api/conversations/' + encodeURIComponent(id), { name: name });
			$('conversation-name').value = renamed.name || name;
			note('conversation-status', 'Renamed.', false);
		});
	}

	function deleteConversation() {
		const id = openConversationId;
		return act('conversation-status', conversationButtons(), async () => {
			await call('DELETE', 'api/conversations/' + encodeURIComponent(id));
			conversations.delete(id);
			closeConversation();
			renderConversations();
		});
	}

	// a click or Enter on a list item opens it
	function opensItems(listId, open) {
		const list = $(listId);
		const handler = (event) => {
			const li = event.target.closest('li[data-id]');
			if (li && (event.type === 'click' || event.key === 'Enter')) {
				open(li.dataset.id);
			}
		};
		list.addEventListener('click', handler);
		list.addEventListener('keydown', handler);
	}

	function replaceAll(map, items) {
		map.clear();
		items.forEach((item) => map.set(item.id, item));
	}

	// ---- the live feed

	function connectFeed() {
		const feed = new EventSource('api/events');
		const on = (name, handler) => feed.addEventListener(name, (event) => handler(JSON.parse(event.data)));
		feed.onopen = () => text($('feed-state'), 'connected', '');
		feed.onerror = () => text($('feed-state'), null, 'reconnecting…');
		on('status', renderStatus);
		on('assets', (items) => { replaceAll(assets, items); renderAssets(); });
		on('conversations', (items) => { replaceAll(conversations, items); renderConversations(); });
		on('asset-updated', (asset) => {
			asset.fresh = !assets.has(asset.id) || assets.get(asset.id).updated !== asset.updated;
			assets.set(asset.id, asset);
			renderAssets();
		});
		on('asset-removed', (removed) => {
			assets.delete(removed.id);
			if (openAssetId === removed.id) {
				closeAsset();
			}
			renderAssets();
		});
		on('conversation-updated', (conversation) => {
			conversation.fresh = true;
			conversations.set(conversation.id, conversation);
			renderConversations();
		});
		on('conversation-removed', (removed) => {
			conversations.delete(removed.id);
			if (openConversationId === removed.id) {
				closeConversation();
			}
			renderConversations();
		});
	}

	// ---- the copilot box

	// Parses a text/event-stream body: calls handler(eventName, data) for every event.
	async function readEvents(response, handler) {
		const reader = response.body.getReader();
		const decoder = new TextDecoder();
		let buffer = '';
		for (;;) {
			const { value, done } = await reader.read();
			buffer += decoder.decode(value || new Uint8Array(), { stream: !done });
			let end;
			while ((end = buffer.search(/\r?\n\r?\n/)) >= 0) {
				const block = buffer.slice(0, end);
				buffer = buffer.slice(end).replace(/^\r?\n\r?\n/, '');
				let name = 'message';
				const data = [];
				block.split(/\r?\n/).forEach((line) => {
					if (line.startsWith('event:')) {
						name = line.slice(6).trim();
					}
					else if (line.startsWith('data:')) {
						data.push(line.slice(5).replace(/^ /, ''));
					}
				});
				if (data.length) {
					handler(name, JSON.parse(data.join('\n')));
				}
			}
			if (done) {
				return;
			}
		}
	}

	function setAnswerStatus(message, isError) {
		const status = $('answer-status');
		status.textContent = message;
		status.className = isError ? 'error' : 'muted';
	}

	async function ask(event) {
		event.preventDefault();
		const question = $('question').value.trim();
		if (!question) {
			return;
		}
		const button = $('ask-button');
		const answer = $('answer');
		const followUp = $('follow-up').checked && conversationId;
		button.disabled = true;
		answer.textContent = '';
		answer.dataset.chunks = '0';
		answer.classList.add('streaming');
		answer.dataset.state = 'streaming';
		setAnswerStatus('Streaming the answer…', false);
		let finished = false;
		try {
			const response = await fetch('api/ask', {
				method: 'POST',
				headers: { 'Content-Type': 'application/json', 'Accept': 'text/event-stream' },
				body: JSON.stringify({ question: question, conversation: followUp ? conversationId : null }),
			});
			if (!response.ok) {
				throw new Error('HTTP ' + response.status);
			}
			await readEvents(response, (name, data) => {
				if (name === 'chunk') {
					answer.textContent += data.text;
					answer.dataset.chunks = String(Number(answer.dataset.chunks) + 1);
					answer.scrollTop = answer.scrollHeight;
				}
				else if (name === 'done') {
					finished = true;
					answer.textContent = data.answer;
					answer.dataset.state = 'done';
					conversationId = data.conversation;
					$('conversation-id').textContent = conversationId ? conversationId.slice(0, 8) : '';
					$('follow-up').disabled = !conversationId;
					$('follow-up').checked = !!conversationId;
					setAnswerStatus('Answered' + (followUp ? ' (follow-up in the same conversation).' : '.'), false);
				}
				else if (name === 'error') {
					finished = true;
					answer.dataset.state = 'error';
					setAnswerStatus('The copilot could not answer: ' + data.message, true);
				}
			});
			if (!finished) {
				answer.dataset.state = 'error';
				setAnswerStatus('The answer stream ended early.', true);
			}
		}
		catch (error) {
			answer.dataset.state = 'error';
			setAnswerStatus('Could not ask the copilot: ' + error.message, true);
		}
		finally {
			answer.classList.remove('streaming');
			button.disabled = false;
		}
	}

	$('ask-form').addEventListener('submit', ask);
	$('question').addEventListener('keydown', (event) => {
		if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
			ask(event);
		}
	});
	$('save-form').addEventListener('submit', save);
	$('search-form').addEventListener('submit', search);
	opensItems('asset-list', openAsset);
	opensItems('search-results', openAsset);
	opensItems('conversation-list', openConversation);
	$('asset-rename').addEventListener('click', () => {
		const name = $('asset-name').value.trim();
		if (name) {
			patchAsset({ name: name });
		}
	});
	$('asset-save-text').addEventListener('click', () => patchAsset({ text: $('asset-text').value }));
	$('asset-delete').addEventListener('click', deleteAsset);
	$('asset-close').addEventListener('click', closeAsset);
	$('conversation-rename').addEventListener('click', renameConversation);
	$('conversation-delete').addEventListener('click', deleteConversation);
	$('conversation-close').addEventListener('click', closeConversation);
	setInterval(() => { renderAssets(); renderConversations(); }, 60000);
	connectFeed();
})();
