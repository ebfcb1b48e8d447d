--TEST--
Http: four tasks, each 1,000 internal calls deep in a 1 MiB fiber stack, start requests (their setup runs on the shared C stack) and read every event of their streams at that depth
--INI--
fiber.stack_size=1M
--FILE--
<?php
// request() switches from the task's fiber to the shared C stack for its setup and back
// (ext/scheduler/side_stack.cc): from deep in a task's own stack that must leave every frame intact.
require __DIR__ . '/../inc/http.inc';
$srv = loom_test_server_start();
$c = new Loom\Http\Client(['base_uri' => $srv['url']]);
$tasks = [];
for ($i = 0; $i < 4; $i++) {
    $tasks[] = Loom\spawn(fn() => loom_dive(1000, $i, function () use ($c, $i): string {
        $r = $c->request('POST', "/v1/chat/completions?tokens=20&interval_ms=1&ttft_ms=0&i=$i");
        $text = '';
        foreach ($r->events() as $e) {
            if ($e->data !== '[DONE]') {
                $text .= $e->json()['choices'][0]['delta']['content'] ?? '';
            }
        }
        return $r->status() . ' ' . substr_count($text, 't');
    }));
}
foreach (Loom\all($tasks) as $i => $r) {
    echo "task $i: $r\n";
}
echo "frames changed: ", loom_frames_changed(), "\n";
loom_test_server_stop($srv);
loom_assert_http_baseline(4);
?>
--EXPECT--
task 0: 200 20
task 1: 200 20
task 2: 200 20
task 3: 200 20
frames changed: 0
baseline: ok
