// The API explorer: reads /openapi.json and offers a form per operation.
(function () {
  "use strict";
  const $ = (sel) => document.querySelector(sel);

  // Example bodies for the POST routes, built from the bundled example.
  async function examples() {
    const cluster = await (await fetch("/example.json")).json();
    const summarize = Object.assign({}, cluster, { parameters: { words: 60, method: "auto" } });
    const batch = {
      clusters: [cluster, { id: "empty", documents: [{ id: "a", text: "" }] }],
      parameters: { sentences: 2 },
    };
    const rouge = {
      protocol: "multinews",
      pairs: [{ id: "p1", prediction: "Kerry met Lavrov in Moscow.\nThey discussed Syria.", references: ["John Kerry and Sergei Lavrov met in Moscow to talk about Syria."] }],
    };
    return { "/v1/summarize": summarize, "/v1/summarize/batch": batch, "/v1/rouge": rouge };
  }

  function describeSchema(doc, schema) {
    if (!schema) return "";
    if (schema.$ref) return schema.$ref.split("/").pop();
    if (schema.type === "array" && schema.items) return "array of " + describeSchema(doc, schema.items);
    return schema.type || "";
  }

  async function send(path, method, body, out) {
    const h = {};
    const key = $("#key").value.trim();
    if (key) h.authorization = "Bearer " + key;
    if (method !== "get") h["content-type"] = "application/json";
    out.textContent = "…";
    try {
      const started = performance.now();
      const r = await fetch(path, { method: method.toUpperCase(), headers: h, body: method === "get" ? undefined : body });
      const text = await r.text();
      let shown = text;
      try {
        shown = JSON.stringify(JSON.parse(text), null, 2);
      } catch (_) {
        /* not JSON: show as is */
      }
      const lines = [
        r.status + " " + r.statusText + " in " + (performance.now() - started).toFixed(0) + " ms",
        "x-request-id: " + r.headers.get("x-request-id"),
      ];
      if (r.headers.get("x-compute-time")) lines.push("x-compute-time: " + r.headers.get("x-compute-time") + " ms");
      if (r.headers.get("retry-after")) lines.push("retry-after: " + r.headers.get("retry-after"));
      out.textContent = lines.join("\n") + "\n\n" + shown;
    } catch (e) {
      out.textContent = "request failed: " + e;
    }
  }

  async function main() {
    const doc = await (await fetch("/openapi.json")).json();
    const bodies = await examples();
    $("#intro").textContent = (doc.info.description || "") + " Version " + doc.info.version + ".";
    const root = $("#endpoints");
    let n = 0;
    for (const [path, item] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(item)) {
        n += 1;
        const box = document.createElement("section");
        box.className = "endpoint";
        const h = document.createElement("h2");
        h.innerHTML = "<code></code> ";
        h.querySelector("code").textContent = method.toUpperCase() + " " + path;
        h.appendChild(document.createTextNode(op.summary || ""));
        box.appendChild(h);
        if (op.description) {
          const p = document.createElement("p");
          p.textContent = op.description;
          box.appendChild(p);
        }
        const codes = Object.entries(op.responses || {}).map(([code, r]) => {
          const content = r.content && Object.values(r.content)[0];
          return code + (content ? " (" + describeSchema(doc, content.schema) + ")" : "") + ": " + (r.description || "");
        });
        const p = document.createElement("p");
        p.className = "meta";
        p.textContent = "Answers " + codes.join("; ");
        box.appendChild(p);
        let textarea = null;
        if (method !== "get") {
          const label = document.createElement("label");
          label.htmlFor = "body-" + n;
          const schema = op.requestBody && Object.values(op.requestBody.content)[0].schema;
          label.textContent = "Body (" + describeSchema(doc, schema) + ")";
          textarea = document.createElement("textarea");
          textarea.id = "body-" + n;
          textarea.value = JSON.stringify(bodies[path] || {}, null, 2);
          box.appendChild(label);
          box.appendChild(textarea);
        }
        const button = document.createElement("button");
        button.type = "button";
        button.className = "primary";
        button.textContent = "Send";
        const out = document.createElement("pre");
        out.setAttribute("aria-live", "polite");
        button.addEventListener("click", () => send(path, method, textarea ? textarea.value : undefined, out));
        box.appendChild(button);
        box.appendChild(out);
        root.appendChild(box);
      }
    }
  }

  main().catch((e) => {
    $("#intro").textContent = "Could not read /openapi.json: " + e;
  });
})();
