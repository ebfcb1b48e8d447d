--TEST--
Hook: curl_exec() gives what plain PHP gives (hook off), at the top level and inside a task: body, refused connection, CURLOPT_TIMEOUT_MS (errno 28), write/header callbacks, standard output, an aborting write callback, a throwing one, HTTP error status, redirects, POST bodies (string, array, READFUNCTION), CURLOPT_FILE
--SKIPIF--
<?php
require __DIR__ . '/../inc/curl_hook.inc';
if ($r = loom_curl_hook_skip_reason()) die("skip $r");
?>
--FILE--
<?php
require __DIR__ . '/../inc/curl_hook.inc';
require __DIR__ . '/parity_cases.inc';
$srv = loom_test_server_start();
$port = loom_test_free_port();
$plain = json_decode(loom_curl_hook_child(__DIR__ . '/parity_cases.inc', [$srv['url'], $port], ['loom.hook_curl' => 0]), true);
$top = json_decode(json_encode(loom_parity_run_all($srv['url'], $port)), true);
$task = json_decode(json_encode(Loom\spawn(fn() => loom_parity_run_all($srv['url'], $port))->await()), true);
foreach ($plain as $name => $p) {
    $same = $p === $top[$name] && $p === $task[$name];
    echo str_pad($name, 32), $same ? 'same' : "DIFFERENT\n plain: " . json_encode($p) . "\n top:   " . json_encode($top[$name]) . "\n task:  " . json_encode($task[$name]), "\n";
}
// What plain PHP gave, so the comparison is not between two wrong answers.
foreach (['refused connection', 'timeout_ms is errno 28', 'write callback that aborts'] as $k) echo "$k: errno ", $plain[$k]['errno'], ' ret ', json_encode($plain[$k]['ret']), "\n";
echo 'callbacks: ', $plain['write and header callbacks']['body'], ' ', count($plain['write and header callbacks']['headers']) > 3 ? 'headers seen' : 'no headers', "\n";
echo 'stdout: ', $plain['standard output']['out'], "\n";
echo 'thrown: ', $plain['exception in a write callback']['caught'], "\n";
echo 'status: ', $plain['http error status'][0]['code'], ' ', $plain['http error status'][1]['errno'], "\n";
echo 'redirects: ', $plain['redirects with followlocation']['redirects'], ' ', $plain['redirects with followlocation']['ret'], "\n";
echo 'post: ', json_encode($plain['post string']['ret']), ' ', json_encode($plain['post through readfunction']['ret']), "\n";
echo 'file: ', $plain['curlopt_file']['size'], "\n";
loom_test_server_stop($srv);
loom_assert_http_baseline(8);
?>
--EXPECT--
body                            same
refused connection              same
timeout_ms is errno 28          same
write and header callbacks      same
standard output                 same
write callback that aborts      same
exception in a write callback   same
http error status               same
redirects with followlocation   same
post string                     same
post array (multipart)          same
post through readfunction       same
curlopt_file                    same
refused connection: errno 7 ret false
timeout_ms is errno 28: errno 28 ret false
write callback that aborts: errno 23 ret false
callbacks: abcd headers seen
stdout: {"items":[0,1,2]}
thrown: thrown in callback
status: 404 22
redirects: 4 /echo
post: ["POST","a=1&b=two","application\/x-www-form-urlencoded"] ["POST","one,two,three"]
file: 5000
baseline: ok
