<?php
/*
 * Loom's benchmark harness: runs every client as its own process under
 * /usr/bin/time, side by side (round-robin, several runs), then prints the
 * tables and writes bench/RESULTS.md. Started by bench/run.sh, which installs
 * and builds what this needs; see bench/README.md.
 *
 *   php bench/harness.php --loom-so PATH --floor PATH [--quick] [--sections streams,fpm,sched]
 *                         [--ns 1,10,100] [--runs K] [--merge] [--report-only] [--command "..."]
 *                         [--clients loom-tasks,curl-multi,...]  (streams: only these; with --merge the
 *                         other clients keep their earlier figures)
 */
declare(strict_types=1);

const TOKENS = 50;
const INTERVAL_MS = 20;
const TTFT_MS = 200;
const IDEAL_S = (TTFT_MS + (TOKENS - 1) * INTERVAL_MS) / 1000; // one stream's duration: 1.18 s

$BENCH = __DIR__;
$ROOT = dirname(__DIR__);
$OUT = "$BENCH/out";

// ---------------------------------------------------------------- arguments
$opt = ['quick' => false, 'merge' => false, 'report-only' => false, 'loom-so' => '', 'floor' => '',
        'sections' => 'streams,fpm,sched', 'ns' => '', 'runs' => 0, 'clients' => '', 'command' => '', 'loom-build' => '', 'loom-commit' => ''];
for ($i = 1; $i < $argc; $i++) {
    $k = ltrim($argv[$i], '-');
    if (!array_key_exists($k, $opt)) {
        fwrite(STDERR, "harness: unknown option {$argv[$i]}\n");
        exit(2);
    }
    if (is_bool($opt[$k])) {
        $opt[$k] = true;
    } else {
        $opt[$k] = is_int($opt[$k]) ? (int)$argv[++$i] : $argv[++$i];
    }
}
$quick = $opt['quick'];
$sections = array_filter(explode(',', $opt['sections']));
@mkdir($OUT, 0777, true);
$resultsFile = "$OUT/results.json";

$R = ['meta' => [], 'streams' => [], 'fpm' => [], 'sched' => [], 'sched_load' => []];
if (($opt['merge'] || $opt['report-only']) && is_file($resultsFile)) {
    $R = json_decode(file_get_contents($resultsFile), true) + $R;
}

function say(string $s): void
{
    fwrite(STDOUT, $s . "\n");
}

function median(array $v): ?float
{
    $v = array_values(array_filter($v, static fn ($x) => $x !== null));
    if ($v === []) {
        return null;
    }
    sort($v);
    $n = count($v);
    return $n % 2 ? (float)$v[intdiv($n, 2)] : ($v[$n / 2 - 1] + $v[$n / 2]) / 2;
}

function sh(string $cmd): string
{
    return trim((string)shell_exec($cmd . ' 2>/dev/null'));
}

function loadavg(): string
{
    return implode(' ', array_slice(explode(' ', (string)@file_get_contents('/proc/loadavg')), 0, 3));
}

function free_port(): int
{
    $s = stream_socket_server('tcp://127.0.0.1:0', $errno, $errstr);
    $name = stream_socket_get_name($s, false);
    fclose($s);
    return (int)substr($name, strrpos($name, ':') + 1);
}

/** Children of a PID (Linux /proc), to stop what /usr/bin/time started. */
function child_pids(int $pid): array
{
    $f = "/proc/$pid/task/$pid/children";
    return is_readable($f) ? array_map('intval', preg_split('/\s+/', trim((string)file_get_contents($f)), -1, PREG_SPLIT_NO_EMPTY)) : [];
}

/**
 * Runs $cmd under /usr/bin/time; returns exit code, stdout, stderr tail,
 * elapsed/user/sys/maxrss from time, and whether it was stopped at $timeout.
 */
function run_measured(array $cmd, float $timeout): array
{
    $tf = tempnam(sys_get_temp_dir(), 'loom-bench-time-');
    $ef = tempnam(sys_get_temp_dir(), 'loom-bench-err-');
    $full = array_merge(['/usr/bin/time', '-f', 'TIME %e %U %S %M', '-o', $tf], $cmd);
    $ru0 = getrusage(1); // RUSAGE_CHILDREN: only children already waited for, so the delta is this run's
    $p = proc_open($full, [0 => ['file', '/dev/null', 'r'], 1 => ['pipe', 'w'], 2 => ['file', $ef, 'w']], $pipes);
    stream_set_blocking($pipes[1], false);
    $out = '';
    $deadline = microtime(true) + $timeout;
    $timedOut = false;
    while (true) {
        $r = [$pipes[1]];
        $w = $e = null;
        if (@stream_select($r, $w, $e, 0, 200000) > 0) {
            $chunk = fread($pipes[1], 65536);
            if ($chunk !== false) {
                $out .= $chunk;
            }
        }
        $st = proc_get_status($p);
        if (!$st['running']) {
            $out .= (string)stream_get_contents($pipes[1]);
            break;
        }
        if (microtime(true) > $deadline) {
            $timedOut = true;
            foreach (child_pids($st['pid']) as $c) {
                posix_kill($c, SIGKILL);
            }
            posix_kill($st['pid'], SIGTERM);
        }
    }
    fclose($pipes[1]);
    $rc = proc_close($p);
    $ru1 = getrusage(1);
    $usec = static fn (array $r, string $k): float => $r["ru_$k.tv_sec"] + $r["ru_$k.tv_usec"] / 1e6;
    if (isset($st['exitcode']) && $st['exitcode'] >= 0) {
        $rc = $st['exitcode'];
    }
    $time = (string)@file_get_contents($tf);
    $err = (string)@file_get_contents($ef);
    @unlink($tf);
    @unlink($ef);
    $res = ['rc' => $rc, 'out' => $out, 'err' => substr(trim($err), -600), 'timed_out' => $timedOut,
            'elapsed' => null, 'user' => null, 'sys' => null, 'maxrss_kb' => null, 'signal' => null];
    if (preg_match('/TIME (\S+) (\S+) (\S+) (\d+)/', $time, $m)) {
        [$res['elapsed'], $res['maxrss_kb']] = [(float)$m[1], (int)$m[4]];
        // user/sys from getrusage (µs) rather than time's 10-ms figures; time's own share is ~1 ms
        $res['user'] = $usec($ru1, 'utime') - $usec($ru0, 'utime');
        $res['sys'] = $usec($ru1, 'stime') - $usec($ru0, 'stime');
    }
    if (preg_match('/terminated by signal (\d+)/', $time, $m)) {
        $res['signal'] = (int)$m[1];
    }
    return $res;
}

