--TEST--
FPM: examples/sse_relay.php relays an upstream chat stream token by token: the first token arrives long before the last
--SKIPIF--
<?php require __DIR__ . '/../inc/fpm.inc'; loom_fpm_skipif(); ?>
--FILE--
<?php
require __DIR__ . '/../inc/fpm.inc';
$up = loom_fpm_upstream();
$fpm = loom_fpm_start(['max_children' => 1, 'env' => ['LOOM_RELAY_UPSTREAM' => "{$up['url']}/v1/chat/completions"]]);
loom_fpm_page($fpm, 'relay.php', file_get_contents(__DIR__ . '/../../examples/sse_relay.php'));

// 20 tokens 50 ms apart after 50 ms; after token 0 the upstream waits at a gate, which this client opens
// only once token 0 has reached it: a relay that held tokens back would never get past the gate.
$atGate = null;
$r = loom_fpm_request($fpm, 'relay.php', ['query' => [
    'upstream' => "{$up['url']}/v1/chat/completions?gate=relay", 'tokens' => 20, 'interval_ms' => 50, 'ttft_ms' => 50],
    'timeout' => 20,
    'close_when' => function (array $r) use ($up, &$atGate): bool {
        if ($atGate === null && str_contains($r['body'], '"t0 "')) {
            $atGate = substr_count($r['body'], '"content"');
            file_get_contents("{$up['url']}/open?gate=relay");
        }
        return false;
    }]);
echo "status {$r['status']}, ended: ", $r['ended'] ? 'yes' : 'no', "\n";
foreach (['content-type', 'cache-control', 'x-accel-buffering'] as $h) {
    echo "$h: ", $r['headers'][$h] ?? '(none)', "\n";
}
preg_match_all('/^data: \{"content":"(t\d+) "\}$/m', $r['body'], $m);
echo "tokens relayed in order: ", $m[1] === array_map(fn($i) => "t$i", range(0, 19)) ? 'yes' : json_encode($m[1]), "\n";
echo "ends with: ", json_encode(substr($r['body'], strrpos($r['body'], 'event:'))), "\n";

// When did the bytes of token i reach the client?
$arrivedAt = function (int $i) use ($r): float {
    $offset = strpos($r['body'], "\"t$i \"") + 1;
    foreach ($r['arrivals'] as [$t, $bytes]) {
        if ($bytes >= $offset) {
            return $t;
        }
    }
    return INF;
};
$first = $arrivedAt(0);
$last = $arrivedAt(19);
echo "token 0 reached the client while the upstream held back the rest: ", $atGate === 1 ? 'yes' : json_encode($atGate), "\n";
// After the gate the upstream paces tokens 1-19 50 ms apart: 0.9 s.
echo "last token at least 0.6 s after the first: ", $last - $first >= 0.6 ? 'yes' : sprintf('NO (%.3f s)', $last - $first), "\n";
echo "separate deliveries: ", count($r['arrivals']) >= 10 ? 'at least 10' : count($r['arrivals']), "\n";
echo "stderr: ", $r['stderr'] === '' ? 'none' : $r['stderr'], "\n";
// Without ?upstream= the relay takes the pool's env[LOOM_RELAY_UPSTREAM].
$r = loom_fpm_request($fpm, 'relay.php', ['query' => ['tokens' => 3, 'interval_ms' => 1, 'ttft_ms' => 1]]);
echo "upstream from the environment: ", json_encode($r['body']), "\n";
?>
--EXPECT--
status 200, ended: yes
content-type: text/event-stream;charset=UTF-8
cache-control: no-cache
x-accel-buffering: no
tokens relayed in order: yes
ends with: "event: done\ndata: {\"tokens\":20}\n\n"
token 0 reached the client while the upstream held back the rest: yes
last token at least 0.6 s after the first: yes
separate deliveries: at least 10
stderr: none
upstream from the environment: "data: {\"content\":\"t0 \"}\n\ndata: {\"content\":\"t1 \"}\n\ndata: {\"content\":\"t2 \"}\n\nevent: done\ndata: {\"tokens\":3}\n\n"
