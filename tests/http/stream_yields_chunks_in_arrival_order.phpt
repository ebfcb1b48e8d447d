--TEST--
Http: Client::stream() yields Response => chunk in arrival order across responses, and Response => '' exactly once when each one is done
--FILE--
<?php
require __DIR__ . '/../inc/http.inc';
$srv = loom_test_server_start();
$c = new Loom\Http\Client(['base_uri' => $srv['url']]);
$responses = [
    'slow' => $c->request('GET', '/drip?n=3&interval_ms=400&body=SLO'),
    'fast' => $c->request('GET', '/drip?n=3&interval_ms=30&body=fst'),
    'big' => $c->request('GET', '/bytes?n=200000&chunk=10000'),
    'empty' => $c->request('GET', '/bytes?n=0'),
];
$name = new SplObjectStorage();
foreach ($responses as $k => $r) $name[$r] = $k;
$bodies = array_fill_keys(array_keys($responses), '');
$ends = [];
foreach ($c->stream($responses) as $r => $chunk) {
    if (!$r instanceof Loom\Http\Response) { echo "bad key\n"; continue; }
    $k = $name[$r];
    if ($chunk === '') { $ends[] = $k; continue; }
    if (in_array($k, $ends, true)) echo "$k: chunk after its end\n";
    $bodies[$k] .= $chunk;
}
var_dump($bodies['slow'], $bodies['fast'], strlen($bodies['big']), $bodies['empty']);
// Each ends exactly once; the 1.2 s drip ends last.
sort($ends);
echo implode(',', $ends), "\n";
loom_test_server_stop($srv);
loom_assert_http_baseline(4);
?>
--EXPECT--
string(3) "SLO"
string(3) "fst"
int(200000)
string(0) ""
big,empty,fast,slow
baseline: ok