// ----------------------------------------------------------- the LLM server
function server_start(string $root): array
{
    $bin = "$root/tests/server/llm-server";
    $log = tempnam(sys_get_temp_dir(), 'loom-bench-server-');
    $p = proc_open([$bin, '--host', '127.0.0.1', '--port', '0'],
        [0 => ['file', '/dev/null', 'r'], 1 => ['pipe', 'w'], 2 => ['file', $log, 'w']], $pipes);
    if (!is_resource($p)) {
        throw new RuntimeException('cannot start llm-server');
    }
    $line = '';
    $deadline = microtime(true) + 5;
    stream_set_blocking($pipes[1], false);
    while (microtime(true) < $deadline && !str_contains($line, "\n")) {
        $r = [$pipes[1]];
        $w = $e = null;
        if (stream_select($r, $w, $e, 0, 100000) > 0) {
            $line .= (string)fread($pipes[1], 1024);
        }
    }
    if (!preg_match('/LISTENING (\S+):(\d+)/', $line, $m)) {
        throw new RuntimeException("llm-server did not start: $line " . @file_get_contents($log));
    }
    $pid = proc_get_status($p)['pid'];
    return ['proc' => $p, 'pid' => $pid, 'pipes' => $pipes, 'url' => "http://{$m[1]}:{$m[2]}", 'log' => $log];
}

function server_stop(?array &$srv): void
{
    if (!$srv) {
        return;
    }
    posix_kill($srv['pid'], SIGTERM);
    $deadline = microtime(true) + 5;
    while (proc_get_status($srv['proc'])['running'] && microtime(true) < $deadline) {
        usleep(20000);
    }
    if (proc_get_status($srv['proc'])['running']) {
        posix_kill($srv['pid'], SIGKILL);
    }
    fclose($srv['pipes'][1]);
    proc_close($srv['proc']);
    @unlink($srv['log']);
    $srv = null;
}

function server_rss_kb(array $srv): int
{
    $s = (string)@file_get_contents("/proc/{$srv['pid']}/status");
    return preg_match('/VmRSS:\s+(\d+)/', $s, $m) ? (int)$m[1] : 0;
}

// ----------------------------------------------------------------- contenders
$php = PHP_BINARY;
$loomSo = $opt['loom-so'];
$phpBase = [$php, '-d', 'memory_limit=4G'];
$phpLoom = [$php, '-d', 'memory_limit=4G', '-d', "extension=$loomSo"];
$CONTENDERS = [
    ['id' => 'loom-tasks', 'kind' => 'defaults', 'conc' => 0, 'max_n' => PHP_INT_MAX,
     'label' => 'Loom: task per stream, request() + events()', 'cmd' => array_merge($phpLoom, ["$BENCH/loom_tasks.php"])],
    ['id' => 'loom-stream', 'kind' => 'defaults', 'conc' => 0, 'max_n' => PHP_INT_MAX,
     'label' => 'Loom: Client::stream() in one task, SSE parsed in PHP', 'cmd' => array_merge($phpLoom, ["$BENCH/loom_stream.php"])],
    ['id' => 'floor', 'kind' => 'floor', 'conc' => 0, 'max_n' => PHP_INT_MAX,
     'label' => 'native floor: C, libcurl multi-socket + libuv, no PHP', 'cmd' => [$opt['floor']]],
    ['id' => 'curl-multi', 'kind' => 'defaults', 'conc' => 0, 'max_n' => PHP_INT_MAX,
     'label' => 'curl_multi_exec + curl_multi_select (PHP manual loop), write callback', 'cmd' => array_merge($phpBase, ["$BENCH/curl_multi.php"])],
    ['id' => 'guzzle-default', 'kind' => 'defaults', 'conc' => 25, 'max_n' => PHP_INT_MAX,
     'label' => 'Guzzle Pool, defaults (concurrency 25, buffered body)', 'cmd' => array_merge($phpBase, ["$BENCH/guzzle.php", '--mode', 'default'])],
    ['id' => 'guzzle-stream', 'kind' => "documented 'stream'=>true", 'conc' => 0, 'max_n' => PHP_INT_MAX,
     'label' => "Guzzle Pool, concurrency N, 'stream'=>true (PHP stream handler)", 'cmd' => array_merge($phpBase, ["$BENCH/guzzle.php", '--mode', 'stream'])],
    ['id' => 'guzzle-tuned', 'kind' => 'tuned', 'conc' => 0, 'max_n' => PHP_INT_MAX,
     'label' => 'Guzzle Pool, CurlMultiHandler, concurrency N, SSE-parsing sink', 'cmd' => array_merge($phpBase, ["$BENCH/guzzle.php", '--mode', 'tuned'])],
    ['id' => 'guzzle-loom', 'kind' => 'loom/adapters', 'conc' => 0, 'max_n' => PHP_INT_MAX,
     'label' => "Guzzle + Loom\\Guzzle\\Handler, a task per request, 'stream'=>true", 'cmd' => array_merge($phpLoom, ["$BENCH/guzzle.php", '--mode', 'loom'])],
    ['id' => 'symfony-default', 'kind' => 'defaults', 'conc' => 6, 'mem_conc' => 0, 'max_n' => PHP_INT_MAX,
     'label' => 'Symfony EventSourceHttpClient + stream(), defaults (6 connections/host)', 'cmd' => array_merge($phpBase, ["$BENCH/symfony.php", '--mode', 'default'])],
    ['id' => 'symfony-tuned', 'kind' => 'tuned', 'conc' => 0, 'max_n' => PHP_INT_MAX,
     'label' => 'Symfony EventSourceHttpClient + stream(), maxHostConnections = N', 'cmd' => array_merge($phpBase, ["$BENCH/symfony.php", '--mode', 'tuned'])],
    ['id' => 'curl-seq', 'kind' => 'defaults', 'conc' => 1, 'max_n' => 10,
     'label' => 'sequential curl_exec (the FPM status quo)', 'cmd' => array_merge($phpBase, ["$BENCH/curl_seq.php"])],
];
if ($opt['clients'] !== '') {
    $want = array_filter(explode(',', $opt['clients']));
    $unknown = array_diff($want, array_column($CONTENDERS, 'id'));
    if ($unknown) {
        fwrite(STDERR, 'harness: unknown client(s) ' . implode(', ', $unknown) . '; known: ' . implode(', ', array_column($CONTENDERS, 'id')) . "\n");
        exit(2);
    }
    $RUN_CONTENDERS = array_values(array_filter($CONTENDERS, static fn ($c) => in_array($c['id'], $want, true)));
} else {
    $RUN_CONTENDERS = $CONTENDERS;
}
$CBYID = array_column($CONTENDERS, null, 'id');

