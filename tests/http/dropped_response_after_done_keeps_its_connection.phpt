--TEST--
Http: a stream read up to [DONE] and dropped before its last bytes arrived finishes in the background (bounded), so its connection is reused instead of closed
--FILE--
<?php
require __DIR__ . '/../inc/loom.inc';
require __DIR__ . '/../inc/server.inc';
$srv = loom_test_server_start();
$c = new Loom\Http\Client(['base_uri' => $srv['url']]);
// [DONE] arrives first; a comment and the end of the chunked body follow only once the test opens the
// server's gate, so they cannot have arrived when the response is dropped.
$q = http_build_query(['data' => "data: {\"n\":1}\n\ndata: [DONE]\n\n: trailing\n", 'chunk' => 29, 'gate' => 'rest']);
$r = $c->request('GET', "/sse?$q");
foreach ($r->events() as $e) {
    echo $e->data, "\n";
    if ($e->data === '[DONE]') break;
}
unset($r, $e);                                   // the response object is gone mid-body
$s = Loom\stats();                               // still reading the rest in the background
echo "dropped: curl_handles={$s['curl_handles']} sockets={$s['sockets']}\n";
// Release the rest through a plain PHP request (not one of the client's connections).
echo file_get_contents("{$srv['url']}/open?gate=rest");
loom_wait_until(fn() => Loom\stats()['curl_handles'] === 0, 'the dropped transfer to read its rest');
$s = Loom\stats();
echo "after the rest arrived: curl_handles={$s['curl_handles']} sockets={$s['sockets']}\n";
var_dump($c->request('GET', '/json?n=2')->json());
echo "sockets after a second request: ", Loom\stats()['sockets'], "\n";
loom_test_server_stop($srv);
?>
--EXPECT--
{"n":1}
[DONE]
dropped: curl_handles=1 sockets=1
open
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
