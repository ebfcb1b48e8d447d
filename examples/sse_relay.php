<?php
// SSE relay: a web page that streams an upstream LLM chat completion (OpenAI-style text/event-stream) to its
// own client token by token, as the tokens arrive. Meant for php-fpm (behind nginx with
// `fastcgi_buffering off`, or any front end that does not buffer); it flushes after every event.
//
//   ?upstream=URL     the chat completions endpoint; else $LOOM_RELAY_UPSTREAM; else the bundled test server
//                     started as `tests/server/llm-server --port 8765`
//   ?prompt=TEXT      the user message (default "Hello")
//   ?ping_ms=N        a ": ping" comment after N ms without a token (default 15000), so that a client that
//                     went away is noticed even while the upstream is silent
//   ?tokens= ?interval_ms= ?ttft_ms= ?fault= ?k=   knobs of the bundled server, passed on only when given
//   $LOOM_RELAY_API_KEY                             sent as "Authorization: Bearer ..." when set
//
// To the client: one `data: {"content":"..."}` event per token, then `event: done` with the token count, or
// `event: error` if the upstream failed. When the client disconnects, the next write aborts the script
// (ignore_user_abort is off): the upstream transfer is then closed by Loom at the end of the request instead
// of running on to the end of the completion.

const DEFAULT_UPSTREAM = 'http://127.0.0.1:8765/v1/chat/completions';

$upstream = $_GET['upstream'] ?? (getenv('LOOM_RELAY_UPSTREAM') ?: DEFAULT_UPSTREAM);
$pingSeconds = max(0.01, (int)($_GET['ping_ms'] ?? 15000) / 1000);
$request = [
    'model' => $_GET['model'] ?? 'loom-mock',
    'stream' => true,
    'messages' => [['role' => 'user', 'content' => (string)($_GET['prompt'] ?? 'Hello')]],
];
foreach (['tokens', 'interval_ms', 'ttft_ms', 'k'] as $knob) {
    if (isset($_GET[$knob])) {
        $request[$knob] = (int)$_GET[$knob];
    }
}
if (isset($_GET['fault'])) {
    $request['fault'] = (string)$_GET['fault'];
}

ignore_user_abort(false);
header('Content-Type: text/event-stream');
header('Cache-Control: no-cache');
header('X-Accel-Buffering: no'); // nginx: pass each event on at once
ini_set('zlib.output_compression', '0');
while (ob_get_level() > 0) {
    ob_end_flush();
}

function send_event(string $data, ?string $type = null): void
{
    echo $type !== null ? "event: $type\n" : '', "data: $data\n\n";
    flush(); // a client that is gone makes this (or the next) write abort the script
}

$client = new Loom\Http\Client(['timeout' => ['connect' => 10, 'idle' => 120]]);
$headers = ['Accept' => 'text/event-stream'];
if (($key = getenv('LOOM_RELAY_API_KEY')) !== false && $key !== '') {
    $headers['Authorization'] = "Bearer $key";
}

$lastWrite = microtime(true);
// While the upstream is silent, a comment line now and then: the only way to learn that the client left.
$pinger = Loom\spawn(function () use (&$lastWrite, $pingSeconds) {
    while (true) {
        Loom\sleep(max(0.005, $lastWrite + $pingSeconds - microtime(true)));
        if (microtime(true) - $lastWrite >= $pingSeconds) {
            echo ": ping\n\n";
            flush();
            $lastWrite = microtime(true);
        }
    }
});

$tokens = 0;
try {
    $response = $client->request('POST', $upstream, ['json' => $request, 'headers' => $headers]);
    if ($response->status() !== 200) {
        send_event(json_encode(['status' => $response->status(), 'body' => substr($response->body(), 0, 2000)]), 'error');
        return;
    }
    foreach ($response->events() as $event) {
        if ($event->data === '[DONE]') {
            break;
        }
        $chunk = $event->json();
        if (isset($chunk['error'])) {
            send_event(json_encode($chunk['error']), 'error');
            return;
        }
        $content = $chunk['choices'][0]['delta']['content'] ?? '';
        if ($content === '') {
            continue;
        }
        $tokens++;
        send_event(json_encode(['content' => $content]));
        $lastWrite = microtime(true);
    }
    send_event(json_encode(['tokens' => $tokens]), 'done');
} catch (Loom\Exception | JsonException $e) {
    send_event(json_encode(['error' => get_class($e), 'message' => $e->getMessage()]), 'error');
} finally {
    $pinger->cancel();
}
