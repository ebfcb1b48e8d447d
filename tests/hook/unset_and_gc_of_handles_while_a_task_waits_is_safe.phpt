--TEST--
Hook: unset() of the only outside references and gc_collect_cycles() while tasks wait in curl_exec() (easy handle in a cycle with its own callback) and curl_multi_select() are safe: the waits complete with intact results, and the handles are freed afterwards
--SKIPIF--
<?php
require __DIR__ . '/../inc/curl_hook.inc';
if ($r = loom_curl_hook_skip_reason()) die("skip $r");
?>
--FILE--
<?php
require __DIR__ . '/../inc/curl_hook.inc';
$srv = loom_test_server_start();
$holder = new stdClass();
$holder->ch = curl_init($srv['url'] . '/drip?n=5&interval_ms=40&body=abcde');
$holder->body = '';
// A cycle: the handle's callback holds the object that holds the handle.
curl_setopt($holder->ch, CURLOPT_WRITEFUNCTION, function ($h, $d) use ($holder) { $holder->body .= $d; return strlen($d); });
$exec = Loom\spawn(function (stdClass $o) { curl_exec($o->ch); return [$o->body, curl_errno($o->ch)]; }, $holder);
$mh = curl_multi_init();
$h = curl_init($srv['url'] . '/drip?n=3&interval_ms=40&body=xyz');
curl_setopt($h, CURLOPT_RETURNTRANSFER, true);
curl_multi_add_handle($mh, $h);
$select = Loom\spawn(function ($mh, $h) {
    do {
        curl_multi_select($mh, 1.0);
        curl_multi_exec($mh, $running);
    } while ($running);
    $body = curl_multi_getcontent($h);
    curl_multi_remove_handle($mh, $h);
    return $body;
}, $mh, $h);
loom_wait_until(fn() => Loom\stats()['waiting'] >= 2, 'both tasks to wait');
unset($holder, $mh, $h);
echo 'collected while waiting: ', gc_collect_cycles() >= 0 ? 'ok' : '?', "\n";
echo 'curl_exec: ', json_encode($exec->await()), "\n";
echo 'select loop: ', $select->await(), "\n";
unset($exec, $select);
gc_collect_cycles();
loom_test_server_stop($srv);
loom_assert_http_baseline(8);
?>
--EXPECT--
collected while waiting: ok
curl_exec: ["abcde",0]
select loop: xyz
baseline: ok