// ------------------------------------------------------------------ metadata
function collect_meta(array $opt, string $root, bool $quick): array
{
    $curlv = curl_version();
    return [
        'date' => gmdate('Y-m-d H:i') . ' UTC',
        'nproc' => sh('nproc'),
        'uname' => sh('uname -a'),
        'php' => strtok(sh(PHP_BINARY . ' -v'), "\n"),
        'cpu' => sh("grep -m1 'model name' /proc/cpuinfo | sed 's/.*: //'"),
        'mem' => sh("free -h | awk '/Mem:/{print \$2}'"),
        'libcurl' => $curlv['version'],
        'libuv' => sh("pkg-config --modversion libuv"),
        'loom_commit' => $opt['loom-commit'] ?: sh("git -C " . escapeshellarg($root) . " rev-parse --short HEAD"),
        'loom_build' => $opt['loom-build'] ?: $opt['loom-so'],
        'packages' => installed_packages(__DIR__ . '/vendor/composer/installed.json'),
        'command' => $opt['command'] ?: ('bench/run.sh' . ($quick ? ' --quick' : '')),
        'mode' => $quick ? 'quick' : 'full',
        'ulimit_n' => sh('ulimit -n'),
    ];
}

function installed_packages(string $file): string
{
    $j = json_decode((string)@file_get_contents($file), true);
    $have = [];
    foreach ($j['packages'] ?? [] as $p) {
        $have[$p['name']] = $p['pretty_version'] ?? $p['version'];
    }
    $out = [];
    foreach (['guzzlehttp/guzzle', 'symfony/http-client', 'revolt/event-loop', 'amphp/amp', 'amphp/sync'] as $name) {
        $out[] = $name . ' ' . ($have[$name] ?? 'missing');
    }
    return implode(', ', $out);
}

// ------------------------------------------------------------- streams figure
function streams_section(array $opt, array $CONTENDERS, bool $quick, string $root, array &$R, string $resultsFile): void
{
    $ns = $opt['ns'] !== '' ? array_map('intval', explode(',', $opt['ns'])) : ($quick ? [1, 10, 100, 1000] : [1, 10, 100, 1000, 10000]);
    $budget = $quick ? 25.0 : 60.0; // longest projected wall a capped peer may take per run
    $failedAt = [];
    foreach ($ns as $n) {
        $runs = $opt['runs'] ?: ($quick ? 3 : ($n >= 10000 ? 3 : 5));
        say(sprintf("\n== streams: N=%d, %d tokens each, %d ms apart, TTFT %d ms; %d runs", $n, TOKENS, INTERVAL_MS, TTFT_MS, $runs));
        $load0 = loadavg();
        $srv = server_start($root);
        $url = $srv['url'] . '/v1/chat/completions?tokens=' . TOKENS . '&interval_ms=' . INTERVAL_MS . '&ttft_ms=' . TTFT_MS;
        $active = [];
        foreach ($CONTENDERS as $c) {
            $key = $c['id'] . '@' . $n;
            unset($R['streams'][$key]);
            $rec = ['id' => $c['id'], 'n' => $n, 'runs' => [], 'status' => 'ok', 'note' => ''];
            $projected = $c['conc'] > 0 ? ceil($n / $c['conc']) * IDEAL_S : IDEAL_S;
            if (isset($failedAt[$c['id']])) {
                $rec['status'] = 'n/a';
                $rec['note'] = "failed at N={$failedAt[$c['id']]}";
            } elseif ($n > $c['max_n'] || $projected > $budget) {
                $rec['status'] = 'capped';
                $why = $n > $c['max_n'] ? "run for N<={$c['max_n']} only" : sprintf('projected %.0f s per run, over the %.0f s budget', $projected, $budget);
                $rec['note'] = sprintf('not run (%s); extrapolated wall ~%.1f s = %.1fx ideal', $why, $projected, $projected / IDEAL_S);
                $rec['extrapolated_wall'] = $projected;
            } else {
                $active[] = $c;
            }
            $R['streams'][$key] = $rec;
        }
        for ($run = 0; $run < $runs; $run++) {
            // rotate the order every run so no client always follows the same one
            $order = $active;
            for ($s = 0; $s < $run % max(1, count($order)); $s++) {
                $order[] = array_shift($order);
            }
            foreach ($order as $c) {
                $key = $c['id'] . '@' . $n;
                if ($R['streams'][$key]['status'] !== 'ok') {
                    continue; // failed in an earlier run: no more runs
                }
                $projected = $c['conc'] > 0 ? ceil($n / $c['conc']) * IDEAL_S : IDEAL_S;
                if ($projected > 10 && $run >= min($runs, 3)) {
                    continue; // slow (capped) peers: 3 runs are enough for a median
                }
                $timeout = max(60.0, 4 * $projected + $n / 200);
                $cmd = array_merge($c['cmd'], ['--url', $url, '--n', (string)$n, '--tokens', (string)TOKENS]);
                $res = run_measured($cmd, $timeout);
                $j = null;
                foreach (array_reverse(explode("\n", trim($res['out']))) as $line) {
                    if (str_starts_with($line, '{')) {
                        $j = json_decode($line, true);
                        break;
                    }
                }
                $one = ['elapsed' => $res['elapsed'], 'cpu' => $res['user'] !== null ? $res['user'] + $res['sys'] : null,
                        'user' => $res['user'], 'sys' => $res['sys'], 'maxrss_kb' => $res['maxrss_kb']];
                if ($j !== null) {
                    $one += ['wall' => $j['wall_s'], 'work_cpu' => $j['work_cpu_s'], 'tokens' => $j['tokens'], 'expected' => $j['expected'],
                             'failures' => $j['failures'], 'error' => $j['error'], 'ttft_p50' => $j['ttft_p50_ms'], 'ttft_p99' => $j['ttft_p99_ms']];
                }
                $R['streams'][$key]['runs'][] = $one;
                $status = sprintf('  %-16s run %d: ', $c['id'], $run + 1);
                if ($res['timed_out'] || $j === null) {
                    $why = $res['timed_out'] ? sprintf('timed out after %.0f s', $timeout)
                        : ($res['signal'] ? "killed by signal {$res['signal']}" : "exit {$res['rc']}, no result");
                    $tail = trim(preg_replace('/\s+/', ' ', $res['err']));
                    if ($tail !== '') {
                        $why .= ': ' . substr($tail, -240);
                    }
                    $R['streams'][$key]['status'] = 'failed';
                    $R['streams'][$key]['note'] = $why;
                    $failedAt[$c['id']] = $n;
                    say($status . 'FAILED ' . $why);
                } else {
                    say($status . sprintf('wall %.3f s, cpu %.2f s, rss %.0f MB, tokens %d/%d%s', $j['wall_s'], $one['cpu'],
                        $one['maxrss_kb'] / 1024, $j['tokens'], $j['expected'], $j['failures'] ? ", {$j['failures']} failed: {$j['error']}" : ''));
                }
            }
        }
        $R['streams']['server@' . $n] = ['server_rss_kb' => server_rss_kb($srv), 'load_before' => $load0, 'load_after' => loadavg()];
        server_stop($srv);
        file_put_contents($resultsFile, json_encode($R, JSON_PRETTY_PRINT | JSON_UNESCAPED_SLASHES));
    }
}

