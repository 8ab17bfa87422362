// The precis page: collect articles, ask /v1/summarize, and show each
// summary sentence in its source. No framework, no network beyond the
// server that served the page.
(function () {
  "use strict";
  const $ = (sel) => document.querySelector(sel);
  const COLOURS = 8;
  let counter = 0;

  // One box per article: an id, the text (or HTML), and a remove button.
  function addArticle(id, content, kind) {
    counter += 1;
    const box = document.createElement("div");
    box.className = "article";
    box.dataset.kind = kind || "text";
    const n = counter;
    box.innerHTML =
      '<div class="row"><label class="sr-only" for="id-' + n + '">Article id</label>' +
      '<input id="id-' + n + '" class="doc-id" placeholder="article id">' +
      '<button type="button" class="remove" aria-label="Remove article">Remove</button></div>' +
      '<label class="sr-only" for="text-' + n + '">Article text</label>' +
      '<textarea id="text-' + n + '" class="doc-text" placeholder="Paste an article"></textarea>' +
      '<span class="kind"></span>';
    box.querySelector(".doc-id").value = id || "article-" + n;
    box.querySelector(".doc-text").value = content || "";
    box.querySelector(".kind").textContent = box.dataset.kind === "html" ? "HTML: its main text is extracted" : "";
    box.querySelector(".remove").addEventListener("click", () => {
      const next = box.nextElementSibling || box.previousElementSibling;
      box.remove();
      if (next) next.querySelector("textarea").focus();
      else $("#add").focus();
    });
    $("#articles").appendChild(box);
    return box;
  }

  function clearArticles() {
    $("#articles").innerHTML = "";
  }

  function status(text, isError) {
    const s = $("#status");
    s.textContent = text;
    s.className = isError ? "error" : "";
  }

  function headers() {
    const h = { "content-type": "application/json" };
    const key = $("#key").value.trim();
    if (key) h.authorization = "Bearer " + key;
    return h;
  }

  async function loadInfo() {
    try {
      const info = await (await fetch("/info")).json();
      const select = $("#method");
      select.innerHTML = "";
      for (const m of info.methods) {
        const o = document.createElement("option");
        o.value = o.textContent = m;
        select.appendChild(o);
      }
      select.value = "auto";
      $("#key-label").hidden = !info.api_key_required;
    } catch (e) {
      status("Could not read /info: " + e, true);
    }
  }

  async function loadExample() {
    const example = await (await fetch("/example.json")).json();
    clearArticles();
    for (const d of example.documents) addArticle(d.id, d.text, "text");
    status("Loaded the example cluster: " + example.documents.length + " articles about " + example.id + ".");
  }

  function readFiles(files) {
    for (const file of files) {
      const reader = new FileReader();
      const html = /\.html?$/i.test(file.name) || file.type === "text/html";
      reader.onload = () => {
        addArticle(file.name, reader.result, html ? "html" : "text");
        status("Added " + file.name + ".");
      };
      reader.onerror = () => status("Could not read " + file.name + ".", true);
      reader.readAsText(file);
    }
  }

  function request() {
    const documents = [];
    for (const box of document.querySelectorAll(".article")) {
      const id = box.querySelector(".doc-id").value.trim();
      const content = box.querySelector(".doc-text").value;
      if (!content.trim()) continue;
      const d = { id: id || undefined };
      if (box.dataset.kind === "html") d.html = content;
      else d.text = content;
      documents.push(d);
    }
    return {
      id: "page",
      documents,
      parameters: { words: Number($("#words").value), method: $("#method").value, sources: true },
    };
  }

  async function summarize() {
    const body = request();
    if (body.documents.length === 0) {
      status("Paste at least one article, drop files, or load the example.", true);
      return;
    }
    status("Summarizing…");
    $("#go").disabled = true;
    try {
      const response = await fetch("/v1/summarize", { method: "POST", headers: headers(), body: JSON.stringify(body) });
      const data = await response.json();
      if (!response.ok) {
        status(data.error || "The server answered " + response.status + ".", true);
        return;
      }
      const ms = response.headers.get("x-compute-time");
      render(data);
      status("Summarized " + data.documents.length + " articles" + (ms ? " in " + Number(ms).toFixed(1) + " ms" : "") + ".");
    } catch (e) {
      status("The request failed: " + e, true);
    } finally {
      $("#go").disabled = false;
    }
  }

  // Colour class of a document, by its position in the cluster.
  function colour(index) {
    return "d" + (index % COLOURS);
  }

  function render(data) {
    const docIndex = new Map(data.documents.map((d, i) => [d.id, i]));
    const list = $("#sentences");
    list.innerHTML = "";
    const words = data.sentences.reduce((n, s) => n + s.text.split(/\s+/).filter(Boolean).length, 0);
    $("#sum-meta").textContent = data.method + ", " + words + " words of a budget of " + data.budget.limit + " " + data.budget.unit;
    data.sentences.forEach((s, i) => {
      const li = document.createElement("li");
      const b = document.createElement("button");
      b.type = "button";
      b.className = "sentence " + colour(docIndex.get(s.document));
      b.dataset.s = String(i);
      b.setAttribute("aria-pressed", "false");
      b.textContent = s.text + (s.cut ? " …" : "");
      b.title = "From " + s.document + ": show it in its source";
      b.addEventListener("click", () => select(i));
      li.appendChild(b);
      const also = document.createElement("div");
      also.className = "also";
      const from = document.createElement("span");
      from.textContent = "from";
      also.appendChild(from);
      also.appendChild(chip(s.document, docIndex));
      if (s.provenance.length) {
        const alsoIn = document.createElement("span");
        alsoIn.textContent = "also in";
        also.appendChild(alsoIn);
        for (const p of s.provenance) also.appendChild(chip(p, docIndex));
      }
      li.appendChild(also);
      list.appendChild(li);
    });
    renderSources(data, docIndex);
    $("#result").hidden = false;
  }

  function chip(id, docIndex) {
    const c = document.createElement("span");
    c.className = "chip " + colour(docIndex.get(id) || 0);
    c.textContent = id;
    return c;
  }

  // Each document's text, with the summary's sentences marked and the
  // dropped pieces wrapped (shown greyed on demand).
  function renderSources(data, docIndex) {
    const pane = $("#sources");
    pane.innerHTML = "";
    let droppedTotal = 0;
    data.documents.forEach((doc, di) => {
      const pieces = [];
      data.sentences.forEach((s, i) => {
        if (s.document === doc.id) pieces.push({ span: s.span, kind: "sel", i });
      });
      for (const d of doc.dropped) pieces.push({ span: d.span, kind: "drop", reason: d.reason });
      droppedTotal += doc.dropped.length;
      const offsets = [];
      for (const p of pieces) offsets.push(p.span.start, p.span.end);
      const units = PrecisSpans.byteOffsetsToUtf16(doc.text, offsets);
      pieces.forEach((p, k) => {
        p.start = units[2 * k];
        p.end = units[2 * k + 1];
      });
      const cuts = new Set([0, doc.text.length]);
      for (const p of pieces) {
        cuts.add(p.start);
        cuts.add(p.end);
      }
      const points = Array.from(cuts).sort((a, b) => a - b);
      const section = document.createElement("div");
      section.className = "doc";
      section.id = "doc-" + di;
      const h = document.createElement("h3");
      h.innerHTML = '<span class="swatch ' + colour(di) + '"></span>';
      h.appendChild(document.createTextNode(doc.id));
      section.appendChild(h);
      const text = document.createElement("div");
      text.className = "text";
      for (let k = 0; k + 1 < points.length; k++) {
        const a = points[k];
        const b = points[k + 1];
        const piece = doc.text.slice(a, b);
        const sel = pieces.find((p) => p.kind === "sel" && p.start <= a && b <= p.end);
        const drop = pieces.find((p) => p.kind === "drop" && p.start <= a && b <= p.end);
        let node = document.createTextNode(piece);
        if (sel) {
          const m = document.createElement("mark");
          m.className = "sel " + colour(di);
          m.dataset.s = String(sel.i);
          m.appendChild(node);
          node = m;
        }
        if (drop) {
          const d = document.createElement("span");
          d.className = "dropped";
          d.title = "dropped: " + drop.reason;
          d.dataset.reason = drop.reason;
          d.appendChild(node);
          node = d;
        }
        text.appendChild(node);
      }
      section.appendChild(text);
      pane.appendChild(section);
    });
    $("#dropped-count").textContent = String(droppedTotal);
  }

  // Highlights sentence `i` in the source pane and scrolls to it.
  function select(i) {
    for (const b of document.querySelectorAll(".sentence")) b.setAttribute("aria-pressed", b.dataset.s === String(i) ? "true" : "false");
    for (const m of document.querySelectorAll("mark.sel.active")) m.classList.remove("active");
    const marks = document.querySelectorAll('mark.sel[data-s="' + i + '"]');
    for (const m of marks) m.classList.add("active");
    if (marks.length) {
      // Scroll the source pane only, not the page, to centre the span.
      const pane = $("#sources");
      const p = pane.getBoundingClientRect();
      const m = marks[0].getBoundingClientRect();
      pane.scrollBy({ top: m.top - p.top - (p.height - m.height) / 2, behavior: "smooth" });
      // In the one-column (phone) layout the pane is below the summary.
      if (window.matchMedia("(max-width: 760px)").matches) pane.scrollIntoView({ block: "nearest", behavior: "smooth" });
    }
  }

  $("#add").addEventListener("click", () => addArticle("", "", "text").querySelector("textarea").focus());
  $("#example").addEventListener("click", () => loadExample().catch((e) => status("Could not load the example: " + e, true)));
  $("#go").addEventListener("click", summarize);
  $("#files").addEventListener("change", (e) => readFiles(e.target.files));
  $("#words").addEventListener("input", () => {
    $("#words-out").textContent = $("#words").value + " words";
  });
  $("#show-dropped").addEventListener("change", (e) => $("#sources").classList.toggle("show-dropped", e.target.checked));
  const drop = $("#drop");
  drop.addEventListener("dragover", (e) => {
    e.preventDefault();
    drop.classList.add("over");
  });
  drop.addEventListener("dragleave", () => drop.classList.remove("over"));
  drop.addEventListener("drop", (e) => {
    e.preventDefault();
    drop.classList.remove("over");
    readFiles(e.dataTransfer.files);
  });
  // Ctrl+Enter (or Cmd+Enter) summarizes from anywhere.
  document.addEventListener("keydown", (e) => {
    if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) summarize();
  });
  addArticle("", "", "text");
  addArticle("", "", "text");
  loadInfo();
})();
