// The sample page: plain JavaScript, no build step. Live data comes from GET /api/events
// (server-sent events), copilot answers from POST /api/ask (server-sent events over fetch).
(function () {
	'use strict';

	const STREAMS = ['health', 'user', 'assets', 'conversations', 'qgpt', 'ltm', 'anchors', 'ranges', 'summaries'];
	const $ = (id) => document.getElementById(id);
	const assets = new Map();
	const conversations = new Map();
	let conversationId = null;

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

	const renderAssets = () => renderItems(assets, 'asset-list', 'assets-empty', 'asset-count', assetItem);
	const renderConversations = () => renderItems(conversations, 'conversation-list', 'conversations-empty',
		'conversation-count', conversationItem);

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
		on('asset-removed', (removed) => { assets.delete(removed.id); renderAssets(); });
		on('conversation-updated', (conversation) => {
			conversation.fresh = true;
			conversations.set(conversation.id, conversation);
			renderConversations();
		});
		on('conversation-removed', (removed) => { conversations.delete(removed.id); renderConversations(); });
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
	setInterval(() => { renderAssets(); renderConversations(); }, 60000);
	connectFeed();
})();
