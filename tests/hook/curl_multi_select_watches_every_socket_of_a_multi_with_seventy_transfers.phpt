--TEST--
Hook: curl_multi_select() in a task watches every socket of a multi, not only the first 64: with 66 streams stalled on a gate, 4 more transfers added after them (answering after 500 ms) complete as soon as their answers arrive, not at the 30 s select timeout
--SKIPIF--
<?php
require __DIR__ . '/../inc/curl_hook.inc';
if ($r = loom_curl_hook_skip_reason()) die("skip $r");
?>
--FILE--
<?php
require __DIR__ . '/../inc/curl_hook.inc';
$srv = loom_test_server_start();
$gate = 'seventy-' . getmypid();
echo Loom\spawn(function () use ($srv, $gate) {
    $mh = curl_multi_init();
    $got = [];
    $add = function (string $url, int $i) use ($mh, &$got) {
        $h = curl_init($url);
        curl_setopt($h, CURLOPT_WRITEFUNCTION, function ($h, $data) use ($i, &$got) {
            $got[$i] = ($got[$i] ?? '') . $data;
            return strlen($data);
        });
        curl_multi_add_handle($mh, $h);
        return $h;
    };
    $finished = [];
    $drive = function (callable $until) use ($mh, &$finished) {
        do {
            curl_multi_exec($mh, $running);
            while ($info = curl_multi_info_read($mh)) $finished[(int)$info['handle']] = $info['result'];
            if ($until()) return true;
            curl_multi_select($mh, 30.0);
        } while ($running);
        return $until();
    };
    // 66 streams that send their first byte and then wait for the gate: their sockets stay quiet.
    $slow = [];
    for ($i = 0; $i < 66; $i++) $slow[$i] = $add($srv['url'] . '/sse?data=ab&chunk=1&gate=' . $gate, $i);
    $drive(function () use (&$got) { return count($got) === 66; }) or print("the slow streams never started\n");
    // Four more, on sockets opened after the 66 (higher descriptors), answered after 500 ms: by then curl
    // has no timer left that would wake a select blind to their sockets.
    $fast = [];
    for ($i = 66; $i < 70; $i++) $fast[$i] = $add($srv['url'] . '/v1/chat/completions?stream=0&tokens=2&interval_ms=0&ttft_ms=500', $i);
    $t0 = microtime(true);
    $drive(function () use (&$finished, $fast) {
        foreach ($fast as $h) if (!isset($finished[(int)$h])) return false;
        return true;
    });
    $elapsed = microtime(true) - $t0;
    $fastOk = 0;
    foreach ($fast as $i => $h) $fastOk += ($finished[(int)$h] ?? -1) === CURLE_OK && json_decode($got[$i], true)['choices'][0]['message']['content'] === 't0 t1 ';
    // 30 s is what a select that misses the four sockets waits; under valgrind they still take well under 10 s.
    $out = "fast transfers done: $fastOk of 4, " . ($elapsed < 10 ? 'before the select timeout' : "only after $elapsed s");
    file_get_contents($srv['url'] . '/open?gate=' . $gate);
    $drive(function () use (&$finished) { return count($finished) === 70; });
    $slowOk = 0;
    foreach ($slow as $i => $h) $slowOk += ($finished[(int)$h] ?? -1) === CURLE_OK && $got[$i] === 'ab';
    foreach ($slow + $fast as $h) { curl_multi_remove_handle($mh, $h); curl_close($h); }
    curl_multi_close($mh);
    return "$out\nslow streams done after the gate opened: $slowOk of 66";
})->await(), "\n";
loom_test_server_stop($srv);
loom_assert_http_baseline(8);
?>
--EXPECT--
fast transfers done: 4 of 4, before the select timeout
slow streams done after the gate opened: 66 of 66
baseline: ok
