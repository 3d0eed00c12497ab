// Live list of pipeline events, fed by the server-sent events of /stream.
// Event text is untrusted: it is only ever set with textContent, never parsed as markup.
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
  const INITIAL_REPLAY = 100;
  const MAX_ROWS = 500;
  const RETRY_AFTER_CLOSE_MS = 5000;

  const rows = document.getElementById('events');
  const empty = document.getElementById('empty');
  const connection = document.getElementById('connection');
  const filterLabel = document.getElementById('filter-label');
  const clearFilter = document.getElementById('clear-filter');
  const count = document.getElementById('count');

  // Incident id per fingerprint, so that a fault row joins the incident opened for it.
  const incidentOfFingerprint = new Map();
  let shownGroup = null;
  let lastEventId = null;

  const text = (value) => (value === undefined || value === null ? '' : String(value));

  const SUMMARIES = {
    'faults.detected': (e) =>
      `${text(e.trigger)} ${text(e.faultClass)} x${text(e.count)}: ${text(e.template)}`,
    'incidents.created': (e) => `${text(e.severity)} ${text(e.title)}`,
    'incidents.updated': (e) =>
      `${text(e.previousStatus) || '-'} -> ${text(e.status)}${e.reason ? ': ' + e.reason : ''}`,
    'analysis.completed': (e) =>
      `${text(e.rootCause)} (${Math.round(Number(e.confidence) * 100)}% by ${text(e.method)})`,
    'patch.proposed': (e) => `${text(e.outcome)}: ${text(e.summary)}`,
    'deploy.requested': (e) =>
      `${text(e.action)} ${text(e.commitSha).slice(0, 12) || text(e.image)}` +
      ` by ${text(e.requestedBy)}`,
    'deploy.completed': (e) =>
      `${text(e.action)} ${text(e.outcome)}${e.detail ? ': ' + e.detail : ''}`,
  };

  function setState(state) {
    connection.textContent = state;
    connection.className = `state state-${state}`;
  }

  function groupOf(event, subject) {
    if (event.incidentId && event.fingerprint && !incidentOfFingerprint.has(event.fingerprint)) {
      incidentOfFingerprint.set(event.fingerprint, text(event.incidentId));
      regroup(text(event.fingerprint), text(event.incidentId));
    }
    if (event.incidentId) {
      return text(event.incidentId);
    }
    return incidentOfFingerprint.get(event.fingerprint) || text(subject);
  }

  // Fault rows that arrived before their incident join it once it is known.
  function regroup(fingerprint, incidentId) {
    for (const tr of rows.children) {
      if (tr.dataset.group === fingerprint) {
        tr.dataset.group = incidentId;
        tr.replaceChild(tagCell(incidentId, incidentId, fingerprint), tr.querySelector('td.group'));
      }
    }
    if (shownGroup === fingerprint) {
      showOnly(incidentId);
    }
  }

  function hue(key) {
    let hash = 0;
    for (let i = 0; i < key.length; i++) {
      hash = (hash * 31 + key.charCodeAt(i)) | 0;
    }
    return Math.abs(hash) % 360;
  }

  function cell(className, content) {
    const td = document.createElement('td');
    td.className = className;
    td.textContent = content;
    return td;
  }

  function tagCell(group, incidentId, fingerprint) {
    const td = document.createElement('td');
    td.className = 'group';
    const tag = document.createElement('button');
    tag.type = 'button';
    tag.className = 'tag';
    tag.textContent = group.length > 16 ? group.slice(0, 8) : group;
    tag.title = [
      incidentId ? `incident ${incidentId}` : '',
      fingerprint ? `fingerprint ${fingerprint}` : '',
      'click to show only this incident',
    ].filter(Boolean).join('\n');
    tag.style.backgroundColor = `hsl(${hue(group)} 70% 85%)`;
    tag.addEventListener('click', () => showOnly(group));
    td.appendChild(tag);
    return td;
  }

  function summaryCell(topic, event) {
    const summarize = SUMMARIES[topic];
    const td = cell('summary', summarize ? summarize(event) : '');
    if (event.dryRun === true) {
      const marker = document.createElement('span');
      marker.className = 'dry-run';
      marker.textContent = 'dry run';
      td.appendChild(marker);
    }
    return td;
  }

  function timeOf(event) {
    const at = new Date(event.occurredAt);
    return Number.isNaN(at.getTime()) ? text(event.occurredAt) : at.toLocaleTimeString();
  }

  function addRow(envelope) {
    const { topic, subject, event } = envelope;
    const group = groupOf(event, subject);
    const tr = document.createElement('tr');
    tr.dataset.group = group;
    tr.title = text(event.occurredAt);
    tr.append(
      cell('time', timeOf(event)),
      cell('stage', text(topic)),
      cell('service', text(event.service)),
      tagCell(group, text(event.incidentId), text(event.fingerprint)),
      summaryCell(topic, event),
    );
    tr.hidden = shownGroup !== null && shownGroup !== group;
    rows.prepend(tr);
    while (rows.childElementCount > MAX_ROWS) {
      rows.lastElementChild.remove();
    }
    empty.hidden = true;
    count.textContent = `${rows.childElementCount} events shown`;
  }

  function showOnly(group) {
    shownGroup = group;
    for (const tr of rows.children) {
      tr.hidden = group !== null && tr.dataset.group !== group;
    }
    filterLabel.textContent = group === null ? 'All incidents' : `Only ${group}`;
    clearFilter.hidden = group === null;
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
    addRow(envelope);
  }

  function connect() {
    // A browser reconnects by itself with Last-Event-ID; after a refused connection it gives up,
    // and this page opens a new one from the last id it saw.
    const url = lastEventId
      ? `stream?lastEventId=${encodeURIComponent(lastEventId)}`
      : `stream?replay=${INITIAL_REPLAY}`;
    const source = new EventSource(url);
    source.onopen = () => setState('connected');
    source.onerror = () => {
      if (source.readyState === EventSource.CLOSED) {
        setState('closed');
        setTimeout(connect, RETRY_AFTER_CLOSE_MS);
      } else {
        setState('reconnecting');
      }
    };
    for (const topic of TOPICS) {
      source.addEventListener(topic, onPipelineEvent);
    }
  }

  clearFilter.addEventListener('click', () => showOnly(null));
  connect();
})();