/** Medians and derived figures for one (contender, N). */
function stream_figures(array $rec, ?array $base1, int $conc): array
{
    $runs = array_filter($rec['runs'], static fn ($r) => isset($r['wall']));
    $f = ['status' => $rec['status'], 'note' => $rec['note'], 'runs' => count($runs)];
    if (isset($rec['extrapolated_wall'])) {
        $f['extrapolated_wall'] = $rec['extrapolated_wall'];
    }
    if ($runs === []) {
        return $f;
    }
    $n = $rec['n'];
    $tok = $n * TOKENS / 1000;
    $f['wall'] = median(array_column($runs, 'wall'));
    $f['ratio'] = $f['wall'] / IDEAL_S;
    $f['cpu'] = median(array_column($runs, 'cpu'));
    $f['cpu_per_1k'] = $f['cpu'] / $tok;
    $f['work_cpu_per_1k'] = median(array_column($runs, 'work_cpu')) / $tok;
    $f['rss_mb'] = median(array_column($runs, 'maxrss_kb')) / 1024;
    $f['ttft_p50'] = median(array_column($runs, 'ttft_p50'));
    $f['ttft_p99'] = median(array_column($runs, 'ttft_p99'));
    $f['failures'] = array_sum(array_column($runs, 'failures'));
    $f['tokens'] = array_sum(array_column($runs, 'tokens'));
    $f['expected'] = array_sum(array_column($runs, 'expected'));
    $errs = array_filter(array_column($runs, 'error'));
    $f['error'] = $errs ? reset($errs) : '';
    if ($base1 && isset($base1['rss_mb']) && $n > 1) {
        $inflight = $conc > 0 ? min($n, $conc) : $n; // $conc: most requests the client holds at once
        if ($inflight > 1) {
            $f['rss_per_stream_kb'] = ($f['rss_mb'] - $base1['rss_mb']) * 1024 / ($inflight - 1);
        }
    }
    return $f;
}

