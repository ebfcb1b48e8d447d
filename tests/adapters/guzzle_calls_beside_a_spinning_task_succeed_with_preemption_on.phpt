--TEST--
Adapters: Loom\Guzzle\Handler leaves preemption on; 20 getAsync()->then()->wait() calls on one shared client, three rounds, beside a task spinning without suspending under 1 ms slices: the spinner is preempted so the calls run, and every call succeeds (tasks are never preempted inside Guzzle's vendor/ code)
--SKIPIF--
<?php require __DIR__ . '/adapters.inc'; loom_adapters_skipif(); ?>
--INI--
loom.preempt_ms=1
--FILE--
<?php
require __DIR__ . '/adapters.inc';
loom_adapters_load();
$srv = loom_test_server_start();
$guzzle = loom_guzzle(['base_uri' => $srv['url']]);
echo 'loom.preempt_ms after the handler exists: ', ini_get('loom.preempt_ms'), "\n";
$done = false;
// Never suspends: without preemption the calls never run and it gives up after 60 s.
$spinner = Loom\spawn(function () use (&$done) {
    $deadline = hrtime(true) + 60e9;
    $x = 0;
    while (!$done && hrtime(true) < $deadline) $x++;
    return $done ? 'spinner stopped' : 'spinner gave up';
});
$outcomes = [];
for ($round = 0; $round < 3; $round++) {
    $tasks = [];
    for ($i = 0; $i < 20; $i++) {
        $tasks[] = Loom\spawn(function () use ($guzzle, $i) {
            try {
                return $guzzle->getAsync("/json?n=$i")->then(fn($r) => count(json_decode((string)$r->getBody(), true)['items']) === $i ? 'ok' : 'wrong body')->wait();
            } catch (Throwable $e) {
                return get_class($e) . ': ' . $e->getMessage();
            }
        });
    }
    foreach (Loom\all($tasks) as $r) $outcomes[$r] = ($outcomes[$r] ?? 0) + 1;
}
$done = true;
echo json_encode($outcomes), ', ', $spinner->await(), Loom\stats()['preemptions'] > 0 ? ', preempted' : ', never preempted', "\n";
loom_test_server_stop($srv);
?>
--EXPECT--
loom.preempt_ms after the handler exists: 1
{"ok":60}, spinner stopped, preempted
