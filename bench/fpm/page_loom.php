<?php
// FPM page, Loom: the 4 calls at once, one task each, tokens counted from ->events() as they stream.
require __DIR__ . '/page_common.php';
$t0 = microtime(true);
$client = new Loom\Http\Client(['headers' => ['Content-Type' => 'application/json']]);
$tasks = [];
for ($i = 0; $i < PAGE_CALLS; $i++) {
    $tasks[$i] = Loom\spawn(function () use ($client): int {
        $n = 0;
        foreach ($client->request('POST', page_url(), ['body' => PAGE_BODY])->events() as $e) {
            if ($e->data !== '[DONE]' && isset($e->json()['choices'][0]['delta']['content'])) {
                $n++;
            }
        }
        return $n;
    });
}
page_finish(Loom\all($tasks), $t0);
