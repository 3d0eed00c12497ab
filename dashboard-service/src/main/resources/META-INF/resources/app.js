// The operations console: login, incident board, incident detail with actions, figures, deploys
// and the live event list, kept current by the server-sent events of /stream.
// Every text that comes from events or the API is set with textContent, never parsed as markup.
'use strict';

(() => {
  const TOPICS = [
    'faults.detected',
    'incidents.created',
    'incidents.updated',
    'analysis.completed',
    'patch.proposed',
    'deploy.requested',
    'deploy.completed',
  ];
  const STAGE_NAMES = {
    'faults.detected': 'fault detected',
    'incidents.created': 'incident opened',
    'incidents.updated': 'incident updated',
    'analysis.completed': 'analysed',
    'patch.proposed': 'patch proposed',
    'deploy.requested': 'deploy requested',
    'deploy.completed': 'deploy completed',
  };
  const CLOSED_STATUSES = new Set(['RESOLVED']);
  const INITIAL_REPLAY = 50;
  const MAX_EVENT_ROWS = 200;
  const MAX_TEXT = 400;
  const REFRESH_DELAY_MS = 400;
  const RETRY_AFTER_CLOSE_MS = 3000;

  const $ = (id) => document.getElementById(id);
  const text = (value) => (value === undefined || value === null ? '' : String(value));
  const clip = (value) => {
    const s = text(value);
    return s.length > MAX_TEXT ? `${s.slice(0, MAX_TEXT)}…` : s;
  };

  let person = null;
  let source = null;
  let lastEventId = null;
  let incidents = [];
  let openIncident = null;
  let refreshTimer = null;
  let automationPaused = null;

  // ---- helpers ---------------------------------------------------------------------------------

  function element(name, className, content) {
    const el = document.createElement(name);
    if (className) {
      el.className = className;
    }
    if (content !== undefined) {
      el.textContent = text(content);
    }
    return el;
  }

  function cell(content, className) {
    return element('td', className, content);
  }

  function parseTime(value) {
    const at = new Date(value);
    return Number.isNaN(at.getTime()) ? null : at;
  }

  function duration(ms) {
    if (ms === null || ms === undefined || Number.isNaN(ms)) {
      return '–';
    }
    const s = Math.round(ms / 1000);
    if (s < 60) {
      return `${s}s`;
    }
    if (s < 3600) {
      return `${Math.floor(s / 60)}m ${s % 60}s`;
    }
    if (s < 86400) {
      return `${Math.floor(s / 3600)}h ${Math.floor((s % 3600) / 60)}m`;
    }
    return `${Math.floor(s / 86400)}d ${Math.floor((s % 86400) / 3600)}h`;
  }

  function between(from, to) {
    const a = parseTime(from);
    const b = parseTime(to);
    return a && b ? b.getTime() - a.getTime() : null;
  }

  function timeOf(value) {
    const at = parseTime(value);
    return at ? at.toLocaleString() : text(value);
  }

  async function api(path, options) {
    const response = await fetch(path, Object.assign({ credentials: 'same-origin' }, options));
    if (response.status === 401) {
      showLogin('Your session has ended; log in again.');
      throw new Error('not logged in');
    }
    return response;
  }

  async function json(path) {
    const response = await api(path);
    if (!response.ok) {
      throw new Error(`${path}: ${response.status}`);
    }
    return response.json();
  }

  async function post(path, body) {
    return api(path, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    });
  }

  // ---- login -----------------------------------------------------------------------------------

  function showLogin(message) {
    person = null;
    closeStream();
    $('app').hidden = true;
    $('who').hidden = true;
    $('login').hidden = false;
    $('login-error').textContent = text(message);
    setState('logged out');
    $('token').focus();
  }

  function showApp(me) {
    person = me;
    $('login').hidden = true;
    $('app').hidden = false;
    $('who').hidden = false;
    $('who-name').textContent = text(me.name);
    $('who-role').textContent = text(me.role);
    for (const el of document.querySelectorAll('.operator-only')) {
      el.hidden = !me.operator;
    }
    refreshAll();
    connect();
  }

  async function boot() {
    const response = await fetch('api/me', { credentials: 'same-origin' });
    if (response.ok) {
      showApp(await response.json());
    } else {
      showLogin('');
    }
  }

  $('login-form').addEventListener('submit', async (submitted) => {
    submitted.preventDefault();
    const token = $('token').value;
    const response = await fetch('login', {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ token }),
    });
    $('token').value = '';
    if (!response.ok) {
      $('login-error').textContent = 'That token is not known.';
      return;
    }
    showApp(await response.json());
  });

  $('logout').addEventListener('click', async () => {
    await fetch('logout', { method: 'POST', credentials: 'same-origin' });
    showLogin('Logged out.');
  });

  // ---- board -----------------------------------------------------------------------------------

  function matches(incident) {
    const status = $('filter-status').value;
    const severity = $('filter-severity').value;
    const service = $('filter-service').value;
    const query = $('filter-query').value.trim().toLowerCase();
    if (status === 'open' && CLOSED_STATUSES.has(incident.status)) {
      return false;
    }
    if (status && status !== 'open' && incident.status !== status) {
      return false;
    }
    if (severity && incident.severity !== severity) {
      return false;
    }
    if (service && incident.service !== service) {
      return false;
    }
    if (!query) {
      return true;
    }
    return [incident.title, incident.service, incident.fingerprint, incident.faultClass, incident.id]
      .map(text)
      .join(' ')
      .toLowerCase()
      .includes(query);
  }

  function statusPill(status) {
    return element('span', `pill status-${text(status).toLowerCase()}`, status || 'unknown');
  }

  function renderServices() {
    const select = $('filter-service');
    const chosen = select.value;
    const services = [...new Set(incidents.map((i) => text(i.service)).filter(Boolean))].sort();
    const options = [element('option', null, 'all')];
    options[0].value = '';
    for (const service of services) {
      const option = element('option', null, service);
      option.value = service;
      options.push(option);
    }
    select.replaceChildren(...options);
    select.value = services.includes(chosen) ? chosen : '';
  }

  function renderBoard() {
    const rows = [];
    const now = Date.now();
    for (const incident of incidents.filter(matches)) {
      const tr = document.createElement('tr');
      tr.dataset.id = text(incident.id);
      tr.dataset.status = text(incident.status);
      const statusCell = cell();
      statusCell.appendChild(statusPill(incident.status));
      const titleCell = cell('', 'title');
      const open = element('button', 'link', incident.title || incident.fingerprint || incident.id);
      open.type = 'button';
      open.addEventListener('click', () => {
        location.hash = `incident/${incident.id}`;
      });
      titleCell.appendChild(open);
      const opened = parseTime(incident.openedAt);
      tr.append(
        statusCell,
        cell(incident.severity, `severity severity-${text(incident.severity).toLowerCase()}`),
        cell(incident.service),
        titleCell,
        cell(incident.occurrences === null ? '' : `${incident.occurrences}×`),
        cell(opened ? duration(now - opened.getTime()) : '', 'age'),
      );
      rows.push(tr);
    }
    $('incidents').replaceChildren(...rows);
    $('board-empty').hidden = rows.length > 0;
    $('board-count').textContent = `${rows.length} of ${incidents.length} shown`;
  }

  async function loadBoard() {
    incidents = await json('api/incidents?limit=500');
    renderServices();
    renderBoard();
  }

  for (const id of ['filter-status', 'filter-severity', 'filter-service', 'filter-query']) {
    $(id).addEventListener('input', renderBoard);
  }

  // ---- detail ----------------------------------------------------------------------------------

  function facts(incident) {
    const parts = [
      `status ${text(incident.status)}`,
      `severity ${text(incident.severity)}`,
      `service ${text(incident.service)}`,
      `fault class ${text(incident.faultClass)}`,
      `fingerprint ${text(incident.fingerprint)}`,
      `${text(incident.occurrences)} occurrences`,
      `opened ${timeOf(incident.openedAt)}`,
    ];
    return parts.join(' · ');
  }

  function stageItem(name, at, since) {
    const li = element('li', at ? 'reached' : 'pending');
    li.append(element('span', 'stage-name', name));
    li.append(element('span', 'stage-time', at ? timeOf(at) : 'not yet'));
    if (at && since) {
      li.append(element('span', 'stage-took', `after ${duration(between(since, at))}`));
    }
    return li;
  }

  function renderStages(incident) {
    const stages = [
      ['first seen in logs', incident.firstSeen, null],
      ['incident opened', incident.openedAt, incident.firstSeen],
      ['analysed', incident.analysedAt, incident.openedAt],
      ['patch proposed', incident.proposedAt, incident.analysedAt || incident.openedAt],
      ['deploy requested', incident.deployRequestedAt, incident.proposedAt],
      ['deployed', incident.deployedAt, incident.deployRequestedAt],
      ['resolved', incident.resolvedAt, incident.openedAt],
    ];
    $('detail-stages').replaceChildren(...stages.map(([n, at, since]) => stageItem(n, at, since)));
  }

  function definitionList(pairs) {
    const dl = element('dl', 'pairs');
    for (const [term, value] of pairs) {
      if (value === undefined || value === null || value === '') {
        continue;
      }
      dl.append(element('dt', null, term), element('dd', null, clip(value)));
    }
    return dl;
  }

  function renderAnalysis(analysis) {
    const box = $('detail-analysis');
    if (!analysis) {
      box.replaceChildren(element('p', 'muted', 'No analysis yet.'));
      return;
    }
    const parts = [
      definitionList([
        ['Root cause', analysis.rootCause],
        ['Remediation', analysis.remediation],
        ['Confidence', `${Math.round(Number(analysis.confidence) * 100)}% (${text(analysis.method)})`],
      ]),
    ];
    const evidence = Array.isArray(analysis.evidence) ? analysis.evidence : [];
    if (evidence.length > 0) {
      const list = element('ul', 'evidence');
      for (const item of evidence) {
        const li = element('li');
        li.append(element('strong', null, `${text(item.kind)} ${text(item.reference)}`));
        li.append(element('span', 'muted', ` score ${Number(item.score).toFixed(2)}`));
        li.append(element('pre', 'excerpt', clip(item.excerpt)));
        list.append(li);
      }
      parts.push(list);
    }
    box.replaceChildren(...parts);
  }

  function diffView(diff) {
    const pre = element('pre', 'diff');
    pre.tabIndex = 0;
    pre.setAttribute('aria-label', 'patch diff');
    for (const line of text(diff).split('\n')) {
      let kind = 'diff-context';
      if (line.startsWith('+++') || line.startsWith('---') || line.startsWith('diff ')) {
        kind = 'diff-file';
      } else if (line.startsWith('@@')) {
        kind = 'diff-hunk';
      } else if (line.startsWith('+')) {
        kind = 'diff-add';
      } else if (line.startsWith('-')) {
        kind = 'diff-del';
      }
      pre.append(element('span', kind, `${line}\n`));
    }
    return pre;
  }

  function safeLink(url) {
    const value = text(url);
    if (!/^https?:\/\//i.test(value)) {
      return element('span', null, value);
    }
    const a = element('a', null, value);
    a.href = value;
    a.rel = 'noopener noreferrer';
    a.target = '_blank';
    return a;
  }

  function renderPatch(patch) {
    const box = $('detail-patch');
    if (!patch) {
      box.replaceChildren(element('p', 'muted', 'No patch yet.'));
      return;
    }
    const parts = [
      definitionList([
        ['Outcome', patch.outcome],
        ['Summary', patch.summary],
        ['Branch', patch.branch],
        ['Commit', patch.commitSha],
        ['Validated', patch.validated ? 'yes' : 'no'],
        ['Needs approval', patch.approvalRequired ? 'yes' : 'no'],
      ]),
    ];
    if (patch.pullRequestUrl) {
      const p = element('p', null, 'Pull request: ');
      p.append(safeLink(patch.pullRequestUrl));
      parts.push(p);
    }
    if (patch.diff) {
      parts.push(diffView(patch.diff));
    }
    box.replaceChildren(...parts);
  }

  function renderDeploy(deploy) {
    const box = $('detail-deploy');
    if (!deploy) {
      box.replaceChildren(element('p', 'muted', 'No deploy yet.'));
      return;
    }
    const verification = deploy.verification || {};
    box.replaceChildren(
      definitionList([
        ['Outcome', `${text(deploy.action)} ${text(deploy.outcome)}${deploy.dryRun ? ' (dry run)' : ''}`],
        ['Revision', deploy.revision],
        ['Replaced', deploy.previousRevision],
        ['Verification window', verification.windowSeconds ? `${verification.windowSeconds}s` : ''],
        ['Occurrences in window', verification.windowSeconds ? verification.occurrences : ''],
        ['Fault gone', verification.windowSeconds ? (verification.faultGone ? 'yes' : 'no') : ''],
        ['Detail', deploy.detail],
      ]),
    );
  }

  const SUMMARIES = {
    'faults.detected': (e) =>
      `${text(e.trigger)} ${text(e.faultClass)} ×${text(e.count)}: ${text(e.template)}`,
    'incidents.created': (e) => `${text(e.severity)} ${text(e.title)}`,
    'incidents.updated': (e) =>
      `${text(e.previousStatus) || '–'} → ${text(e.status)}` +
      `${e.action ? ` (${text(e.action)} by ${text(e.actor)})` : ''}` +
      `${e.reason ? `: ${text(e.reason)}` : ''}`,
    'analysis.completed': (e) =>
      `${text(e.rootCause)} (${Math.round(Number(e.confidence) * 100)}% by ${text(e.method)})`,
    'patch.proposed': (e) => `${text(e.outcome)}: ${text(e.summary)}`,
    'deploy.requested': (e) =>
      `${text(e.action)} ${text(e.commitSha).slice(0, 12) || text(e.image)} by ${text(e.requestedBy)}` +
      `${e.reason ? `: ${text(e.reason)}` : ''}`,
    'deploy.completed': (e) =>
      `${text(e.action)} ${text(e.outcome)}${e.dryRun ? ' (dry run)' : ''}` +
      `${e.detail ? `: ${text(e.detail)}` : ''}`,
  };

  function summary(topic, event) {
    const summarize = SUMMARIES[topic];
    try {
      return clip(summarize ? summarize(event || {}) : '');
    } catch (e) {
      return '';
    }
  }

  function renderTimeline(entries) {
    const rows = [];
    let previous = null;
    for (const entry of Array.isArray(entries) ? entries : []) {
      const tr = document.createElement('tr');
      tr.dataset.topic = text(entry.topic);
      tr.append(
        cell(timeOf(entry.at), 'time'),
        cell(previous ? `+${duration(between(previous, entry.at))}` : '', 'took'),
        cell(STAGE_NAMES[entry.topic] || entry.topic, 'stage'),
        cell(summary(entry.topic, entry.event), 'summary'),
      );
      previous = entry.at;
      rows.push(tr);
    }
    $('detail-timeline').replaceChildren(...rows);
  }

  function renderDetail(incident) {
    $('detail-title').textContent = text(incident.title || incident.id);
    $('detail-facts').textContent = facts(incident);
    renderStages(incident);
    renderAnalysis(incident.analysis);
    renderPatch(incident.patch);
    renderDeploy(incident.deploy);
    renderTimeline(incident.timeline);
    $('detail').dataset.status = text(incident.status);
    $('detail').hidden = false;
  }

  async function loadDetail(focus) {
    if (!openIncident) {
      $('detail').hidden = true;
      return;
    }
    const response = await api(`api/incidents/${encodeURIComponent(openIncident)}`);
    if (response.status === 404 || response.status === 400) {
      $('detail-title').textContent = 'Unknown incident';
      $('detail').hidden = false;
      return;
    }
    renderDetail(await response.json());
    if (focus) {
      $('detail').focus();
    }
  }

  function route() {
    const match = /^#incident\/([0-9a-fA-F-]{36})$/.exec(location.hash);
    openIncident = match ? match[1] : null;
    $('action-result').textContent = '';
    if (person) {
      loadDetail(true).catch(() => {});
    }
  }

  window.addEventListener('hashchange', route);
  $('detail-close').addEventListener('click', () => {
    history.pushState(null, '', location.pathname + location.search);
    route();
    $('board').focus();
  });
  document.addEventListener('keydown', (pressed) => {
    if (pressed.key === 'Escape' && openIncident) {
      $('detail-close').click();
    }
  });

  for (const button of document.querySelectorAll('#detail-actions button[data-action]')) {
    button.addEventListener('click', async () => {
      const action = button.dataset.action;
      const result = $('action-result');
      result.textContent = `${action}: sending…`;
      const response = await post(`api/incidents/${openIncident}/${action}`, { text: $('action-text').value });
      let detail = '';
      try {
        const body = await response.json();
        detail = body.detail || body.error || body.title || '';
      } catch (e) {
        detail = '';
      }
      result.textContent = response.ok ? `${action}: done` : `${action} refused (${response.status}): ${detail}`;
      if (response.ok) {
        $('action-text').value = '';
      }
      scheduleRefresh();
    });
  }

  // ---- automation, figures, deploys ------------------------------------------------------------

  async function loadAutomation() {
    const response = await api('api/automation');
    const state = $('automation-state');
    if (!response.ok) {
      state.textContent = 'unknown';
      $('automation-detail').textContent = `the deployer did not answer (${response.status})`;
      automationPaused = null;
      $('automation-toggle').disabled = true;
      return;
    }
    const automation = await response.json();
    automationPaused = Boolean(automation.paused);
    state.textContent = automationPaused ? 'paused' : 'running';
    state.className = `pill ${automationPaused ? 'status-awaiting_approval' : 'status-resolved'}`;
    const by = automation.changedBy ? `by ${text(automation.changedBy)} at ${timeOf(automation.changedAt)}` : '';
    const config = automation.pausedByConfig ? 'paused by configuration' : '';
    $('automation-detail').textContent = [by, text(automation.reason), config].filter(Boolean).join(' · ');
    $('automation-toggle').textContent = automationPaused ? 'Resume automation' : 'Pause automation';
    $('automation-toggle').disabled = false;
  }

  $('automation-toggle').addEventListener('click', async () => {
    if (automationPaused === null) {
      return;
    }
    const response = await post('api/automation', { paused: !automationPaused, reason: 'from the dashboard' });
    if (!response.ok) {
      $('automation-detail').textContent = `refused (${response.status})`;
    }
    await loadAutomation();
  });

  function renderDurations(stats) {
    const durations = stats.durations || {};
    const rows = [];
    const row = (name, measures) => {
      const tr = document.createElement('tr');
      tr.append(cell(name));
      for (const measure of ['detect', 'propose', 'resolve']) {
        const m = (measures || {})[measure] || {};
        tr.append(cell(m.count ? `${duration(m.meanMs)} (${m.count})` : '–'));
      }
      return tr;
    };
    rows.push(row('all services', durations.overall));
    for (const [service, measures] of Object.entries(durations.perService || {})) {
      rows.push(row(service, measures));
    }
    $('durations').replaceChildren(...rows);
    const stages = Object.entries(stats.stages || {}).map(([topic, n]) => `${STAGE_NAMES[topic] || topic}: ${n}`);
    $('stage-counts').textContent = stages.length ? `Events per stage: ${stages.join(' · ')}` : '';
  }

  function renderCharts(stats) {
    const hours = Array.isArray(stats.openedPerHour) ? stats.openedPerHour : [];
    window.MeshCharts.bars(
      $('chart-opened'),
      hours.map((h, i) => {
        const at = parseTime(h.hour);
        const label = at && i % 4 === 0 ? `${at.getHours()}h` : '';
        return { label, value: Number(h.count) || 0, title: `${timeOf(h.hour)}: ${text(h.count)} opened` };
      }),
      'Incidents opened per hour over the last 24 hours',
    );
    const resolved = incidents
      .filter((i) => i.resolvedAt && i.openedAt)
      .slice(0, 30)
      .reverse();
    window.MeshCharts.bars(
      $('chart-resolve'),
      resolved.map((i) => ({
        label: '',
        value: between(i.openedAt, i.resolvedAt) / 60000,
        title: `${text(i.title)}: ${duration(between(i.openedAt, i.resolvedAt))}`,
      })),
      'Minutes from opening to resolution of the latest resolved incidents',
    );
  }

  async function loadStats() {
    const stats = await json('api/stats');
    renderDurations(stats);
    renderCharts(stats);
  }

  async function loadDeploys() {
    const deploys = await json('api/deploys?limit=20');
    const rows = deploys.map((deploy) => {
      const requested = deploy.requested || {};
      const completed = deploy.completed || {};
      const tr = document.createElement('tr');
      tr.append(
        cell(timeOf(requested.occurredAt || completed.occurredAt), 'time'),
        cell(requested.service || completed.service),
        cell(requested.action || completed.action),
        cell(requested.requestedBy),
        cell(completed.outcome ? `${text(completed.outcome)}${completed.dryRun ? ' (dry run)' : ''}` : 'pending'),
        cell(completed.revision),
      );
      return tr;
    });
    $('deploys').replaceChildren(...rows);
  }

  async function refreshAll() {
    await Promise.allSettled([loadBoard(), loadAutomation(), loadDeploys()]);
    await Promise.allSettled([loadStats(), loadDetail(false)]);
  }

  function scheduleRefresh() {
    if (refreshTimer !== null) {
      return;
    }
    refreshTimer = setTimeout(() => {
      refreshTimer = null;
      if (person) {
        refreshAll();
      }
    }, REFRESH_DELAY_MS);
  }

  // ---- live events -----------------------------------------------------------------------------

  function setState(state) {
    $('connection').textContent = state;
    $('connection').className = `state state-${state.replace(/\s/g, '-')}`;
    const banner = $('stream-banner');
    if (state === 'reconnecting' || state === 'closed') {
      banner.textContent = 'The live connection dropped; reconnecting. Figures may be out of date.';
      banner.hidden = false;
    } else {
      banner.hidden = true;
    }
  }

  function addEventRow(envelope) {
    const { topic, subject } = envelope;
    const event = envelope.event || {};
    const tr = document.createElement('tr');
    tr.dataset.topic = text(topic);
    tr.append(
      cell(timeOf(event.occurredAt), 'time'),
      cell(STAGE_NAMES[topic] || topic, 'stage'),
      cell(event.service),
      cell(text(subject).slice(0, 16), 'subject'),
      cell(summary(topic, event), 'summary'),
    );
    const rows = $('events');
    rows.prepend(tr);
    while (rows.childElementCount > MAX_EVENT_ROWS) {
      rows.lastElementChild.remove();
    }
    $('events-empty').hidden = true;
  }

  function onPipelineEvent(message) {
    let envelope;
    try {
      envelope = JSON.parse(message.data);
    } catch (e) {
      return;
    }
    if (!envelope || typeof envelope.event !== 'object' || envelope.event === null) {
      return;
    }
    lastEventId = message.lastEventId;
    addEventRow(envelope);
    scheduleRefresh();
  }

  function closeStream() {
    if (source) {
      source.close();
      source = null;
    }
  }

  function connect() {
    closeStream();
    // The browser reconnects by itself with Last-Event-ID; after a refused connection it gives up,
    // and the page opens a new one from the last id it saw (or asks for a new login).
    const url = lastEventId
      ? `stream?lastEventId=${encodeURIComponent(lastEventId)}`
      : `stream?replay=${INITIAL_REPLAY}`;
    const opened = new EventSource(url);
    source = opened;
    let wasDown = false;
    opened.onopen = () => {
      setState('connected');
      if (wasDown) {
        scheduleRefresh();
      }
    };
    opened.onerror = async () => {
      wasDown = true;
      if (opened.readyState !== EventSource.CLOSED) {
        setState('reconnecting');
        return;
      }
      setState('closed');
      try {
        const me = await fetch('api/me', { credentials: 'same-origin' });
        if (me.status === 401) {
          showLogin('Your session has ended; log in again.');
          return;
        }
      } catch (e) {
        // The service is unreachable; try again below.
      }
      setTimeout(() => {
        if (person && source === opened) {
          connect();
        }
      }, RETRY_AFTER_CLOSE_MS);
    };
    for (const topic of TOPICS) {
      opened.addEventListener(topic, onPipelineEvent);
    }
  }

  setInterval(() => {
    if (person) {
      renderBoard();
    }
  }, 30000);

  route();
  boot();
})();
