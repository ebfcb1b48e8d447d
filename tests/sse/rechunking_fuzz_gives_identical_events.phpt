--TEST--
SSE: the same raw stream split at random places (any byte offset, inside CRLF, inside UTF-8 sequences and the BOM) gives identical events, for several seeds
--FILE--
<?php
require __DIR__ . '/../inc/http.inc';
$srv = loom_test_server_start();
$raw = "\xEF\xBB\xBF: keep-alive comment\r\n"
    . "event: greeting\r\nid: 1\r\ndata: héllo wörld → ✓\r\n\r\n"
    . "data: multi\rdata: line\r\rretry: 2500\ndata: ünïcödé 日本語 🙂\n\n"
    . "id\ndata:no space\n:ping\n\n"
    . "event: end\nid: 42\ndata: {\"choices\":[{\"delta\":{\"content\":\"t0 \"}}]}\n\n"
    . "data: [DONE]\n\n";
$c = new Loom\Http\Client();
$reference = loom_test_sse_lines($c, $srv['url'], $raw);
echo implode("\n", $reference), "\n";
// Every byte offset at once: 1-byte slices (and 2 and 3, shifting the boundaries).
foreach ([1, 2, 3] as $chunk) {
    $got = loom_test_sse_lines($c, $srv['url'], $raw, ['chunk' => $chunk, 'interval_ms' => 1]);
    echo "$chunk-byte slices: ", $got === $reference ? 'identical' : json_encode($got), "\n";
}
// The server's chunk knob: fixed slice sizes, a seed picking each size.
$seeds = loom_scale(8, 3);
$same = 0;
for ($seed = 1; $seed <= $seeds; $seed++) {
    mt_srand($seed);
    $chunk = mt_rand(1, 17);
    $got = loom_test_sse_lines($c, $srv['url'], $raw, ['chunk' => $chunk, 'interval_ms' => 1]);
    if ($got === $reference) $same++;
    else echo "seed $seed (chunk $chunk): ", json_encode($got), "\n";
}
echo 'fixed-size slices: ', $same === $seeds ? 'identical for every seed' : "only $same of $seeds identical", "\n";
// A peer writing random-sized slices (1..9 bytes, seeded) with short pauses so they arrive apart.
$peer = loom_test_peer_start(<<<'PEER'
while ($c = peer_accept($server)) {
    $req = peer_read_request($c);
    parse_str(parse_url(explode(' ', $req['line'])[1], PHP_URL_QUERY), $q);
    mt_srand((int)$q['seed']);
    $raw = base64_decode($q['raw']);
    fwrite($c, "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nContent-Length: " . strlen($raw) . "\r\nConnection: close\r\n\r\n");
    for ($i = 0; $i < strlen($raw); ) {
        $n = mt_rand(1, 9);
        fwrite($c, substr($raw, $i, $n));
        $i += $n;
        usleep(300);
    }
    fclose($c);
}
PEER);
$same = 0;
for ($seed = 100; $seed < 100 + $seeds; $seed++) {
    $lines = [];
    foreach ($c->request('GET', "{$peer['url']}/?" . http_build_query(['seed' => $seed, 'raw' => base64_encode($raw)]))->events() as $e) {
        $lines[] = json_encode([$e->type, $e->data, $e->id, $e->retry], JSON_UNESCAPED_UNICODE | JSON_UNESCAPED_SLASHES);
    }
    $lines[] = 'end: ok';
    if ($lines === $reference) $same++;
    else echo "peer seed $seed: ", json_encode($lines), "\n";
}
echo 'random slices: ', $same === $seeds ? 'identical for every seed' : "only $same of $seeds identical", "\n";
loom_test_peer_stop($peer);
loom_test_server_stop($srv);
loom_assert_http_baseline(1);
?>
--EXPECT--
["greeting","héllo wörld → ✓","1",null]
["message","multi\nline","1",null]
["message","ünïcödé 日本語 🙂","1",2500]
["message","no space","",null]
["end","{\"choices\":[{\"delta\":{\"content\":\"t0 \"}}]}","42",null]
["message","[DONE]","42",null]
end: ok
1-byte slices: identical
2-byte slices: identical
3-byte slices: identical
fixed-size slices: identical for every seed
random slices: identical for every seed
baseline: ok
