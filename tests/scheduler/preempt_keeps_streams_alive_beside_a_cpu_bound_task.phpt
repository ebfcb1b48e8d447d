--TEST--
Scheduler: 20 SSE streams with a 1 s idle timeout all complete while a CPU-bound task spins for 1.5 s beside them (without preemption the spinner would hold the process past every idle timeout)
--FILE--
<?php
require __DIR__ . '/../inc/http.inc';
$srv = loom_test_server_start();
$slow = getenv('LOOM_TEST_SCALE') === 'valgrind';
// Under valgrind (CI runs it with --fair-sched=yes) the ticker thread may wait a while for the CPU.
$idle = $slow ? 5.0 : 1.0;
$spinFor = $slow ? 8.0 : 1.5;
$c = new Loom\Http\Client(['base_uri' => $srv['url'], 'timeout' => ['idle' => $idle]]);
$streams = [];
for ($i = 0; $i < 20; $i++) {
    $streams[] = Loom\spawn(function () use ($c) {
        $n = 0;
        foreach ($c->request('GET', '/v1/chat/completions?tokens=20&interval_ms=50&ttft_ms=0')->events() as $e) $n++;
        return $n;
    });
}
$spinner = Loom\spawn(function () use ($spinFor) {
    $t = hrtime(true);
    $x = 0;
    while (hrtime(true) - $t < $spinFor * 1e9) $x++;
    return 'spun';
});
[$counts, $errors] = Loom\settle($streams);
echo 'streams completed: ', count($counts), ', failed: ', count($errors), "\n";
foreach ($errors as $e) echo '  ', get_class($e), ': ', $e->getMessage(), "\n";
echo 'every stream got every event: ', $counts === array_fill(0, 20, 22) ? 'yes' : json_encode($counts), "\n";
echo $spinner->await(), "\n";
loom_assert_http_baseline(20);
loom_test_server_stop($srv);
?>
--EXPECT--
streams completed: 20, failed: 0
every stream got every event: yes
spun
baseline: ok
