<?php
// Loom in its natural habitat: one page that asks a model N things at once and shows every answer arriving,
// side by side. The form submits to this page; the page then opens one EventSource to stream.php, which runs
// the N chat completions concurrently inside one php-fpm request and relays their tokens, tagged by stream.
// Plain HTML, CSS and JavaScript: no framework, no build step. Start it with `scripts/demo.sh --web`.
//
//   ?prompt=TEXT   one question per line; stream i asks line i mod (number of lines)
//   ?n=N           the fan-out count, a whole number from 1 to 50 (anything else: a 400 page)
// Everything in the query string is passed on to stream.php as it is.

const MAX_FANOUT = 50;
const DEFAULT_PROMPT = "Explain in two sentences why PHP fibers help when calling LLM APIs.";

$h = fn(string $s): string => htmlspecialchars($s, ENT_QUOTES | ENT_SUBSTITUTE, 'UTF-8');
$prompt = is_string($_GET['prompt'] ?? null) ? $_GET['prompt'] : DEFAULT_PROMPT;
$rawN = $_GET['n'] ?? null;
$n = $rawN === null ? null : filter_var($rawN, FILTER_VALIDATE_INT, ['options' => ['min_range' => 1, 'max_range' => MAX_FANOUT]]);
$badN = $rawN !== null && $n === false;
if ($badN) {
    http_response_code(400);
}
header('Content-Type: text/html; charset=utf-8');
header('Cache-Control: no-store');
$running = $n !== null && !$badN;
?>
<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title><?= $badN ? '400 Bad Request · ' : '' ?>Loom: many LLM answers at once</title>
<style>
  :root { --bg: #f6f7f9; --card: #fff; --line: #d9dde3; --ink: #1d232b; --soft: #66707c; --ok: #1f7a3d; --bad: #b3261e; --run: #2f5fd0; }
  * { box-sizing: border-box; }
  body { margin: 0; font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--ink); background: var(--bg); }
  header { padding: 14px 20px; background: #1d232b; color: #fff; }
  header h1 { margin: 0; font-size: 18px; font-weight: 600; }
  header p { margin: 2px 0 0; color: #b8c0cc; font-size: 13px; }
  main { padding: 16px 20px 40px; }
  form { display: flex; gap: 12px; align-items: flex-end; flex-wrap: wrap; margin-bottom: 14px; }
  label { display: flex; flex-direction: column; gap: 4px; font-size: 12px; color: var(--soft); }
  textarea { width: min(640px, 90vw); height: 66px; font: inherit; padding: 6px 8px; border: 1px solid var(--line); border-radius: 6px; }
  input[type=number] { width: 80px; font: inherit; padding: 6px 8px; border: 1px solid var(--line); border-radius: 6px; }
  button { font: inherit; padding: 7px 16px; border: 0; border-radius: 6px; background: var(--run); color: #fff; cursor: pointer; }
  .error-page { background: #fdecea; border: 1px solid #f3b8b3; color: var(--bad); padding: 12px 14px; border-radius: 6px; margin-bottom: 14px; }
  .error-page h2 { margin: 0 0 4px; font-size: 16px; }
  #summary { display: flex; gap: 22px; flex-wrap: wrap; padding: 10px 14px; margin-bottom: 14px; background: var(--card); border: 1px solid var(--line); border-radius: 6px; }
  #summary b { font-variant-numeric: tabular-nums; }
  #summary .verdict { color: var(--ok); font-weight: 600; }
  #panels { display: grid; grid-template-columns: repeat(auto-fill, minmax(250px, 1fr)); gap: 10px; }
  .panel { background: var(--card); border: 1px solid var(--line); border-top: 3px solid var(--line); border-radius: 6px; padding: 8px 10px; min-height: 120px; display: flex; flex-direction: column; }
  .panel[data-state=streaming] { border-top-color: var(--run); }
  .panel[data-state=done] { border-top-color: var(--ok); }
  .panel[data-state=failed] { border-top-color: var(--bad); }
  .panel .head { display: flex; justify-content: space-between; gap: 8px; font-size: 12px; color: var(--soft); }
  .panel .head .state { font-weight: 600; }
  .panel[data-state=done] .state { color: var(--ok); }
  .panel[data-state=failed] .state { color: var(--bad); }
  .panel .question { font-size: 12px; color: var(--soft); margin: 2px 0 6px; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
  .panel .text { flex: 1; margin: 0; white-space: pre-wrap; word-break: break-word; font: 13px/1.4 ui-monospace, "DejaVu Sans Mono", monospace; max-height: 220px; overflow: auto; }
  .panel .error { color: var(--bad); font-size: 12px; margin-top: 6px; }
  .panel .metrics { display: flex; gap: 12px; font-size: 12px; color: var(--soft); margin-top: 6px; font-variant-numeric: tabular-nums; }
</style>
</head>
<body>
<header>
  <h1>Loom: many LLM answers at once, from one php-fpm request</h1>
  <p>nginx → php-fpm → Loom: N streamed chat completions run concurrently; their tokens come back to this page as server-sent events.</p>
</header>
<main>
<?php if ($badN): ?>
  <div class="error-page" role="alert">
    <h2>400 Bad Request</h2>
    The fan-out count must be a whole number from 1 to <?= MAX_FANOUT ?>; got “<?= $h(is_string($rawN) ? $rawN : gettype($rawN)) ?>”.
  </div>
<?php endif; ?>
  <form method="get" action="">
    <label>Prompt (one question per line; answer i gets line i)
      <textarea name="prompt" required maxlength="4000"><?= $h($prompt) ?></textarea></label>
    <label>Answers (1–<?= MAX_FANOUT ?>)
      <input type="number" name="n" min="1" max="<?= MAX_FANOUT ?>" value="<?= $running ? (int)$n : 10 ?>" required></label>
    <button type="submit">Ask</button>
  </form>
<?php if ($running): ?>
  <div id="summary" data-state="running">
    <span>Answers: <b id="s-done">0</b> / <b><?= (int)$n ?></b> done, <b id="s-failed">0</b> failed</span>
    <span>Wall time: <b id="s-wall">…</b></span>
    <span>The calls added up: <b id="s-sum">…</b> <small>(what blocking curl, one call after another, would take)</small></span>
    <span class="verdict" id="s-verdict"></span>
  </div>
  <div id="panels"></div>
  <script>
  "use strict";
  (() => {
    const n = <?= (int)$n ?>;
    const prompts = <?= json_encode(array_values(array_filter(array_map('trim', explode("\n", $prompt)), 'strlen')) ?: [''],
                                    JSON_HEX_TAG | JSON_HEX_AMP | JSON_UNESCAPED_UNICODE) ?>;
    const $ = (sel, el = document) => el.querySelector(sel);
    const fmtS = ms => (ms / 1000).toFixed(2) + " s";

    // Page state, also read by the browser test: loomWeb.panels[i] = {state, text, tokens, ttftMs, tokensPerS, error}.
    const state = window.loomWeb = { n, panels: [], summary: null, connection: "connecting" };
    const changed = () => document.dispatchEvent(new CustomEvent("loom-web:update"));

    const grid = $("#panels");
    for (let i = 0; i < n; i++) {
      const el = document.createElement("section");
      el.className = "panel";
      el.dataset.stream = i;
      el.dataset.state = "waiting";
      el.innerHTML = '<div class="head"><span>#' + (i + 1) + '</span><span class="state">waiting</span></div>' +
        '<div class="question"></div><pre class="text"></pre><div class="error" hidden></div>' +
        '<div class="metrics"><span>TTFT <b class="ttft">–</b></span><span><b class="tps">–</b> tok/s</span><span><b class="count">0</b> tok</span></div>';
      $(".question", el).textContent = prompts[i % prompts.length];
      grid.append(el);
      state.panels.push({ el, state: "waiting", text: "", tokens: 0, ttftMs: null, firstAt: null, tokensPerS: null, error: null });
    }

    const setState = (p, s) => { p.state = s; p.el.dataset.state = s; $(".state", p.el).textContent = s; };
    const showRate = p => { $(".tps", p.el).textContent = p.tokensPerS === null ? "–" : p.tokensPerS.toFixed(1); };

    // Everything in this page's query string goes to the relay as it is.
    const es = new EventSource("stream.php" + location.search);
    const on = (type, fn) => es.addEventListener(type, ev => { fn(JSON.parse(ev.data)); changed(); });

    es.onopen = () => { state.connection = "open"; changed(); };
    on("token", d => {
      const p = state.panels[d.s];
      if (p.state === "waiting") {
        setState(p, "streaming");
        p.firstAt = performance.now();
      }
      if (d.ttft_ms !== undefined) {
        p.ttftMs = d.ttft_ms;
        $(".ttft", p.el).textContent = fmtS(d.ttft_ms);
      }
      p.text += d.t;
      p.tokens++;
      $(".text", p.el).append(d.t);
      $(".count", p.el).textContent = p.tokens;
      const secs = (performance.now() - p.firstAt) / 1000;
      if (p.tokens > 1 && secs > 0) {
        p.tokensPerS = (p.tokens - 1) / secs;
        showRate(p);
      }
    });
    on("done", d => {
      const p = state.panels[d.s];
      setState(p, "done");
      p.tokensPerS = d.tokens_per_s;
      showRate(p);
      p.ms = d.ms;
    });
    on("failed", d => {
      const p = state.panels[d.s];
      setState(p, "failed");
      p.error = d.message;
      p.ms = d.ms;
      const e = $(".error", p.el);
      e.textContent = d.message;
      e.hidden = false;
    });
    on("summary", d => {
      es.close(); // the answers are complete: no reconnection (that would ask the model again)
      state.summary = d;
      state.connection = "closed";
      const s = $("#summary");
      s.dataset.state = "done";
      s.dataset.wallMs = d.wall_ms;
      s.dataset.sumMs = d.sum_ms;
      $("#s-wall").textContent = fmtS(d.wall_ms);
      $("#s-sum").textContent = fmtS(d.sum_ms);
      $("#s-verdict").textContent = (d.sum_ms / Math.max(d.wall_ms, 1)).toFixed(1) + "× faster than one call after another";
    });
    on("relay-error", d => {
      es.close();
      state.connection = "failed";
      $("#s-verdict").textContent = "The relay failed: " + d.message;
    });
    es.onerror = () => {
      // A dropped connection: EventSource would reconnect and ask all N questions again. Stop instead.
      if (state.connection === "closed" || state.connection === "failed") return;
      es.close();
      state.connection = "lost";
      $("#s-verdict").textContent = "Connection to the relay lost.";
      changed();
    };
    // The counters follow the panels.
    document.addEventListener("loom-web:update", () => {
      $("#s-done").textContent = state.panels.filter(p => p.state === "done").length;
      $("#s-failed").textContent = state.panels.filter(p => p.state === "failed").length;
    });
  })();
  </script>
<?php endif; ?>
</main>
</body>
</html>