// ----------------------------------------------------------------- FPM figure
function fpm_section(array $opt, bool $quick, string $root, string $bench, array &$R, string $resultsFile): void
{
    $seconds = $quick ? 20 : 30;
    say("\n== FPM: page = 4 streamed LLM calls (tokens=50); php-fpm static pool of 5; nginx; wrk -c50 for {$seconds} s each");
    $srv = server_start($root);
    $pages = [
        'loom' => ['page_loom.php', 'Loom: 4 tasks, request() + events()'],
        'guzzle' => ['page_guzzle.php', 'Guzzle: 4 x requestAsync() + Utils::all()'],
        'curl-seq' => ['page_curl_seq.php', 'sequential curl_exec (status quo)'],
    ];
    $R['fpm'] = ['seconds' => $seconds, 'rows' => [], 'load_before' => loadavg()];
    foreach ($pages as $id => [$page, $label]) {
        $d = sys_get_temp_dir() . '/loom-bench-fpm-' . bin2hex(random_bytes(4));
        mkdir($d);
        $fport = free_port();
        $nport = free_port();
        $isRoot = posix_geteuid() === 0;
        $user = $isRoot ? "user = root\ngroup = root\n" : '';
        file_put_contents("$d/fpm.conf", <<<CONF
[global]
error_log = $d/fpm.log
daemonize = no
pid = $d/fpm.pid

[bench]
{$user}listen = 127.0.0.1:$fport
listen.backlog = 1024
pm = static
pm.max_children = 5
pm.max_requests = 0
request_terminate_timeout = 120s
catch_workers_output = yes
decorate_workers_output = no
clear_env = yes
env[LLM_URL] = {$srv['url']}
php_admin_value[extension] = {$opt['loom-so']}
php_admin_value[memory_limit] = 256M
php_admin_value[output_buffering] = 0
php_admin_flag[log_errors] = on
php_admin_value[error_log] = $d/php-errors.log

CONF);
        $nuser = $isRoot ? "user root;\n" : '';
        @mkdir("$d/tmp");
        file_put_contents("$d/nginx.conf", <<<CONF
{$nuser}worker_processes 1;
pid $d/nginx.pid;
error_log $d/nginx-error.log warn;
events { worker_connections 4096; }
http {
    access_log off;
    client_body_temp_path $d/tmp/body;
    proxy_temp_path $d/tmp/proxy;
    fastcgi_temp_path $d/tmp/fastcgi;
    uwsgi_temp_path $d/tmp/uwsgi;
    scgi_temp_path $d/tmp/scgi;
    server {
        listen 127.0.0.1:$nport;
        location / {
            fastcgi_pass 127.0.0.1:$fport;
            fastcgi_param SCRIPT_FILENAME $bench/fpm\$fastcgi_script_name;
            fastcgi_param SCRIPT_NAME \$fastcgi_script_name;
            fastcgi_param REQUEST_METHOD \$request_method;
            fastcgi_param QUERY_STRING \$query_string;
            fastcgi_param CONTENT_TYPE \$content_type;
            fastcgi_param CONTENT_LENGTH \$content_length;
            fastcgi_param REQUEST_URI \$request_uri;
            fastcgi_param SERVER_PROTOCOL \$server_protocol;
            fastcgi_param REMOTE_ADDR \$remote_addr;
            fastcgi_param SERVER_NAME \$server_name;
            fastcgi_param SERVER_PORT \$server_port;
            fastcgi_read_timeout 300s;
        }
    }
}

CONF);
        $fpmArgs = ['php-fpm8.2', '-F', '-O', '-y', "$d/fpm.conf", '-p', $d];
        if ($isRoot) {
            array_splice($fpmArgs, 1, 0, ['-R']);
        }
        $fpm = proc_open($fpmArgs, [0 => ['file', '/dev/null', 'r'], 1 => ['file', "$d/fpm.out", 'w'], 2 => ['file', "$d/fpm.out", 'a']], $p1);
        $ngx = proc_open(['nginx', '-p', $d, '-e', "$d/nginx-error.log", '-c', "$d/nginx.conf", '-g', 'daemon off;'],
            [0 => ['file', '/dev/null', 'r'], 1 => ['file', "$d/nginx.out", 'w'], 2 => ['file', "$d/nginx.out", 'a']], $p2);
        $fpmPid = proc_get_status($fpm)['pid'];
        $ngxPid = proc_get_status($ngx)['pid'];
        $row = ['id' => $id, 'label' => $label, 'status' => 'ok', 'note' => ''];
        try {
            $pageUrl = "http://127.0.0.1:$nport/$page";
            $ready = false;
            for ($i = 0; $i < 100 && !$ready; $i++) {
                usleep(100000);
                $ready = @file_get_contents("http://127.0.0.1:$nport/page_common.php", false,
                    stream_context_create(['http' => ['timeout' => 2, 'ignore_errors' => true]])) !== false;
            }
            if (!$ready) {
                throw new RuntimeException('nginx/php-fpm did not come up: ' . @file_get_contents("$d/fpm.log") . @file_get_contents("$d/nginx.out"));
            }
            // warm-up: one page per worker, all at once
            $mh = curl_multi_init();
            $hs = [];
            for ($i = 0; $i < 5; $i++) {
                $h = curl_init($pageUrl);
                curl_setopt_array($h, [CURLOPT_RETURNTRANSFER => true, CURLOPT_TIMEOUT => 60]);
                curl_multi_add_handle($mh, $h);
                $hs[] = $h;
            }
            do {
                curl_multi_exec($mh, $running);
                curl_multi_select($mh, 0.5);
            } while ($running);
            $warm = array_map(static fn ($h) => curl_getinfo($h, CURLINFO_RESPONSE_CODE) . ' ' . trim((string)curl_multi_getcontent($h)), $hs);
            foreach ($hs as $h) {
                curl_multi_remove_handle($mh, $h);
            }
            if (!str_starts_with($warm[0], '200 ok')) {
                throw new RuntimeException('warm-up page failed: ' . $warm[0]);
            }
            // the page reports its own duration: 5 pages at once, one per worker, nothing queued
            $times = array_map(static fn ($w) => preg_match('/in ([\d.]+) s/', $w, $mm) ? (float)$mm[1] : null, $warm);
            $row['page_s_unloaded'] = median($times);
            $workers = child_pids($fpmPid);
            $cpu0 = array_sum(array_map('proc_cpu_s', $workers));
            $wrk = run_measured(['wrk', '-t2', '-c50', "-d{$seconds}s", '--timeout', '100s', '--latency', $pageUrl], $seconds + 150);
            $cpu1 = array_sum(array_map('proc_cpu_s', $workers));
            $o = $wrk['out'];
            $row['wrk'] = $o;
            preg_match('/Requests\/sec:\s+([\d.]+)/', $o, $m) && $row['pages_s'] = (float)$m[1];
            preg_match('/(\d+) requests in ([\d.]+)(\w+)/', $o, $m) && $row['requests'] = (int)$m[1];
            preg_match('/^\s+50%\s+([\d.]+)(\w+)/m', $o, $m) && $row['p50_ms'] = to_ms($m[1], $m[2]);
            preg_match('/^\s+99%\s+([\d.]+)(\w+)/m', $o, $m) && $row['p99_ms'] = to_ms($m[1], $m[2]);
            $row['non2xx'] = preg_match('/Non-2xx or 3xx responses: (\d+)/', $o, $m) ? (int)$m[1] : 0;
            $row['socket_errors'] = preg_match('/Socket errors: (.*)/', $o, $m) ? trim($m[1]) : '';
            $row['worker_cpu_s'] = $cpu1 - $cpu0;
            if (!empty($row['requests'])) {
                $row['cpu_ms_per_page'] = 1000 * $row['worker_cpu_s'] / $row['requests'];
            }
            $row['worker_rss_mb'] = array_sum(array_map('proc_rss_kb', $workers)) / 1024 / max(1, count($workers));
            $log = (string)@file_get_contents("$d/fpm.log");
            if (preg_match('/exited on signal|SIGSEGV/', $log)) {
                $row['note'] .= 'worker crash in fpm.log; ';
            }
            say(sprintf('  %-9s %.2f pages/s, p50 %.0f ms, p99 %.0f ms, %d pages, non-2xx %d, worker CPU %.0f ms/page',
                $id, $row['pages_s'] ?? 0, $row['p50_ms'] ?? 0, $row['p99_ms'] ?? 0, $row['requests'] ?? 0, $row['non2xx'], $row['cpu_ms_per_page'] ?? 0));
        } catch (Throwable $e) {
            $row['status'] = 'failed';
            $row['note'] = $e->getMessage();
            say("  $id FAILED: " . $e->getMessage());
        } finally {
            foreach ([[$ngx, $ngxPid, SIGQUIT], [$fpm, $fpmPid, SIGQUIT]] as [$proc, $pid, $sig]) {
                posix_kill($pid, $sig);
                $deadline = microtime(true) + 10;
                while (proc_get_status($proc)['running'] && microtime(true) < $deadline) {
                    usleep(50000);
                }
                if (proc_get_status($proc)['running']) {
                    posix_kill($pid, SIGKILL);
                }
                proc_close($proc);
            }
            sh('rm -rf ' . escapeshellarg($d));
        }
        $R['fpm']['rows'][$id] = $row;
    }
    server_stop($srv);
    $R['fpm']['load_after'] = loadavg();
    file_put_contents($resultsFile, json_encode($R, JSON_PRETTY_PRINT | JSON_UNESCAPED_SLASHES));
}

function to_ms(string $v, string $unit): float
{
    return (float)$v * ['us' => 0.001, 'ms' => 1, 's' => 1000, 'm' => 60000][$unit];
}

function proc_cpu_s(int $pid): float
{
    $s = (string)@file_get_contents("/proc/$pid/stat");
    $f = explode(' ', substr($s, strrpos($s, ')') + 2));
    return count($f) > 13 ? ((int)$f[11] + (int)$f[12]) / 100 : 0.0; // utime, stime in clock ticks (USER_HZ 100)
}

function proc_rss_kb(int $pid): int
{
    $s = (string)@file_get_contents("/proc/$pid/status");
    return preg_match('/VmRSS:\s+(\d+)/', $s, $m) ? (int)$m[1] : 0;
}

