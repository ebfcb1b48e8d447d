--TEST--
Relay: headless Chromium's EventSource on a page receives a handed-off stream through nginx, every token in order up to [DONE]
--SKIPIF--
<?php
require __DIR__ . '/../inc/relay.inc';
loom_relay_skipif();
if (!is_executable('/usr/bin/chromium')) die('skip needs /usr/bin/chromium');
?>
--FILE--
<?php
require __DIR__ . '/../inc/relay.inc';
$s = loom_relay_stack(['max_children' => 1]);
$chat = loom_relay_chat_url($s, ['tokens' => 6, 'interval_ms' => 20, 'ttft_ms' => 0]);
$path = substr($chat, strlen($s['nginx']['url']));
loom_fpm_page($s['fpm'], 'page.php', '<!doctype html><html><body><pre id="out">waiting</pre><script>
const got = [];
const es = new EventSource(' . json_encode($path) . ');
es.onmessage = (e) => {
  if (e.data === "[DONE]") { es.close(); document.getElementById("out").textContent = "tokens:" + got.join("|"); return; }
  const c = JSON.parse(e.data).choices[0].delta.content;
  if (c !== undefined) got.push(c);
};
es.onerror = () => { es.close(); document.getElementById("out").textContent = "error after " + got.length; };
</script></body></html>');
$home = "{$s['fpm']['dir']}/chromium-home";
@mkdir($home);
$proc = proc_open(['/usr/bin/chromium', '--headless', '--no-sandbox', '--disable-gpu', '--no-first-run',
    "--user-data-dir=$home", '--virtual-time-budget=20000', '--dump-dom', "{$s['nginx']['url']}/page.php"],
    [0 => ['file', '/dev/null', 'r'], 1 => ['pipe', 'w'], 2 => ['file', "{$s['fpm']['dir']}/chromium.log", 'w']], $pipes, null, ['HOME' => $home] + loom_fpm_clean_env());
$dom = stream_get_contents($pipes[1]);
proc_close($proc);
preg_match('#<pre id="out">(.*?)</pre>#s', $dom, $m);
echo $m[1] ?? "no output:\n$dom", "\n";
?>
--EXPECT--
tokens:t0 |t1 |t2 |t3 |t4 |t5 
