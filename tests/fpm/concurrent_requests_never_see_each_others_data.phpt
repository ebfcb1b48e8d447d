--TEST--
FPM: concurrent requests with distinct payloads through /echo each get back only their own data, also after a cancelled stream in the same worker
--SKIPIF--
<?php require __DIR__ . '/../inc/fpm.inc'; loom_fpm_skipif(); ?>
--FILE--
<?php
require __DIR__ . '/../inc/fpm.inc';
$fpm = loom_fpm_start(['max_children' => 2]);
$up = loom_fpm_upstream();
loom_fpm_page($fpm, 'echo.php', <<<'PAGE'
<?php
$id = file_get_contents('php://input');
$client = new Loom\Http\Client(['base_uri' => $_GET['url'], 'headers' => ['X-Request-Id' => $id]]);
// A stream cut off after two events first: its connection must not hand its leftover bytes to anyone.
$stream = $client->request('GET', '/v1/chat/completions?tokens=50&interval_ms=2&ttft_ms=1');
$seen = 0;
foreach ($stream->events() as $e) {
    if (++$seen === 2) {
        $stream->cancel();
        break;
    }
}
$tasks = [];
for ($i = 0; $i < 5; $i++) {
    $tasks[$i] = Loom\spawn(function () use ($client, $id, $i) {
        Loom\sleep(mt_rand(0, 5) / 1000);
        return $client->request('POST', '/echo', ['query' => ['id' => $id, 'i' => $i], 'body' => "$id/$i"])->json();
    });
}
echo json_encode(['id' => $id, 'pid' => getmypid(), 'echoes' => Loom\all($tasks)]);
PAGE);

$specs = [];
for ($n = 0; $n < loom_scale(60, 10); $n++) {
    $specs[$n] = ['script' => 'echo.php', 'query' => ['url' => $up['url']], 'body' => "req-$n-" . bin2hex(random_bytes(6))];
}
$results = loom_fpm_requests($fpm, $specs, 6);
$wrong = 0;
$pids = [];
foreach ($results as $n => $r) {
    $id = $specs[$n]['body'];
    $page = json_decode($r['body'], true);
    $ok = $r['status'] === 200 && ($page['id'] ?? null) === $id && count($page['echoes'] ?? []) === 5;
    foreach ($page['echoes'] ?? [] as $i => $echo) {
        $ok = $ok && $echo['body'] === "$id/$i" && $echo['query'] === http_build_query(['id' => $id, 'i' => $i])
            && $echo['headers']['x-request-id'] === $id && $echo['method'] === 'POST';
    }
    if (!$ok) {
        $wrong++;
        echo "request $n got: ", substr($r['body'], 0, 400), "\n";
    }
    $pids[$page['pid'] ?? 0] = true;
}
echo "requests with only their own data: ", $wrong === 0 && count($results) === count($specs) ? 'all' : count($results) - $wrong . '/' . count($specs), "\n";
echo "both workers took part: ", count($pids) === 2 ? 'yes' : 'no', "\n";
echo "crash lines in the FPM log: ", count(loom_fpm_log_crashes($fpm)), "\n";
?>
--EXPECT--
requests with only their own data: all
both workers took part: yes
crash lines in the FPM log: 0