// ----------------------------------------------------------- scheduler figure
function sched_section(array $opt, bool $quick, string $bench, array &$R, string $resultsFile): void
{
    $runs = $opt['runs'] ?: ($quick ? 3 : 5);
    say("\n== scheduler: µs per op, median of $runs runs (each run its own process)");
    $ops = [
        'spawn-await' => ['spawn + await, one at a time', 'spawn-await', 'spawn-await', 100000],
        'spawn-all' => ['spawn 10k, then await all (per task)', 'spawn-all', 'spawn-all', 10000],
        'yield' => ['suspend/resume: 2 tasks yielding (Loom\sleep(0) / Suspension+queue)', 'yield', 'yield', 100000],
        'yield-timer' => ['suspend/resume: 2 tasks, Loom\sleep(0) / Amp\delay(0)', 'yield', 'delay0', 100000],
        'channel' => ['channel ping-pong round trip (Loom\Channel / amphp/sync channel pair)', 'channel', 'channel', 100000],
    ];
    $R['sched'] = [];
    $R['sched_load'] = ['before' => loadavg()];
    foreach ($ops as $id => [$label, $loomOp, $ampOp, $k]) {
        $l = $a = [];
        for ($r = 0; $r < $runs; $r++) {
            foreach ([['loom', $loomOp], ['amp', $ampOp]] as [$side, $op]) {
                $cmd = $side === 'loom'
                    ? [PHP_BINARY, '-d', 'extension=' . $opt['loom-so'], "$bench/sched_loom.php", $op, (string)$k]
                    : [PHP_BINARY, "$bench/sched_amp.php", $op, (string)$k];
                $res = run_measured($cmd, 120);
                $j = json_decode(trim($res['out']), true);
                if ($side === 'loom') {
                    $l[] = $j['us_per_op'] ?? null;
                } else {
                    $a[] = $j['us_per_op'] ?? null;
                }
            }
        }
        $R['sched'][$id] = ['label' => $label, 'iters' => $k, 'loom' => median($l), 'amp' => median($a), 'loom_runs' => $l, 'amp_runs' => $a];
        say(sprintf('  %-12s Loom %.3f µs, AMPHP %.3f µs (%s)', $id, median($l) ?? -1, median($a) ?? -1, $label));
    }
    $R['sched_load']['after'] = loadavg();
    file_put_contents($resultsFile, json_encode($R, JSON_PRETTY_PRINT | JSON_UNESCAPED_SLASHES));
}

// -------------------------------------------------------------------- report
function fmt(?float $v, int $dec = 2): string
{
    return $v === null ? '–' : number_format($v, $dec, '.', '');
}

