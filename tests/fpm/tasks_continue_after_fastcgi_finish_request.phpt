--TEST--
FPM: tasks keep running after fastcgi_finish_request(): the client has its response at once, the tasks complete, a stalled one is bounded by Loom\timeout()
--SKIPIF--
<?php require __DIR__ . '/../inc/fpm.inc'; loom_fpm_skipif(); ?>
--FILE--
<?php
require __DIR__ . '/../inc/fpm.inc';
$fpm = loom_fpm_start(['max_children' => 1]);
$up = loom_fpm_upstream();
loom_fpm_page($fpm, 'finish.php', <<<'PAGE'
<?php
$log = __DIR__ . '/out/finish.log';
$client = new Loom\Http\Client(['base_uri' => $_GET['url']]);
$t0 = hrtime(true);
for ($i = 0; $i < 5; $i++) {
    Loom\spawn(function () use ($client, $log, $i) {
        // 20 tokens; after the first the upstream waits at a gate the test opens once it has the response.
        $n = 0;
        foreach ($client->request('GET', '/v1/chat/completions?tokens=20&interval_ms=20&ttft_ms=50&gate=finish')->events() as $e) {
            $n += ($e->data !== '[DONE]' && ($e->json()['choices'][0]['delta']['content'] ?? '') !== '') ? 1 : 0;
        }
        file_put_contents($log, "stream $i: $n tokens\n", FILE_APPEND);
    });
}
Loom\spawn(function () use ($client, $log, $t0) {
    try {
        // One token, then the upstream goes silent; only the timeout ends this (it outlasts the response
        // by seconds: the test sees the response long before).
        Loom\timeout(3, function () use ($client) {
            foreach ($client->request('GET', '/v1/chat/completions?tokens=5&ttft_ms=10&fault=stall_after&k=1')->events() as $e) {
            }
        });
        $how = 'finished?!';
    } catch (Loom\TimeoutException $e) {
        $how = 'TimeoutException';
    }
    $s = (hrtime(true) - $t0) / 1e9;
    file_put_contents($log, sprintf("stall: %s after %s\n", $how, $s >= 3 ? 'at least its 3 s' : sprintf('only %.2f s', $s)), FILE_APPEND);
});
echo "accepted\n";
fastcgi_finish_request();
// The script ends here; Loom drains the tasks at script end, after the response was sent.
PAGE);
loom_fpm_page($fpm, 'probe.php', '<?php echo json_encode(Loom\stats());');

// The streams cannot finish before the gate opens below: a response that waited for them never comes.
$r = loom_fpm_request($fpm, 'finish.php', ['query' => ['url' => $up['url']], 'timeout' => 10]);
echo "response: {$r['status']} ", json_encode($r['body']), ", ended: ", $r['ended'] ? 'yes' : 'no', "\n";
echo "response before the tasks could finish (the streams wait at the gate): ", $r['ended'] ? 'yes' : 'NO', "\n";
$log = "{$fpm['out']}/finish.log";
echo "no task had finished then: ", file_exists($log) ? 'NO: ' . file_get_contents($log) : 'yes', "\n";
file_get_contents("{$up['url']}/open?gate=finish");

$deadline = microtime(true) + 20;
while ((!file_exists($log) || substr_count(file_get_contents($log), "\n") < 6) && microtime(true) < $deadline) {
    usleep(20000);
}
$lines = file_exists($log) ? file($log, FILE_IGNORE_NEW_LINES) : [];
sort($lines);
echo implode("\n", $lines), "\n";
$probe = json_decode(loom_fpm_request($fpm, 'probe.php')['body'], true);
echo "next request finds: tasks={$probe['tasks']} curl_handles={$probe['curl_handles']} timers={$probe['timers']}\n";
echo "crash lines in the FPM log: ", count(loom_fpm_log_crashes($fpm)), "\n";
?>
--EXPECTF--
response: 200 "accepted\n", ended: yes
response before the tasks could finish (the streams wait at the gate): yes
no task had finished then: yes
stall: TimeoutException after at least its 3 s
stream 0: 20 tokens
stream 1: 20 tokens
stream 2: 20 tokens
stream 3: 20 tokens
stream 4: 20 tokens
next request finds: tasks=0 curl_handles=0 timers=0
crash lines in the FPM log: 0
