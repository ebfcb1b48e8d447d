--TEST--
Adapters: cancelling a task waiting in Guzzle send(), or one reading a 'stream' => true body, closes its transfer
--SKIPIF--
<?php require __DIR__ . '/adapters.inc'; loom_adapters_skipif(); ?>
--FILE--
<?php
require __DIR__ . '/adapters.inc';
loom_adapters_load();
$srv = loom_test_server_start();
$guzzle = loom_guzzle(['base_uri' => $srv['url']]);
foreach (['send()' => false, 'stream read()' => true] as $label => $stream) {
    $task = Loom\spawn(function () use ($guzzle, $stream) {
        $r = $guzzle->get('/stall', ['stream' => $stream]);   // headers, then nothing
        return $r->getBody()->read(10);
    });
    loom_wait_until(fn() => Loom\stats()['curl_handles'] === 1, "the $label transfer to start");
    Loom\sleep(0.05);    // let the task reach its wait (the transfer cannot finish anyway)
    $task->cancel();
    try {
        $task->await();
    } catch (Loom\CancelledException $e) {
        echo "$label: cancelled; transfers left: ", Loom\stats()['curl_handles'], "\n";
    }
}
loom_test_server_stop($srv);
loom_assert_http_baseline(1);
?>
--EXPECT--
send(): cancelled; transfers left: 0
stream read(): cancelled; transfers left: 0
baseline: ok
