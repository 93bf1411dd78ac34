// vnews editor's page. Article text is only ever put into the page as text
// (textContent, text nodes): nothing from an article or a record is parsed
// as HTML. The Content-Security-Policy forbids inline script besides.
'use strict';

(function () {
  const TEXT = {
    vi: {
      tagline: 'Tóm tắt, thực thể và nhân vật của bài báo',
      input: 'Bài báo',
      paste: 'Dán bài báo vào đây, hoặc thả một tệp .txt hay .html',
      choose: 'Chọn tệp…',
      analyze: 'Phân tích',
      summary: 'Tóm tắt',
      length: 'Độ dài',
      bySentences: 'số câu',
      byWords: 'tối đa số chữ',
      sentencesLabel: 'Số câu',
      wordsLabel: 'Số chữ tối đa',
      copy: 'Sao chép tóm tắt',
      copied: 'Đã chép tóm tắt.',
      copyFailed: 'Không chép được; hãy chọn và chép thủ công.',
      download: 'Tải bản ghi JSON',
      article: 'Văn bản',
      legend: 'Thực thể (bỏ chọn để ẩn)',
      chosenLegend: 'câu được chọn vào tóm tắt',
      articleHelp: 'Di chuột hoặc dùng Tab để xem giá trị chuẩn hóa của thực thể.',
      people: 'Nhân vật',
      name: 'Họ tên', rank: 'Cấp bậc', position: 'Chức vụ', unit: 'Đơn vị', mentions: 'Lần nhắc',
      noPeople: 'Không tìm thấy nhân vật.',
      keywords: 'Từ khóa',
      noKeywords: 'Không có từ khóa.',
      noSummary: '(Không có câu nào cho tóm tắt.)',
      working: 'Đang phân tích…',
      done: 'Xong: {s} câu, {e} thực thể, {p} nhân vật.',
      empty: 'Hãy dán một bài báo hoặc chọn một tệp.',
      failed: 'Lỗi',
      network: 'Không kết nối được với máy chủ.',
      file: 'Tệp',
      title: 'Tiêu đề', published: 'Ngày đăng', author: 'Tác giả', stats: 'Thống kê',
      statsValue: '{s} câu · {w} từ · {c} ký tự',
      PERSON: 'Người', RANK: 'Cấp bậc', UNIT: 'Đơn vị', DATE: 'Ngày tháng', POSITION: 'Chức vụ', LOCATION: 'Địa danh',
      level: 'bậc', canonical: 'Dạng chuẩn', english: 'Tiếng Anh', value: 'Giá trị', kind: 'Loại', role: 'Vai trò', qualifier: 'Bổ nghĩa',
      other: 'Ngôn ngữ',
    },
    en: {
      tagline: 'Summary, entities and people of a news article',
      input: 'Article',
      paste: 'Paste an article here, or drop a .txt or .html file',
      choose: 'Choose file…',
      analyze: 'Analyze',
      summary: 'Summary',
      length: 'Length',
      bySentences: 'sentences',
      byWords: 'at most, syllables',
      sentencesLabel: 'Number of sentences',
      wordsLabel: 'Most syllables',
      copy: 'Copy summary',
      copied: 'Summary copied.',
      copyFailed: 'Could not copy; select and copy it by hand.',
      download: 'Download JSON record',
      article: 'Text',
      legend: 'Entities (untick to hide)',
      chosenLegend: 'sentence chosen for the summary',
      articleHelp: 'Hover or Tab to an entity to see its normalized value.',
      people: 'People',
      name: 'Name', rank: 'Rank', position: 'Position', unit: 'Unit', mentions: 'Mentions',
      noPeople: 'No people found.',
      keywords: 'Keywords',
      noKeywords: 'No keywords.',
      noSummary: '(No sentence for a summary.)',
      working: 'Analyzing…',
      done: 'Done: {s} sentences, {e} entities, {p} people.',
      empty: 'Paste an article or choose a file.',
      failed: 'Error',
      network: 'Cannot reach the server.',
      file: 'File',
      title: 'Title', published: 'Published', author: 'Author', stats: 'Counts',
      statsValue: '{s} sentences · {w} words · {c} characters',
      PERSON: 'Person', RANK: 'Rank', UNIT: 'Unit', DATE: 'Date', POSITION: 'Position', LOCATION: 'Place',
      level: 'level', canonical: 'Canonical', english: 'English', value: 'Value', kind: 'Kind', role: 'Role', qualifier: 'Qualifier',
      other: 'Language',
    },
  };
  const TYPES = ['PERSON', 'RANK', 'POSITION', 'UNIT', 'DATE', 'LOCATION'];

  const $ = (id) => document.getElementById(id);
  const input = $('article-input');
  const fileInput = $('file-input');
  const status = $('status');

  let lang = 'vi';
  try { lang = localStorage.getItem('vnews-lang') === 'en' ? 'en' : 'vi'; } catch (e) { /* storage off */ }
  let file = null;        // {name, bytes, type} of a chosen file, until the text is edited
  let record = null;      // the last record
  let downloadURL = null; // blob URL of the last record's JSON
  let request = 0;        // number of the latest request; older answers are dropped
  const hidden = new Set();

  function t(key, vars) {
    let s = TEXT[lang][key] ?? TEXT.vi[key] ?? key;
    if (vars) for (const k in vars) s = s.replace('{' + k + '}', String(vars[k]));
    return s;
  }

  function el(tag, cls, text) {
    const e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined && text !== null) e.textContent = text;
    return e;
  }

  function applyLanguage() {
    document.documentElement.lang = lang;
    for (const e of document.querySelectorAll('[data-i18n]')) e.textContent = t(e.dataset.i18n);
    for (const e of document.querySelectorAll('[data-i18n-label]')) e.setAttribute('aria-label', t(e.dataset.i18nLabel));
    const b = $('lang');
    b.textContent = lang === 'vi' ? 'English' : 'Tiếng Việt';
    b.lang = lang === 'vi' ? 'en' : 'vi';
    document.title = lang === 'vi' ? 'vnews — trang biên tập' : 'vnews — editor';
    if (record) render(record);
  }

  function setStatus(text, isError) {
    status.textContent = text;
    status.classList.toggle('error', !!isError);
  }

  function lengthParams() {
    const p = new URLSearchParams();
    if ($('mode-words').checked) {
      p.set('max_words', String(Math.max(1, parseInt($('len-words').value, 10) || 60)));
    } else {
      p.set('n', String(Math.max(1, parseInt($('len-n').value, 10) || 3)));
    }
    return p;
  }

  async function analyze() {
    let body, type;
    if (file) {
      body = file.bytes;
      type = file.type;
    } else {
      body = input.value;
      type = 'text/plain; charset=utf-8';
    }
    if (!file && body.trim() === '') {
      setStatus(t('empty'), true);
      input.focus();
      return;
    }
    const mine = ++request;
    setStatus(t('working'));
    $('analyze').disabled = true;
    let resp, text;
    try {
      resp = await fetch('/v1/analyze?' + lengthParams().toString(), {
        method: 'POST', headers: { 'Content-Type': type }, body: body,
      });
      text = await resp.text();
    } catch (e) {
      if (mine === request) { setStatus(t('network'), true); $('analyze').disabled = false; }
      return;
    }
    if (mine !== request) return;
    $('analyze').disabled = false;
    let data = null;
    try { data = JSON.parse(text); } catch (e) { /* below */ }
    if (!resp.ok || !data || data.error) {
      const err = data && data.error ? data.error : { code: String(resp.status), message: text.slice(0, 200) };
      setStatus(t('failed') + ' (' + err.code + '): ' + err.message, true);
      return;
    }
    record = data;
    if (downloadURL) URL.revokeObjectURL(downloadURL);
    downloadURL = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
    const a = $('download');
    a.href = downloadURL;
    a.download = (data.id && data.id !== 'stdin' ? data.id : 'vnews') + '.json';
    render(data);
    setStatus(t('done', { s: (data.sentences || []).length, e: (data.entities || []).length, p: (data.people || []).length }));
  }

  function render(rec) {
    $('results').hidden = false;
    $('copy-status').textContent = '';
    renderSummary(rec);
    renderMeta(rec);
    renderLegend(rec);
    renderArticle(rec);
    renderPeople(rec);
    renderKeywords(rec);
    document.body.dataset.renders = String((parseInt(document.body.dataset.renders, 10) || 0) + 1);
  }

  function renderSummary(rec) {
    const s = rec.summary && rec.summary.text ? rec.summary.text : '';
    const p = $('summary-text');
    p.textContent = s || t('noSummary');
    p.classList.toggle('hint', !s);
  }

  function renderMeta(rec) {
    const dl = $('meta');
    dl.replaceChildren();
    const add = (k, v) => { if (v) { dl.append(el('dt', null, t(k)), el('dd', null, v)); } };
    if (file) add('file', file.name);
    add('title', rec.title);
    add('published', rec.published);
    add('author', rec.author);
    if (rec.stats) add('stats', t('statsValue', { s: rec.stats.sentences, w: rec.stats.words, c: rec.stats.chars }));
  }

  function renderLegend(rec) {
    const box = $('legend-items');
    box.replaceChildren();
    const counts = {};
    for (const e of rec.entities || []) counts[e.type] = (counts[e.type] || 0) + 1;
    for (const type of TYPES.concat(Object.keys(counts).filter((x) => !TYPES.includes(x)))) {
      if (!counts[type]) continue;
      const label = el('label');
      const cb = document.createElement('input');
      cb.type = 'checkbox';
      cb.checked = !hidden.has(type);
      cb.dataset.type = type;
      cb.addEventListener('change', () => {
        if (cb.checked) hidden.delete(type); else hidden.add(type);
        $('article').classList.toggle('hide-' + type, !cb.checked);
      });
      label.append(cb, el('span', 'swatch ent-' + type), el('span', null, t(type)), el('span', 'count', '(' + counts[type] + ')'));
      box.append(label);
    }
  }

  // renderArticle builds the text as sentences (the summary's chosen ones
  // marked) holding entity spans. Offsets are code points.
  function renderArticle(rec) {
    const root = $('article');
    root.replaceChildren();
    for (const type of TYPES) root.classList.toggle('hide-' + type, hidden.has(type));
    const cps = Array.from(rec.text || '');
    const chosen = new Set(rec.summary ? rec.summary.sentences : []);
    const ents = (rec.entities || []).slice().sort((a, b) => a.start - b.start || b.end - a.end);
    const kept = [];
    let last = -1;
    for (const e of ents) {
      if (e.start >= last && e.end > e.start) { kept.push(e); last = e.end; }
    }
    const people = new Map((rec.people || []).map((p) => [p.ref, p]));
    let ei = 0;
    const slice = (a, b) => cps.slice(a, b).join('');
    const fill = (parent, a, b) => {
      while (ei < kept.length && kept[ei].start < b) {
        const e = kept[ei];
        if (e.start < a || e.end > b) { ei++; continue; } // across a sentence's edge: plain text
        if (e.start > a) parent.append(slice(a, e.start));
        parent.append(entityNode(e, slice(e.start, e.end), people));
        a = e.end;
        ei++;
      }
      if (b > a) parent.append(slice(a, b));
    };
    let pos = 0;
    const sents = (rec.sentences || []).map((s, i) => ({ s, i })).sort((x, y) => x.s.start - y.s.start);
    for (const { s, i } of sents) {
      if (s.start < pos) continue;
      fill(root, pos, s.start);
      const span = el('span', 'sent role-' + s.role + (chosen.has(i) ? ' chosen' : ''));
      span.dataset.sentence = String(i);
      fill(span, s.start, s.end);
      root.append(span);
      pos = s.end;
    }
    fill(root, pos, cps.length);
  }

  function entityNode(e, text, people) {
    const span = el('span', 'ent ent-' + e.type, text);
    span.tabIndex = 0;
    span.dataset.type = e.type;
    const lines = [];
    const add = (k, v) => { if (v !== undefined && v !== null && v !== '') lines.push([t(k), String(v)]); };
    switch (e.type) {
      case 'RANK':
        add('canonical', e.canonical);
        add('english', e.english);
        if (e.level) add('level', e.level);
        add('qualifier', e.qualifier);
        break;
      case 'DATE':
        add('value', e.value);
        add('kind', e.kind);
        break;
      case 'PERSON': {
        const p = people.get(e.ref);
        if (p) {
          add('name', p.name);
          add('rank', p.rank);
          add('position', p.position);
          add('unit', p.unit);
          add('mentions', p.mentions);
        }
        break;
      }
      default:
        add('canonical', e.canonical);
        add('english', e.english);
        add('kind', e.kind);
        add('value', e.value);
    }
    add('role', e.role);
    span.dataset.tip = JSON.stringify(lines);
    span.setAttribute('aria-describedby', 'tooltip');
    return span;
  }

  const tooltip = $('tooltip');
  function showTip(target) {
    let lines = [];
    try { lines = JSON.parse(target.dataset.tip || '[]'); } catch (e) { /* none */ }
    tooltip.replaceChildren(el('div', 'tip-type', t(target.dataset.type) + ': ' + target.textContent));
    for (const [k, v] of lines) tooltip.append(el('div', null, k + ': ' + v));
    tooltip.hidden = false;
    const r = target.getBoundingClientRect();
    const w = tooltip.offsetWidth;
    const left = Math.max(4, Math.min(window.scrollX + r.left, window.scrollX + document.documentElement.clientWidth - w - 4));
    tooltip.style.left = left + 'px';
    tooltip.style.top = (window.scrollY + r.bottom + 6) + 'px';
  }
  function hideTip() { tooltip.hidden = true; }
  const article = $('article');
  article.addEventListener('mouseover', (ev) => { const x = ev.target.closest('.ent'); if (x) showTip(x); });
  article.addEventListener('mouseout', (ev) => { if (ev.target.closest('.ent')) hideTip(); });
  article.addEventListener('focusin', (ev) => { const x = ev.target.closest('.ent'); if (x) showTip(x); });
  article.addEventListener('focusout', hideTip);
  document.addEventListener('keydown', (ev) => { if (ev.key === 'Escape') hideTip(); });

  function renderPeople(rec) {
    const body = $('people').tBodies[0];
    body.replaceChildren();
    for (const p of rec.people || []) {
      const tr = el('tr');
      tr.append(el('td', null, p.name), el('td', null, p.rank || ''), el('td', null, p.position || ''),
        el('td', null, p.unit || ''), el('td', 'num', String(p.mentions)));
      body.append(tr);
    }
    const none = !(rec.people && rec.people.length);
    $('no-people').hidden = !none;
    $('people').hidden = none;
  }

  function renderKeywords(rec) {
    const ul = $('keywords');
    ul.replaceChildren();
    for (const k of rec.keywords || []) ul.append(el('li', null, k.text));
    if (!(rec.keywords && rec.keywords.length)) ul.append(el('li', 'hint', t('noKeywords')));
  }

  async function copySummary() {
    const text = record && record.summary ? record.summary.text : '';
    const done = (ok) => { $('copy-status').textContent = ok ? t('copied') : t('copyFailed'); };
    try {
      await navigator.clipboard.writeText(text);
      done(true);
    } catch (e) {
      const r = document.createRange();
      r.selectNodeContents($('summary-text'));
      const sel = window.getSelection();
      sel.removeAllRanges();
      sel.addRange(r);
      let ok = false;
      try { ok = document.execCommand('copy'); } catch (e2) { ok = false; }
      done(ok);
    }
  }

  async function loadFile(f) {
    if (!f) return;
    const bytes = await f.arrayBuffer();
    const html = /\.html?$/i.test(f.name) || f.type === 'text/html';
    file = { name: f.name, bytes: bytes, type: html ? 'text/html' : 'text/plain' };
    // Shown for reading only; the server decodes the bytes themselves.
    input.value = new TextDecoder('utf-8').decode(bytes);
    $('file-name').textContent = f.name;
    analyze();
  }

  // Events.
  $('analyze').addEventListener('click', analyze);
  input.addEventListener('keydown', (ev) => {
    if (ev.key === 'Enter' && (ev.ctrlKey || ev.metaKey)) { ev.preventDefault(); analyze(); }
  });
  input.addEventListener('input', () => { if (file) { file = null; $('file-name').textContent = ''; } });
  fileInput.addEventListener('change', () => { loadFile(fileInput.files[0]); fileInput.value = ''; });
  for (const target of [input, $('input-panel')]) {
    target.addEventListener('dragover', (ev) => { ev.preventDefault(); input.classList.add('dragging'); });
    target.addEventListener('dragleave', () => input.classList.remove('dragging'));
    target.addEventListener('drop', (ev) => {
      ev.preventDefault();
      input.classList.remove('dragging');
      if (ev.dataTransfer && ev.dataTransfer.files.length) loadFile(ev.dataTransfer.files[0]);
    });
  }
  let timer = 0;
  const relength = () => {
    if (!record) return;
    clearTimeout(timer);
    timer = setTimeout(analyze, 200);
  };
  for (const id of ['mode-n', 'mode-words', 'len-n', 'len-words']) {
    $(id).addEventListener('change', relength);
  }
  $('len-n').addEventListener('input', () => { $('mode-n').checked = true; relength(); });
  $('len-words').addEventListener('input', () => { $('mode-words').checked = true; relength(); });
  $('copy').addEventListener('click', copySummary);
  $('download').addEventListener('click', (ev) => { if (!downloadURL) ev.preventDefault(); });
  $('lang').addEventListener('click', () => {
    lang = lang === 'vi' ? 'en' : 'vi';
    try { localStorage.setItem('vnews-lang', lang); } catch (e) { /* storage off */ }
    applyLanguage();
  });
  applyLanguage();
  document.body.dataset.ready = '1';
})();