function report(array $R, array $CONTENDERS, string $bench): string
{
    $m = $R['meta'];
    $md = [];
    $ns = [];
    foreach ($R['streams'] as $key => $rec) {
        if (isset($rec['id'])) {
            $ns[$rec['n']] = true;
        }
    }
    $ns = array_keys($ns);
    sort($ns);
    $fig = [];
    foreach ($CONTENDERS as $c) {
        $base1 = null;
        foreach ($ns as $n) {
            $rec = $R['streams'][$c['id'] . '@' . $n] ?? null;
            if ($rec === null) {
                continue;
            }
            $fig[$c['id']][$n] = stream_figures($rec, $base1, $c['mem_conc'] ?? $c['conc']);
            if ($n === 1) {
                $base1 = $fig[$c['id']][1];
            }
        }
    }
    $cell = static function (?array $f, string $what): string {
        if ($f === null) {
            return '–';
        }
        if (!isset($f['wall'])) {
            if ($f['status'] === 'capped') {
                return $what === 'ratio' && isset($f['extrapolated_wall']) ? '~' . fmt($f['extrapolated_wall'] / IDEAL_S, 0) . '× (est.)' : '–';
            }
            return 'n/a';
        }
        $s = match ($what) {
            'ratio' => fmt($f['ratio']) . '×',
            'cpu' => fmt($f['cpu_per_1k'] * 1000, 1),
            'rss' => fmt($f['rss_mb'], 0),
            'ttft99' => fmt($f['ttft_p99'], 0),
        };
        if ($f['failures'] > 0 || $f['status'] === 'failed') {
            $s .= ' ✗';
        }
        return $s;
    };

    // headline
    $md[] = '# Loom benchmarks: streaming LLM responses from PHP';
    $md[] = '';
    $md[] = sprintf('%s, `%s` (%s run), Loom %s. Machine: %s cores (%s), %s RAM; %s; %s; libcurl %s, libuv %s.',
        $m['date'] ?? '?', $m['command'] ?? '?', $m['mode'] ?? '?', $m['loom_commit'] ?? '?', $m['nproc'] ?? '?', $m['cpu'] ?? '?',
        $m['mem'] ?? '?', $m['php'] ?? '?', $m['uname'] ?? '?', $m['libcurl'] ?? '?', $m['libuv'] ?? '?');
    $md[] = '';
    $md[] = '## Headline';
    $md[] = '';
    $md[] = sprintf('N concurrent OpenAI-style streams from one PHP process (%d tokens each, %d ms apart, first after %d ms: one stream ideally takes %.2f s). Each client parses the SSE and JSON-decodes every event; medians of several runs; ✗ = some stream missed tokens or failed. Lower is better everywhere.', TOKENS, INTERVAL_MS, TTFT_MS, IDEAL_S);
    $md[] = '';
    $headN = array_values(array_filter($ns, static fn ($n) => $n >= 100));
    $hdr = '| client | kind |';
    $sep = '|---|---|';
    foreach ($headN as $n) {
        $hdr .= " wall/ideal N=$n | CPU ms/1k tok N=$n |";
        $sep .= '---:|---:|';
    }
    $hdr .= ' peak RSS MB N=' . max($headN ?: [0]) . ' |';
    $sep .= '---:|';
    $md[] = $hdr;
    $md[] = $sep;
    foreach ($CONTENDERS as $c) {
        $line = "| {$c['id']} | {$c['kind']} |";
        foreach ($headN as $n) {
            $line .= ' ' . $cell($fig[$c['id']][$n] ?? null, 'ratio') . ' | ' . $cell($fig[$c['id']][$n] ?? null, 'cpu') . ' |';
        }
        $line .= ' ' . $cell($fig[$c['id']][max($headN ?: [0])] ?? null, 'rss') . ' |';
        $md[] = $line;
    }
    $md[] = '';
    $md[] = '"est." = not run, because the client\'s built-in concurrency cap (Guzzle Pool 25, Symfony 6 connections per host, sequential curl 1) makes a run take minutes; the figure is ⌈N/cap⌉ streams one after another (where those clients were run, at smaller N, they took exactly that). 2 shared cores: at N=10000 client and server compete for CPU.';
    $md[] = '';
    if (!empty($R['fpm']['rows'])) {
        $parts = [];
        foreach ($R['fpm']['rows'] as $id => $r) {
            $parts[] = sprintf('%s %s pages/s (p50 %s s)', $id, fmt($r['pages_s'] ?? null), fmt(isset($r['p50_ms']) ? $r['p50_ms'] / 1000 : null, 1));
        }
        $md[] = '**PHP-FPM** (5 static workers, 50 concurrent clients, a page = 4 streamed LLM calls): ' . implode(', ', $parts) . '.';
        $md[] = '';
    }
    if (!empty($R['sched'])) {
        $parts = [];
        foreach ($R['sched'] as $id => $s) {
            $parts[] = sprintf('%s %s vs %s µs', $id, fmt($s['loom'], 2), fmt($s['amp'], 2));
        }
        $md[] = '**Scheduler** (Loom vs AMPHP v3/Revolt, µs per op): ' . implode('; ', $parts) . '.';
        $md[] = '';
    }

    // full tables
    $md[] = '## Streams: every figure';
    $md[] = '';
    $md[] = 'wall/ideal = median wall time ÷ ' . fmt(IDEAL_S) . ' s. CPU = user+sys of the whole client process (`/usr/bin/time`, PHP start-up and autoloading included) per 1,000 tokens; "work" = the same from `getrusage()` inside the client, from the first request to the last token. RSS = peak resident set (`/usr/bin/time` %M); per stream = (RSS at N − RSS at N=1) ÷ (streams in flight − 1), where Guzzle\'s Pool (defaults) holds at most 25 requests and sequential curl one (Symfony creates all N responses up front and only queues their connections). TTFT = from the moment all N requests are wanted (t0) to each stream\'s first token as the program sees it. fails = failed/short streams summed over all runs.';
    $md[] = '';
    foreach ($ns as $n) {
        $md[] = "### N = $n";
        $md[] = '';
        $md[] = '| client | kind | wall s | wall/ideal | CPU ms/1k tok | work CPU ms/1k tok | peak RSS MB | RSS KB/stream | TTFT p50 ms | TTFT p99 ms | tokens ok | runs | note |';
        $md[] = '|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---|---:|---|';
        foreach ($CONTENDERS as $c) {
            $f = $fig[$c['id']][$n] ?? null;
            if ($f === null) {
                continue;
            }
            if (!isset($f['wall'])) {
                $md[] = "| {$c['id']} | {$c['kind']} | {$f['status']} | | | | | | | | | 0 | " . str_replace('|', '/', $f['note']) . ' |';
                continue;
            }
            $ok = $f['failures'] === 0 && $f['tokens'] === $f['expected'] ? 'yes' : sprintf('NO: %d fails, %d/%d tok', $f['failures'], $f['tokens'], $f['expected']);
            $note = trim($f['note'] . ' ' . ($f['error'] !== '' ? 'first error: ' . $f['error'] : ''));
            $md[] = sprintf('| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %d | %s |', $c['id'], $c['kind'], fmt($f['wall'], 3), fmt($f['ratio']),
                fmt($f['cpu_per_1k'] * 1000, 1), fmt($f['work_cpu_per_1k'] * 1000, 1), fmt($f['rss_mb'], 1),
                isset($f['rss_per_stream_kb']) ? fmt($f['rss_per_stream_kb'], 1) : '–', fmt($f['ttft_p50'], 0), fmt($f['ttft_p99'], 0), $ok, $f['runs'],
                str_replace('|', '/', $note));
        }
        if (isset($R['streams']["server@$n"]['server_rss_kb'])) {
            $sv = $R['streams']["server@$n"];
            $md[] = '';
            $md[] = sprintf('(llm-server RSS after these runs: %.0f MB. Load average (1/5/15 min) before: %s, after: %s.)',
                $sv['server_rss_kb'] / 1024, $sv['load_before'] ?? '?', $sv['load_after'] ?? '?');
        }
        $md[] = '';
    }

    // ratios
    $md[] = '## Loom vs each peer';
    $md[] = '';
    $md[] = 'peer ÷ Loom (loom-tasks), medians: **>1 means Loom is better** (faster, less CPU, less memory). "w" wall time, "c" process CPU, "m" peak RSS.';
    $md[] = '';
    $md[] = '| peer | ' . implode(' | ', array_map(static fn ($n) => "N=$n", $ns)) . ' |';
    $md[] = '|---|' . str_repeat('---|', count($ns));
    foreach ($CONTENDERS as $c) {
        if ($c['id'] === 'loom-tasks') {
            continue;
        }
        $line = "| {$c['id']} |";
        foreach ($ns as $n) {
            $p = $fig[$c['id']][$n] ?? null;
            $l = $fig['loom-tasks'][$n] ?? null;
            if (!isset($p['wall'], $l['wall'])) {
                $line .= ' ' . ($p['status'] ?? '–') . ' |';
                continue;
            }
            $line .= sprintf(' w %s · c %s · m %s |', fmt($p['wall'] / $l['wall']), fmt($p['cpu'] / $l['cpu']), fmt($p['rss_mb'] / $l['rss_mb']));
        }
        $md[] = $line;
    }
    $md[] = '';

    // FPM
    if (!empty($R['fpm']['rows'])) {
        $md[] = '## PHP-FPM: pages/s for a page making 4 LLM calls';
        $md[] = '';
        $md[] = sprintf('php-fpm8.2, `pm = static`, 5 workers, behind nginx (FastCGI); `wrk -t2 -c50 -d%ds --timeout 100s`; each page makes 4 streamed calls (tokens=50, 1.18 s each) and checks it got 200 tokens (else HTTP 500). Ideal: 4 calls at once = 1.18 s/page → 5 workers ≈ 4.2 pages/s; one after another = 4.72 s/page → ≈ 1.06 pages/s. Latency includes queueing for a worker (50 clients, 5 workers); requests still queued when wrk stops are not counted.', $R['fpm']['seconds']);
        $md[] = '';
        $md[] = '| page | pages/s | pages | page time unloaded s | p50 latency ms | p99 latency ms | non-2xx | socket errors | worker CPU ms/page | worker RSS MB | note |';
        $md[] = '|---|---:|---:|---:|---:|---:|---:|---|---:|---:|---|';
        $fpmRows = $R['fpm']['rows'];
        foreach ($fpmRows as $id => $r) {
            $md[] = sprintf('| %s — %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |', $id, $r['label'], fmt($r['pages_s'] ?? null), $r['requests'] ?? '–',
                fmt($r['page_s_unloaded'] ?? null, 2), fmt($r['p50_ms'] ?? null, 0), fmt($r['p99_ms'] ?? null, 0), $r['non2xx'] ?? '–', $r['socket_errors'] ?? '', fmt($r['cpu_ms_per_page'] ?? null, 1),
                fmt($r['worker_rss_mb'] ?? null, 1), str_replace('|', '/', $r['note']));
        }
        $md[] = '';
        $md[] = sprintf('(Load average before: %s, after: %s. Worker CPU is read from /proc in 10-ms ticks.)', $R['fpm']['load_before'] ?? '?', $R['fpm']['load_after'] ?? '?');
        $md[] = '';
    }

    // scheduler
    if (!empty($R['sched'])) {
        $md[] = '## Scheduler: Loom vs AMPHP v3 / Revolt';
        $md[] = '';
        $md[] = 'µs per op, median of the runs (each run its own process; Loom without any Composer code loaded, AMPHP without Loom loaded). ratio = AMPHP ÷ Loom (>1: Loom is faster).';
        $md[] = '';
        $md[] = '| op | iterations | Loom µs | AMPHP µs | ratio | Loom runs | AMPHP runs |';
        $md[] = '|---|---:|---:|---:|---:|---|---|';
        foreach ($R['sched'] as $id => $s) {
            $md[] = sprintf('| %s | %d | %s | %s | %s | %s | %s |', $s['label'], $s['iters'], fmt($s['loom'], 3), fmt($s['amp'], 3),
                $s['loom'] ? fmt($s['amp'] / $s['loom'], 1) . '×' : '–',
                implode(', ', array_map(static fn ($v) => fmt($v, 3), $s['loom_runs'])), implode(', ', array_map(static fn ($v) => fmt($v, 3), $s['amp_runs'])));
        }
        $md[] = '';
        if (isset($R['sched_load'])) {
            $md[] = sprintf('(Load average before: %s, after: %s.)', $R['sched_load']['before'] ?? '?', $R['sched_load']['after'] ?? '?');
            $md[] = '';
        }
    }

    // peers list and notes
    $md[] = '## Clients';
    $md[] = '';
    foreach ($CONTENDERS as $c) {
        $md[] = "- **{$c['id']}** ({$c['kind']}): {$c['label']}.";
    }
    $md[] = '- **AMPHP** (amphp/http-client): not available in this environment\'s package mirror, so not measured. revolt/event-loop and amphp/amp alone have no HTTP client (amphp/socket is there, but an HTTP/1.1 + chunked + SSE client written on it for this benchmark would not be what users pick); AMPHP appears only in the scheduler figure.';
    $md[] = '';
    $md[] = '## Environment';
    $md[] = '';
    $md[] = '- Date: ' . ($m['date'] ?? '?');
    $md[] = '- Command: `' . ($m['command'] ?? '?') . '`';
    $md[] = '- `nproc`: ' . ($m['nproc'] ?? '?') . '; CPU: ' . ($m['cpu'] ?? '?') . '; RAM: ' . ($m['mem'] ?? '?');
    $md[] = '- `uname -a`: ' . ($m['uname'] ?? '?');
    $md[] = '- `php -v`: ' . ($m['php'] ?? '?') . ' (CLI defaults; opcache off in the CLI; clients run with `-d memory_limit=4G`)';
    $md[] = '- libcurl ' . ($m['libcurl'] ?? '?') . ', libuv ' . ($m['libuv'] ?? '?') . '; Composer: ' . ($m['packages'] ?? '?');
    $md[] = '- Loom: commit ' . ($m['loom_commit'] ?? '?') . ', ' . ($m['loom_build'] ?? '?');
    $md[] = '- `ulimit -n`: ' . ($m['ulimit_n'] ?? '?');
    $md[] = '';
    $md[] = '## Notes';
    $md[] = '';
    $md[] = '- The machine is shared and noisy, with 2 cores that the LLM server (C, libuv, one thread) shares with the client under test; at N ≥ 1000 the server\'s own CPU use and the kernel\'s loopback work are part of every wall time. Medians of several runs, clients interleaved round-robin (the order rotates each run).';
    $md[] = '- Peers with a built-in concurrency cap (Guzzle Pool default 25, Symfony 6 connections per host, sequential curl 1) are run only while the projected wall time per run stays under the budget (25 s quick, 60 s full); otherwise the row says "capped" with the extrapolated wall (⌈N/cap⌉ × 1.18 s). Sequential curl runs at N ≤ 10 only.';
    $md[] = '- guzzle-default buffers each body, so its TTFT is when the whole response is in (that is what a user of the defaults sees). guzzle-stream (`stream => true`) routes to Guzzle\'s PHP-stream handler: requests open concurrently, but each body is read with blocking reads in the Pool\'s callback, so streams are consumed one after the other (TTFT p50 ≈ the first stream\'s full length).';
    $md[] = '- A client that fails (crash, timeout, missing tokens) at one N is not run at larger N; the reason is in the note column. No PHP client here uses select(): curl_multi_select() and Symfony/Guzzle\'s curl handlers poll(), Loom and the floor use epoll through libuv, so FD_SETSIZE is not a limit; the clients run with `ulimit -n` raised to the hard limit.';
    $md[] = '- At N = 10000 the TTFT of every client is dominated by opening 10,000 loopback connections at once (the floor\'s own p50 is over a second); compare clients with each other there, not with the 200-ms ideal.';
    $md[] = '- Other work (other sessions\' test suites) ran on the same machine at times; the load average before and after each block is printed under its table, so a noisy block can be spotted and re-run (`--ns 10000 --merge`).';
    $md[] = '';
    $analysis = "$bench/analysis.md";
    if (is_file($analysis)) {
        $md[] = trim((string)file_get_contents($analysis));
        $md[] = '';
    }
    return implode("\n", $md);
}

