--TEST--
Http: a stream read up to [DONE] and dropped before its last bytes arrived finishes in the background (bounded), so its connection is reused instead of closed
--FILE--
<?php
require __DIR__ . '/../inc/loom.inc';
require __DIR__ . '/../inc/server.inc';
$srv = loom_test_server_start();
$c = new Loom\Http\Client(['base_uri' => $srv['url']]);
// [DONE] arrives first; a comment and the end of the chunked body follow 100 ms later.
$q = http_build_query(['data' => "data: {\"n\":1}\n\ndata: [DONE]\n\n: trailing\n", 'chunk' => 29, 'interval_ms' => 100]);
$r = $c->request('GET', "/sse?$q");
foreach ($r->events() as $e) {
    echo $e->data, "\n";
    if ($e->data === '[DONE]') break;
}
unset($r, $e);                                   // the response object is gone mid-body
var_dump(Loom\stats()['curl_handles']);          // still reading the rest in the background
Loom\sleep(0.4);
$s = Loom\stats();
echo "after the rest arrived: curl_handles={$s['curl_handles']} sockets={$s['sockets']}\n";
var_dump($c->request('GET', '/json?n=2')->json());
echo "sockets after a second request: ", Loom\stats()['sockets'], "\n";
loom_test_server_stop($srv);
?>
--EXPECT--
{"n":1}
[DONE]
int(1)
after the rest arrived: curl_handles=0 sockets=1
array(1) {
  ["items"]=>
  array(2) {
    [0]=>
    int(0)
    [1]=>
    int(1)
  }
}
sockets after a second request: 1
