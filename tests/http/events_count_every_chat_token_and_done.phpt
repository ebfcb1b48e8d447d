--TEST--
Http: events() on an OpenAI-style chat stream yields one Event per token, the stop and usage chunks, and the [DONE] event
--FILE--
<?php
require __DIR__ . '/../inc/http.inc';
$srv = loom_test_server_start();
$c = new Loom\Http\Client();
$r = $c->request('POST', "{$srv['url']}/v1/chat/completions", ['json' => [
    'stream' => true, 'tokens' => 25, 'ttft_ms' => 10, 'interval_ms' => 2,
    'stream_options' => ['include_usage' => true],
]]);
$text = '';
$tokens = 0;
$kinds = [];
foreach ($r->events() as $e) {
    if ($e->data === '[DONE]') {
        $kinds[] = 'done';
        var_dump($e->type, $e->id, $e->retry);
        continue;
    }
    $j = $e->json();
    if (!$j['choices']) {
        $kinds[] = 'usage:' . $j['usage']['completion_tokens'];
    } elseif ($j['choices'][0]['finish_reason'] !== null) {
        $kinds[] = 'stop:' . $j['choices'][0]['finish_reason'];
    } else {
        $tokens++;
        $text .= $j['choices'][0]['delta']['content'];
    }
}
var_dump($tokens, $text === implode(' ', array_map(fn($i) => "t$i", range(0, 24))) . ' ');
echo implode(' ', $kinds), "\n";
loom_test_server_stop($srv);
loom_assert_http_baseline(1);
?>
--EXPECT--
string(7) "message"
string(0) ""
NULL
int(25)
bool(true)
stop:stop usage:25 done
baseline: ok