// ---------------------------------------------------------------------- main
if (!$opt['report-only']) {
    if ($opt['loom-so'] === '' || !is_file($opt['loom-so'])) {
        fwrite(STDERR, "harness: --loom-so must name a built loom.so\n");
        exit(2);
    }
    $R['meta'] = collect_meta($opt, $ROOT, $quick) + ($opt['merge'] ? $R['meta'] : []);
    if ($opt['merge'] && $opt['command'] !== '') {
        $R['meta']['command'] = $opt['command'];
    }
    file_put_contents($resultsFile, json_encode($R, JSON_PRETTY_PRINT | JSON_UNESCAPED_SLASHES));
    if (in_array('streams', $sections, true)) {
        if (!is_executable($opt['floor'])) {
            fwrite(STDERR, "harness: --floor must name the built native client\n");
            exit(2);
        }
        streams_section($opt, $RUN_CONTENDERS, $quick, $ROOT, $R, $resultsFile);
    }
    if (in_array('fpm', $sections, true)) {
        fpm_section($opt, $quick, $ROOT, $BENCH, $R, $resultsFile);
    }
    if (in_array('sched', $sections, true)) {
        sched_section($opt, $quick, $BENCH, $R, $resultsFile);
    }
}
// A run of some clients only (--clients, without figures of the others to merge with) writes its own file,
// so RESULTS.md never loses rows.
$partial = $opt['clients'] !== '' && count($RUN_CONTENDERS) < count($CONTENDERS) && !$opt['merge'];
$md = report($R, $partial ? $RUN_CONTENDERS : $CONTENDERS, $BENCH);
$target = $partial ? "$OUT/RESULTS-" . str_replace(',', '+', $opt['clients']) . '.md' : "$BENCH/RESULTS.md";
file_put_contents($target, $md . "\n");
// the terminal gets the same tables, without the prose
say("\n" . implode("\n", array_filter(explode("\n", $md), static fn ($l) => $l === '' || $l[0] === '|' || $l[0] === '#')));
say("\nwrote " . substr($target, strlen(dirname($BENCH)) + 1) . " (raw data: bench/out/results.json)");
