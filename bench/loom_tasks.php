<?php
/*
 * Loom, the way its README shows: one task per stream, $client->request()
 * (returns at headers), then foreach ->events() (SSE parsed in C). Defaults:
 * Loom's client has no per-host connection cap, so there is nothing to tune.
 */
declare(strict_types=1);
require __DIR__ . '/lib/common.php';
use LoomBench\{Recorder, StreamState};
use const LoomBench\REQUEST_BODY;

$o = LoomBench\args($argv);
$rec = new Recorder('loom-tasks', $o['n'], $o['tokens']);
$client = new Loom\Http\Client(['headers' => ['Content-Type' => 'application/json']]);
$rec->start();
$tasks = [];
for ($i = 0; $i < $o['n']; $i++) {
    $tasks[$i] = Loom\spawn(static function (int $i) use ($client, $o, $rec): void {
        $r = $client->request('POST', $o['url'], ['body' => REQUEST_BODY]);
        if ($r->status() !== 200) {
            $rec->fail("stream $i: HTTP " . $r->status());
            return;
        }
        $s = new StreamState();
        foreach ($r->events() as $e) {
            LoomBench\on_event_data($e->data, $s, $rec, $i);
        }
        $rec->streamEnded($s, (string)$i);
    }, $i);
}
[, $errors] = Loom\settle($tasks);
foreach ($errors as $i => $e) {
    $rec->fail("stream $i: " . get_class($e) . ': ' . $e->getMessage());
}
$rec->finish();
