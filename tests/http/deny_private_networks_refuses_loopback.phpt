--TEST--
Http: with deny_private_networks (off by default) a connect to a loopback or private address is refused with phase connect, checked on the resolved address of every hop including redirects
--FILE--
<?php
require __DIR__ . '/../inc/loom.inc';
require __DIR__ . '/../inc/server.inc';
$srv = loom_test_server_start();
$port = $srv['port'];
$open = new Loom\Http\Client();
var_dump($open->request('GET', "{$srv['url']}/json?n=1")->status());   // default: loopback allowed
$strict = new Loom\Http\Client(['deny_private_networks' => true]);
foreach (["http://127.0.0.1:$port/json", "http://localhost:$port/json", "http://[::1]:$port/json"] as $url) {
    try {
        $strict->request('GET', $url);
        echo "allowed (wrong)\n";
    } catch (Loom\Http\TransportException $e) {
        echo $e->getPhase(), ': ', str_replace(":$port", ':PORT', $e->getMessage()), "\n";
    }
}
// Per request, too: a request may turn it on for one call.
try {
    $open->request('GET', "{$srv['url']}/json", ['deny_private_networks' => true]);
} catch (Loom\Http\TransportException $e) {
    echo "per request: ", $e->getPhase(), "\n";
}
try {
    new Loom\Http\Client(['deny_private_networks' => 'yes']);
} catch (Loom\Http\InvalidArgumentException $e) {
    echo $e->getMessage(), "\n";
}
loom_test_server_stop($srv);
?>
--EXPECTF--
int(200)
connect: Could not connect to http://127.0.0.1:PORT/json: refused to connect to 127.0.0.1: a loopback, private, link-local or multicast address (deny_private_networks)
connect: Could not connect to http://localhost:PORT/json: refused to connect to %s: a loopback, private, link-local or multicast address (deny_private_networks)
connect: Could not connect to http://[::1]:PORT/json: refused to connect to ::1: a loopback, private, link-local or multicast address (deny_private_networks)
per request: connect
Option "deny_private_networks" must be a bool, string given
