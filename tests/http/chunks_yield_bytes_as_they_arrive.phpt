--TEST--
Http: chunks() yields body pieces as they arrive (the first piece comes while the server still holds back the rest) and suspends only the iterating task
--FILE--
<?php
require __DIR__ . '/../inc/http.inc';
$srv = loom_test_server_start();
// The server sends "abc", then holds "def" and the end of the body at a gate until the test opens it.
// The idle timeout only turns a broken chunks() (one that waits for the whole body) into a failure.
$c = new Loom\Http\Client(['timeout' => ['idle' => 20]]);
$r = $c->request('GET', "{$srv['url']}/sse?data=abcdef&chunk=3&gate=rest");
$firstSeen = new Loom\Channel(1);
// Another task opens the gate once the reader has its first piece: it can run only because chunks()
// suspends just the iterating task.
$opener = Loom\spawn(function () use ($firstSeen, $srv) {
    $first = $firstSeen->receive();
    echo "other task runs while the reader waits; first piece was ", json_encode($first), "\n";
    echo file_get_contents("{$srv['url']}/open?gate=rest");
});
$pieces = [];
foreach ($r->chunks() as $i => $chunk) {
    $pieces[] = $chunk;
    if (count($pieces) === 1) $firstSeen->send($chunk);
}
$opener->await();
var_dump(implode('', $pieces));
var_dump($pieces[0]);                        // handed over before the rest existed on the server
var_dump(array_keys($pieces) === range(0, count($pieces) - 1));
loom_test_server_stop($srv);
loom_assert_http_baseline(1);
?>
--EXPECT--
other task runs while the reader waits; first piece was "abc"
open
string(6) "abcdef"
string(3) "abc"
bool(true)
baseline: ok
