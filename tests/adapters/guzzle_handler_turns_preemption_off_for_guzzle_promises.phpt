--TEST--
Adapters: constructing Loom\Guzzle\Handler turns Loom's preemption off (Guzzle's promises, shared between tasks, break when a task is preempted inside them), so Guzzle calls beside a CPU-bound task all succeed with no preemption
--SKIPIF--
<?php require __DIR__ . '/adapters.inc'; loom_adapters_skipif(); ?>
--INI--
loom.preempt_ms=10
--FILE--
<?php
require __DIR__ . '/adapters.inc';
loom_adapters_load();
$srv = loom_test_server_start();
echo 'before: ', ini_get('loom.preempt_ms'), "\n";
$guzzle = loom_guzzle(['base_uri' => $srv['url']]);
echo 'after: ', ini_get('loom.preempt_ms'), "\n";
$spinner = Loom\spawn(function () {
    $until = hrtime(true) + 100_000_000;   // 100 ms of CPU without suspending: preemption would cut it
    $x = 0;
    while (hrtime(true) < $until) { $x++; }
    return 'spun';
});
$tasks = [];
for ($i = 0; $i < 20; $i++) {
    $tasks[] = Loom\spawn(fn() => $guzzle->getAsync("/json?n=$i")->then(fn($r) => count(json_decode((string)$r->getBody(), true)['items']))->wait());
}
echo $spinner->await(), ' ', array_sum(Loom\all($tasks)), ' preemptions ', Loom\stats()['preemptions'], "\n";
loom_test_server_stop($srv);
?>
--EXPECT--
before: 10
after: 0
spun 190 preemptions 0
