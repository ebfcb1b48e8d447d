--TEST--
Http: the retry option retries 429/5xx, waiting what retry-after-ms, Retry-After seconds or an HTTP-date say (capped by max_delay), then returns the last response
--FILE--
<?php
require __DIR__ . '/../inc/http.inc';
$srv = loom_test_server_start();
// Answers 503 (with the Retry-After it is told) until the n-th request of a key, then 200.
$peer = loom_test_peer_start(<<<'PEER'
$seen = [];
while ($c = peer_accept($server)) {
    $req = peer_read_request($c);
    if (!$req) { fclose($c); continue; }
    parse_str(parse_url(explode(' ', $req['line'])[1], PHP_URL_QUERY), $q);
    $n = $seen[$q['key']] = ($seen[$q['key']] ?? 0) + 1;
    // Logged before the answer: once the client has it, the test may stop this peer at any moment.
    fwrite(STDERR, "{$q['key']} $n\n");
    if ($n >= (int)$q['ok_at']) {
        fwrite($c, "HTTP/1.1 200 OK\r\nContent-Length: 7\r\nConnection: close\r\n\r\nattempt");
    } else {
        $ra = $q['ra'] === 'date' ? gmdate('D, d M Y H:i:s', time() + 3) . ' GMT' : $q['ra'];
        fwrite($c, "HTTP/1.1 503 Service Unavailable\r\nRetry-After: $ra\r\nContent-Length: 4\r\nConnection: close\r\n\r\nbusy");
    }
    fclose($c);
}
PEER);
$c = new Loom\Http\Client(['base_uri' => $srv['url']]);
$timed = function (callable $fn) {
    $t0 = hrtime(true);
    $r = $fn();
    return [$r, (hrtime(true) - $t0) / 1e9];
};
// 429 with retry-after-ms: 300 ms, twice, then the last 429 is returned (not thrown).
[$r, $s] = $timed(fn() => $c->request('GET', '/v1/chat/completions?fault=429&retry_after=30&retry_after_ms=300', ['retry' => ['max' => 2]]));
echo 'retry-after-ms: ', $r->status(), ', waited ', $s >= 0.55 && $s < 5 ? 'about 2 x 300 ms' : "$s s", "\n";
// Retry-After: 1 (seconds), once.
[$r, $s] = $timed(fn() => $c->request('GET', '/v1/chat/completions?fault=429&retry_after=1', ['retry' => ['max' => 1]]));
echo 'Retry-After seconds: ', $r->status(), ', waited ', $s >= 0.9 && $s < 5 ? 'about 1 s' : "$s s", "\n";
// Capped by max_delay.
[$r, $s] = $timed(fn() => $c->request('GET', '/v1/chat/completions?fault=429&retry_after=60', ['retry' => ['max' => 1, 'max_delay' => 0.2]]));
echo 'capped: ', $r->status(), ', waited ', $s >= 0.15 && $s < 5 ? 'about 0.2 s' : "$s s", "\n";
// Success on a later attempt: the caller sees only the 200.
[$r, $s] = $timed(fn() => $c->request('GET', "{$peer['url']}/?key=a&ok_at=3&ra=0", ['retry' => ['max' => 3, 'delay' => 0.05]]));
echo 'recovers: ', $r->status(), ' ', $r->body(), "\n";
// An HTTP-date three whole seconds after the peer's clock: the client waits between 2 s minus the time the
// 503 took to reach it and 3 s; 1 s is the least it can be even on a loaded machine.
[$r, $s] = $timed(fn() => $c->request('GET', "{$peer['url']}/?key=d&ok_at=2&ra=date", ['retry' => ['max' => 1]]));
echo 'Retry-After HTTP-date: ', $r->status(), ', waited ', $s >= 1.0 && $s < 8 ? 'until the date' : "$s s", "\n";
// Statuses not in the list are not retried; nor is anything without the option.
$r = $c->request('GET', "{$peer['url']}/?key=s&ok_at=2&ra=0", ['retry' => ['max' => 2, 'statuses' => [500]]]);
echo 'status not listed: ', $r->status(), "\n";
$r = $c->request('GET', "{$peer['url']}/?key=n&ok_at=2&ra=0");
echo 'no retry option: ', $r->status(), "\n";
$log = loom_test_peer_stop($peer);
echo 'attempts seen by the peer: ', implode(', ', array_map(fn($k) => "$k=" . preg_match_all("/^$k /m", $log), ['a', 'd', 's', 'n'])), "\n";
loom_test_server_stop($srv);
loom_assert_http_baseline(1);
?>
--EXPECT--
retry-after-ms: 429, waited about 2 x 300 ms
Retry-After seconds: 429, waited about 1 s
capped: 429, waited about 0.2 s
recovers: 200 attempt
Retry-After HTTP-date: 200, waited until the date
status not listed: 503
no retry option: 503
attempts seen by the peer: a=3, d=2, s=1, n=1
baseline: ok
