--TEST--
Relay: a browser that reads slowly holds back the upstream (the relay's write queue and Loom's read pause) instead of filling the relay's memory: 64 MiB pass through with the relay's peak RSS growing by less than 24 MiB
--SKIPIF--
<?php require __DIR__ . '/../inc/relay.inc'; loom_relay_skipif(); ?>
--FILE--
<?php
require __DIR__ . '/../inc/relay.inc';
$s = loom_relay_stack(['max_children' => 1]);
$kb = function (string $field) use ($s): int {
    preg_match("/^$field:\\s+(\\d+)/m", file_get_contents("/proc/{$s['relay']['pid']}/status"), $m);
    return (int)$m[1];
};
$before = $kb('VmRSS');
$size = 64 << 20;
$url = "{$s['nginx']['url']}/chat.php?" . http_build_query(['format' => 'raw', 'secret' => 'x',
    'upstream' => "{$s['up']['url']}/bytes?n=$size&chunk=65536"]);
$client = new Loom\Http\Client(['timeout' => ['idle' => 60]]);
$r = $client->request('GET', $url);
$got = 0;
foreach ($r->chunks() as $chunk) {
    $got += strlen($chunk);
    Loom\sleep(0.001);   // a slow reader: the upstream is much faster
}
echo "status: ", $r->status(), "\n";
echo "bytes through: ", $got === $size ? '64 MiB' : $got, "\n";
$growth = ($kb('VmHWM') - $before) / 1024;
echo "relay peak RSS growth under 24 MiB: ", $growth < 24 ? 'yes' : sprintf('no (%.1f MiB)', $growth), "\n";
?>
--EXPECT--
status: 200
bytes through: 64 MiB
relay peak RSS growth under 24 MiB: yes
