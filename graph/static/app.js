// The query page: named queries as examples, a textarea, and a results table.
// Everything is drawn with createElement and textContent, so data can never become markup.
"use strict";

const PREFIXES = [
  ["shanhai:", "https://w3id.org/shanhai/ontology#"],
  ["id:", "https://w3id.org/shanhai/id/"],
  ["rdf:", "http://www.w3.org/1999/02/22-rdf-syntax-ns#"],
  ["rdfs:", "http://www.w3.org/2000/01/rdf-schema#"],
  ["xsd:", "http://www.w3.org/2001/XMLSchema#"],
  ["prov:", "http://www.w3.org/ns/prov#"],
  ["skos:", "http://www.w3.org/2004/02/skos/core#"],
];
const ACCEPT = "application/sparql-results+json, text/turtle;q=0.9";

const $ = (id) => document.getElementById(id);
let named = [];

function el(tag, text, cls) {
  const node = document.createElement(tag);
  if (text !== undefined) node.textContent = text;
  if (cls) node.className = cls;
  return node;
}

function shorten(iri) {
  for (const [p, ns] of PREFIXES) if (iri.startsWith(ns)) return p + iri.slice(ns.length);
  return iri;
}

function current() {
  return named.find((q) => q.name === $("named").value);
}

function choose() {
  const q = current();
  $("params").replaceChildren();
  $("description").textContent = q ? q.title + " — " + q.description : "";
  if (!q) return;
  $("query").value = q.query;
  for (const p of q.params) {
    const label = el("label", p.name);
    label.title = p.doc;
    const input = el("input");
    input.name = p.name;
    input.value = p.default ?? "";
    input.placeholder = p.default === null ? p.type + ", optional" : p.type;
    label.append(input);
    $("params").append(label);
  }
}

function cell(term) {
  const td = el("td");
  if (!term) return td;
  if (term.type === "uri") {
    td.textContent = shorten(term.value);
    td.title = term.value;
    td.className = "iri";
  } else {
    td.textContent = term.value;
    // plain numbers and Chinese labels need no tag; anything else shows its language or type
    const quiet = ["xsd:integer", "xsd:decimal", "xsd:double"];
    const tag = term["xml:lang"] || (term.datatype ? shorten(term.datatype) : "");
    if (tag && tag !== "zh" && !quiet.includes(tag)) td.append(el("span", tag, "tag"));
    if (term.datatype && quiet.includes(shorten(term.datatype))) td.className = "num";
  }
  return td;
}

function table(data) {
  if (typeof data.boolean === "boolean") return el("p", data.boolean ? "true" : "false");
  const vars = data.head.vars;
  const t = el("table");
  const head = el("tr");
  for (const v of vars) head.append(el("th", v));
  const thead = el("thead");
  thead.append(head);
  t.append(thead);
  const body = el("tbody");
  for (const row of data.results.bindings) {
    const tr = el("tr");
    for (const v of vars) tr.append(cell(row[v]));
    body.append(tr);
  }
  t.append(body);
  return t;
}

async function run() {
  const q = current();
  const text = $("query").value;
  let request;
  if (q && text === q.query) {
    const params = new URLSearchParams();
    for (const input of $("params").querySelectorAll("input")) {
      if (input.value !== "") params.set(input.name, input.value);
    }
    request = fetch("/queries/" + encodeURIComponent(q.name) + "?" + params, { headers: { Accept: ACCEPT } });
  } else {
    request = fetch("/sparql", {
      method: "POST",
      headers: { "Content-Type": "application/sparql-query", Accept: ACCEPT },
      body: text,
    });
  }
  $("run").disabled = true;
  $("error").hidden = true;
  $("status").textContent = "running…";
  const started = performance.now();
  try {
    const response = await request;
    const ms = Math.round(performance.now() - started);
    const type = response.headers.get("Content-Type") || "";
    if (!response.ok) {
      $("error").textContent = response.status + " " + response.statusText + "\n" + (await response.text());
      $("error").hidden = false;
      $("results").replaceChildren();
      $("status").textContent = ms + " ms";
      return;
    }
    let shown;
    if (type.includes("json")) shown = table(await response.json());
    else shown = el("pre", await response.text(), "graph");
    const count = response.headers.get("X-Shanhai-Results");
    const status = [count !== null ? count + " results" : "", ms + " ms"].filter(Boolean).join(" · ");
    $("status").textContent = status;
    $("results").replaceChildren(shown);
    if (response.headers.get("X-Shanhai-Truncated") === "true") {
      $("results").prepend(el("p", "Only the first " + count + " results are shown (the server's cap).", "note"));
    }
  } catch (err) {
    $("error").textContent = String(err);
    $("error").hidden = false;
  } finally {
    $("run").disabled = false;
  }
}

async function start() {
  $("run").addEventListener("click", run);
  $("named").addEventListener("change", choose);
  $("query").addEventListener("keydown", (e) => {
    if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) { e.preventDefault(); run(); }
  });
  try {
    named = await (await fetch("/queries")).json();
  } catch (err) {
    named = [];
  }
  for (const q of named) {
    const option = el("option", q.title);
    option.value = q.name;
    $("named").append(option);
  }
  if (named.length) {
    $("named").value = named.some((q) => q.name === "who-helps-whom") ? "who-helps-whom" : named[0].name;
    choose();
  }
}

document.addEventListener("DOMContentLoaded", start);
