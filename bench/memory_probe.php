<?php
/*
 * Where a client's memory goes at scale (bench/analysis.md, section 2): one process holds N chat streams
 * and reports its peak RSS, bytes malloc'd at that peak (mallinfo2, through FFI when enabled) and, with
 * --smaps-at T, /proc/self/smaps split into Zend chunks, fiber C stacks and the rest (libc heap) when T
 * tokens have arrived (reading smaps takes a while at N = 2,000: take it once, early, not at the peak).
 *
 *   php -d ffi.enable=1 -d extension=modules/loom.so bench/memory_probe.php --mode tasks --n 2000 --url URL
 *   modes: tasks (task per stream, request() + events()), stream (Loom\map() + Client::stream()),
 *          curlmulti (curl_multi_exec + write callback), sleep (N tasks parked in Loom\sleep(), measured once
 *          all are parked: VmRSS and smaps per task, then cancelled)
 *   --buffer-size B sets Loom's buffer_size option. Not run by bench/run.sh.
 */
declare(strict_types=1);

require __DIR__ . '/lib/common.php';

$o = LoomBench\options($argv, ['mode' => 'tasks', 'n' => 1000, 'url' => '', 'smaps-at' => 0, 'buffer-size' => 0]);
$n = $o['n'];
if ($o['mode'] !== 'sleep' && $o['url'] === '') {
    fwrite(STDERR, "--url is required (e.g. http://127.0.0.1:PORT/v1/chat/completions?tokens=50&interval_ms=20&ttft_ms=200)\n");
    exit(2);
}

/** RSS in KB by kind of mapping. */
function smaps_split(): array
{
    $c = ['zend' => 0, 'stacks' => 0, 'heap' => 0, 'files' => 0];
    $kind = null;
    $prevEnd = -1;
    $prevGuard = false;
    foreach (file('/proc/self/smaps', FILE_IGNORE_NEW_LINES) as $l) {
        if (preg_match('/^([0-9a-f]+)-([0-9a-f]+) (\S+) \S+ \S+ \d+\s*(.*)$/', $l, $m)) {
            [$s, $e, $perm, $name] = [hexdec($m[1]), hexdec($m[2]), $m[3], trim($m[4])];
            if ($name === '[heap]') $kind = 'heap';
            elseif ($name !== '') $kind = 'files';
            elseif ($prevGuard && $prevEnd === $s && $perm === 'rw-p') $kind = 'stacks';
            elseif ($e - $s === 2 << 20 && $s % (2 << 20) === 0) $kind = 'zend';
            else $kind = 'heap';
            $prevGuard = $perm === '---p' && $e - $s === 4096 && $name === '';
            $prevEnd = $e;
        } elseif ($kind && preg_match('/^Rss:\s+(\d+) kB/', $l, $m)) {
            $c[$kind] += (int)$m[1];
        }
    }
    return $c;
}

/** Bytes malloc'd (in use, free in the arena) in KB, or null without FFI. */
function malloc_kb(): ?array
{
    static $ffi = false;
    if ($ffi === false) {
        try {
            $ffi = FFI::cdef('struct mallinfo2 { size_t arena, ordblks, smblks, hblks, hblkhd, usmblks, fsmblks,
                uordblks, fordblks, keepcost; }; struct mallinfo2 mallinfo2(void);');
        } catch (Throwable) {
            $ffi = null;
        }
    }
    if (!$ffi) return null;
    $m = $ffi->mallinfo2();
    return ['arena' => intdiv($m->arena, 1024), 'in_use' => intdiv($m->uordblks + $m->hblkhd, 1024), 'free' => intdiv($m->fordblks, 1024)];
}

$tokens = 0;
$peak = ['rss_kb' => 0, 'tokens' => 0, 'malloc_kb' => null];
$split = null;
$base = smaps_split();
$baseMalloc = malloc_kb();
preg_match('/VmRSS:\s+(\d+)/', (string)file_get_contents('/proc/self/status'), $m);
$baseRss = (int)$m[1];
// Called every 500 tokens: VmRSS is cheap to read; smaps once, when asked.
$probe = static function () use (&$tokens, &$peak, &$split, $o): void {
    preg_match('/VmRSS:\s+(\d+)/', (string)file_get_contents('/proc/self/status'), $m);
    if ((int)$m[1] > $peak['rss_kb']) {
        $peak = ['rss_kb' => (int)$m[1], 'tokens' => $tokens, 'malloc_kb' => malloc_kb()];
    }
    if ($o['smaps-at'] && $split === null && $tokens >= $o['smaps-at']) {
        // Claimed first: the long read can be preempted, and other tasks would start their own.
        $split = [];
        $split = smaps_split();
    }
};
$count = static function (string $data) use (&$tokens, $probe): void {
    if ($data === '[DONE]') return;
    json_decode($data, true);
    if (++$tokens % 500 === 0) $probe();
};
$body = '{"model":"loom-mock","stream":true,"messages":[{"role":"user","content":"Say hello."}]}';
$clientOptions = ['headers' => ['Content-Type' => 'application/json']] + ($o['buffer-size'] ? ['buffer_size' => $o['buffer-size']] : []);
$url = $o['url'];
$ru0 = getrusage();

