--TEST--
Relay: serve() in this process (so it runs under valgrind too) relays a stream, cancels the upstream of a browser that left, refuses a reused token, and returns on SIGTERM with Loom's counts at baseline
--SKIPIF--
<?php
if (!function_exists('pcntl_fork') || !function_exists('posix_kill')) die('skip needs pcntl and posix');
?>
--FILE--
<?php
require __DIR__ . '/../inc/loom.inc';
require __DIR__ . '/../inc/server.inc';
// The client side runs in a forked child: it starts the upstream itself (no shutdown function of this
// process may stop it twice), registers streams as an FPM page would and attaches to them as nginx would.
$dir = sys_get_temp_dir() . '/loom-relay-inproc-' . getmypid();
@mkdir($dir);
$sock = "$dir/relay.sock";
$bin = loom_test_server_build();
$child = pcntl_fork();
if ($child === 0) {
    $out = fopen("$dir/child.out", 'w');
    $say = fn(string $s) => fwrite($out, $s . "\n");
    $deadline = microtime(true) + 60;
    while (!file_exists($sock) && microtime(true) < $deadline) {
        usleep(10000);
    }
    $srv = proc_open([$bin, '--host', '127.0.0.1', '--port', '0'], [0 => ['file', '/dev/null', 'r'], 1 => ['pipe', 'w'], 2 => ['file', '/dev/null', 'w']], $pipes);
    $port = (int)substr(strrchr(trim(fgets($pipes[1])), ':'), 1);
    $up = "http://127.0.0.1:$port";
    $counters = fn() => json_decode(file_get_contents("$up/counters"), true);
    $register = function (string $upstream) use ($sock): string {
        $payload = serialize(['GET', $upstream, ['headers' => ['Authorization' => 'Bearer sk-inproc-secret']], ['format' => 'sse']]);
        $bind = 'rid-1 127.0.0.1:1';
        $s = stream_socket_client("unix://$sock");
        fwrite($s, "LOOM-RELAY/1 REGISTER " . strlen($bind) . ' ' . strlen($payload) . "\n$bind$payload");
        $answer = trim(fgets($s));
        fclose($s);
        return substr($answer, 3);
    };
    $attach = function (string $token) use ($sock) {
        $s = stream_socket_client("unix://$sock");
        fwrite($s, "GET /loom-relay/$token HTTP/1.1\r\nHost: relay\r\nX-Loom-Bind: rid-1 127.0.0.1:1\r\n\r\n");
        return $s;
    };
    $token = $register("$up/v1/chat/completions?tokens=5&interval_ms=1&ttft_ms=0");
    $body = stream_get_contents($attach($token));
    preg_match_all('/"content":"([^"]*)"/', $body, $m);
    $say("stream: " . strtok($body, "\r\n") . ", tokens " . implode('', $m[1]) . ", done " . (str_contains($body, "data: [DONE]\n\n") ? 'yes' : 'no'));
    $say("secret in the stream: " . (str_contains($body, 'sk-inproc-secret') ? 'YES' : 'no'));
    $say("the token again: " . strtok(stream_get_contents($attach($token)), "\r\n"));

    $gate = 'inproc-' . getmypid();
    $s = $attach($register("$up/v1/chat/completions?tokens=50&interval_ms=1&ttft_ms=0&gate=$gate"));
    $head = '';
    while (!str_contains($head, '"t0 "') && !feof($s)) {
        $head .= fread($s, 8192);
    }
    $say("held stream got token 0, upstream connections open: " . $counters()['open']);
    fclose($s);   // the browser leaves
    $deadline = microtime(true) + 60;
    while ($counters()['open'] !== 1 && microtime(true) < $deadline) {
        usleep(10000);
    }
    $say("after the browser left, upstream connections open: " . $counters()['open']);
    posix_kill(posix_getppid(), SIGTERM);
    proc_terminate($srv);
    proc_close($srv);
    fclose($out);
    posix_kill(posix_getpid(), SIGKILL);   // no shutdown functions of the parent's in this copy
}
Loom\Relay\serve($sock, ['token_ttl' => 30, 'drain_timeout' => 10]);
echo "serve() returned\n";
pcntl_waitpid($child, $status);
echo file_get_contents("$dir/child.out");
echo "socket file removed: ", file_exists($sock) ? 'no' : 'yes', "\n";
@unlink("$dir/child.out");
@rmdir($dir);
loom_assert_baseline();
?>
--EXPECT--
serve() returned
stream: HTTP/1.1 200 OK, tokens t0 t1 t2 t3 t4 , done yes
secret in the stream: no
the token again: HTTP/1.1 404 Not Found
held stream got token 0, upstream connections open: 2
after the browser left, upstream connections open: 1
socket file removed: yes
baseline: ok
