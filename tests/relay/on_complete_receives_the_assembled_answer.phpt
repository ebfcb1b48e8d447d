--TEST--
Relay: when the stream ends, on_complete receives a POST with the whole assembled answer, the status and the page's meta
--SKIPIF--
<?php require __DIR__ . '/../inc/relay.inc'; loom_relay_skipif(); ?>
--FILE--
<?php
require __DIR__ . '/../inc/relay.inc';
$s = loom_relay_stack(['max_children' => 1]);
$client = new Loom\Http\Client(['timeout' => ['idle' => 30]]);
$r = $client->request('GET', loom_relay_chat_url($s, ['tokens' => 6, 'interval_ms' => 5, 'ttft_ms' => 0], ['n' => 'ok1']));
$body = $r->body();
echo "extra response header from the page: ", $r->header('x-chat-id'), "\n";
echo "browser got: ", implode('', loom_relay_tokens($body)), "| done: ", str_contains($body, "data: [DONE]\n\n") ? 'yes' : 'no', "\n";
$report = loom_relay_wait_report($s, 'ok1');
ksort($report);
$report['bytes'] = $report['bytes'] === strlen($body) ? 'the bytes the browser got' : $report['bytes'];
var_dump($report);
echo "secret in the report: ", str_contains(json_encode($report), LOOM_RELAY_SECRET) ? 'YES' : 'no', "\n";
?>
--EXPECT--
extra response header from the page: ok1
browser got: t0 t1 t2 t3 t4 t5 | done: yes
array(8) {
  ["bytes"]=>
  string(25) "the bytes the browser got"
  ["error"]=>
  NULL
  ["events"]=>
  int(8)
  ["meta"]=>
  array(1) {
    ["n"]=>
    string(3) "ok1"
  }
  ["ok"]=>
  bool(true)
  ["status"]=>
  int(200)
  ["text"]=>
  string(18) "t0 t1 t2 t3 t4 t5 "
  ["truncated"]=>
  bool(false)
}
secret in the report: no