switch ($o['mode']) {
    case 'sleep':
        // Measured from top-level code (not a task's stack) once every task is parked, then all cancelled.
        $parked = 0;
        $tasks = [];
        for ($i = 0; $i < $n; $i++) {
            $tasks[] = Loom\spawn(static function () use (&$parked): void {
                $parked++;
                Loom\sleep(3600);
            });
        }
        while ($parked < $n) Loom\sleep(0.05);
        $probe();
        $split = smaps_split();
        $peak['malloc_kb'] = malloc_kb();
        foreach ($tasks as $t) $t->cancel();
        Loom\settle($tasks);
        break;
    case 'tasks':
        $client = new Loom\Http\Client($clientOptions);
        $tasks = [];
        for ($i = 0; $i < $n; $i++) $tasks[] = Loom\spawn(static function () use ($client, $url, $body, $count): void {
            foreach ($client->request('POST', $url, ['body' => $body])->events() as $e) $count($e->data);
        });
        Loom\settle($tasks);
        break;
    case 'stream':
        $client = new Loom\Http\Client($clientOptions);
        $responses = Loom\map(range(1, $n), static fn () => $client->request('POST', $url, ['body' => $body]), $n);
        $buf = [];
        foreach ($client->stream($responses) as $r => $chunk) {
            $k = spl_object_id($r);
            $buf[$k] = ($buf[$k] ?? '') . $chunk;
            while (($p = strpos($buf[$k], "\n\n")) !== false) {
                $ev = substr($buf[$k], 0, $p);
                $buf[$k] = substr($buf[$k], $p + 2);
                if (str_starts_with($ev, 'data: ')) $count(substr($ev, 6));
            }
        }
        break;
    case 'curlmulti':
        $mh = curl_multi_init();
        $handles = [];
        for ($i = 0; $i < $n; $i++) {
            $h = curl_init($url);
            $pending = '';
            curl_setopt_array($h, [CURLOPT_POST => true, CURLOPT_POSTFIELDS => $body,
                CURLOPT_HTTPHEADER => ['Content-Type: application/json'],
                CURLOPT_WRITEFUNCTION => static function ($h, string $d) use (&$pending, $count): int {
                    $pending .= $d;
                    while (($p = strpos($pending, "\n\n")) !== false) {
                        $ev = substr($pending, 0, $p);
                        $pending = substr($pending, $p + 2);
                        if (str_starts_with($ev, 'data: ')) $count(substr($ev, 6));
                    }
                    return strlen($d);
                }]);
            curl_multi_add_handle($mh, $h);
            $handles[] = $h;
        }
        do {
            curl_multi_exec($mh, $running);
            if ($running) curl_multi_select($mh, 1.0);
        } while ($running);
        break;
    default:
        fwrite(STDERR, "unknown mode {$o['mode']}\n");
        exit(2);
}

$ru = getrusage();
$cpu = $ru['ru_utime.tv_sec'] - $ru0['ru_utime.tv_sec'] + ($ru['ru_utime.tv_usec'] - $ru0['ru_utime.tv_usec']) / 1e6
    + $ru['ru_stime.tv_sec'] - $ru0['ru_stime.tv_sec'] + ($ru['ru_stime.tv_usec'] - $ru0['ru_stime.tv_usec']) / 1e6;
$out = ['mode' => $o['mode'], 'n' => $n, 'tokens' => $tokens, 'cpu_s' => round($cpu, 3), 'maxrss_kb' => $ru['ru_maxrss'],
    'peak_vmrss_kb' => $peak['rss_kb'], 'peak_at_tokens' => $peak['tokens'],
    'peak_vmrss_per_stream_kb' => round(($peak['rss_kb'] - $baseRss) / $n, 2)];
if ($peak['malloc_kb'] && $baseMalloc) {
    $out['malloc_at_peak_kb'] = $peak['malloc_kb'];
    $out['malloc_in_use_per_stream_b'] = (int)round(($peak['malloc_kb']['in_use'] - $baseMalloc['in_use']) * 1024 / $n);
}
if ($split) {
    foreach ($split as $k => $v) $out['smaps_per_stream_kb'][$k] = round(($v - $base[$k]) / $n, 2);
}
echo json_encode($out), "\n";
