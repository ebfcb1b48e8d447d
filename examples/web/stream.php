<?php
// The SSE endpoint of examples/web: inside one php-fpm request it starts N streamed chat completions with
// Loom (one task each) and relays their tokens as they arrive, each event tagged with its stream's index.
// Meant for nginx -> php-fpm with loom.so loaded; it flushes after every event (X-Accel-Buffering: no).
//
//   ?prompt=TEXT  one question per line; stream i asks line i mod (number of lines)
//   ?n=N          1-50 concurrent completions; anything else gets a 400
//
// Events to the page (data is JSON; s is the stream's index, times are milliseconds since this request's
// upstream calls began):
//   token    {s, t[, ttft_ms]}                   one content delta; the first one of a stream carries ttft_ms
//   done     {s, tokens, ttft_ms, ms, tokens_per_s}
//   failed   {s, message, ms}                    that stream failed; the others go on
//   summary  {n, ok, failed, wall_ms, sum_ms}    all streams ended; sum_ms is their durations added up
//   relay-error {message}                        nothing could start
//   ": hb" comments every 250 ms               so that a browser that left is noticed even between tokens
//
// Configuration (environment of the FPM pool, e.g. env[LOOM_WEB_BASE_URL] = ... in the pool's config;
// FPM clears the environment otherwise). None of it is ever sent to the page.
//   LOOM_WEB_BASE_URL   an OpenAI-compatible API base (default http://127.0.0.1:8765/v1, the bundled server
//                       started as `tests/server/llm-server --port 8765`); also OPENAI_BASE_URL
//   LOOM_WEB_API_KEY    sent as "Authorization: Bearer ..." when set; also OPENAI_API_KEY
//   LOOM_WEB_MODEL      default "loom-mock"
//   LOOM_WEB_KNOBS=1    pass the bundled server's knobs from the query string on to it (tokens, interval_ms,
//                       ttft_ms, gate, gate_at; fail[I]=FAULT with fail_k=K makes stream I fail that way):
//                       for demos and tests, never against a paid API.
//
// When the browser goes away, the next write (a token or the heartbeat) fails: the relay cancels every
// upstream stream at once (closing their connections) and the request ends.

const MAX_FANOUT = 50;
const HEARTBEAT_SECONDS = 0.25;
const KNOBS = ['tokens', 'interval_ms', 'ttft_ms', 'gate', 'gate_at'];

function env(string ...$names): ?string
{
    foreach ($names as $name) {
        $v = getenv($name);
        if ($v !== false && $v !== '') {
            return $v;
        }
    }
    return null;
}

/** One server-sent event stream to the browser; remembers when the browser has gone. */
final class EventSink
{
    public bool $gone = false;

    public function __construct()
    {
        // We notice the abort ourselves (connection_aborted() after each write) to cancel the upstream
        // calls first; PHP would otherwise end the script in the middle of a write.
        ignore_user_abort(true);
        header('Content-Type: text/event-stream; charset=utf-8');
        header('Cache-Control: no-store');
        header('X-Accel-Buffering: no'); // nginx: pass each event on at once
        ini_set('zlib.output_compression', '0');
        while (ob_get_level() > 0) {
            ob_end_flush();
        }
    }

    /** Sends one event; false once the browser has gone. */
    public function send(string $type, array $data): bool
    {
        return $this->write("event: $type\ndata: " . json_encode($data, JSON_UNESCAPED_UNICODE | JSON_INVALID_UTF8_SUBSTITUTE) . "\n\n");
    }

    public function heartbeat(): bool
    {
        return $this->write(": hb\n\n");
    }

    private function write(string $frame): bool
    {
        if ($this->gone) {
            return false;
        }
        echo $frame; // one echo per event: tasks never interleave inside an event
        flush();
        // A write to a closed connection fails at once or at the next write (the peer's reset): either way
        // within one heartbeat.
        if (connection_aborted()) {
            $this->gone = true;
        }
        return !$this->gone;
    }
}

/** Thrown inside a stream's task when the browser has gone: ends that task quietly. */
final class BrowserGone extends Exception
{
}

/** An upstream error as the page may see it: no base URL, no host, no key. */
function redact(string $message, array $secrets): string
{
    foreach ($secrets as $secret) {
        if ($secret !== null && $secret !== '') {
            $message = str_ireplace($secret, '[upstream]', $message);
        }
    }
    return preg_match('/^.{301}/su', $message) ? preg_replace('/^(.{300}).*$/su', '$1', $message) . '…' : $message;
}

$rawN = $_GET['n'] ?? null;
$n = filter_var($rawN, FILTER_VALIDATE_INT, ['options' => ['min_range' => 1, 'max_range' => MAX_FANOUT]]);
if ($n === false || $n === null) {
    http_response_code(400);
    header('Content-Type: text/plain; charset=utf-8');
    echo 'Bad fan-out count: n must be a whole number from 1 to ', MAX_FANOUT, ".\n";
    return;
}
$prompt = $_GET['prompt'] ?? 'Hello';
if (!is_string($prompt) || !preg_match('//u', $prompt)) {
    $prompt = 'Hello';
}
$prompt = preg_replace('/^(.{4000}).*$/su', '$1', $prompt); // at most 4,000 characters
$prompts = array_values(array_filter(array_map('trim', explode("\n", $prompt)), 'strlen')) ?: ['Hello'];

$base = rtrim(env('LOOM_WEB_BASE_URL', 'OPENAI_BASE_URL') ?? 'http://127.0.0.1:8765/v1', '/') . '/';
$key = env('LOOM_WEB_API_KEY', 'OPENAI_API_KEY');
$model = env('LOOM_WEB_MODEL') ?? 'loom-mock';
$secrets = [$key, rtrim($base, '/'), parse_url($base, PHP_URL_HOST)];

$query = [];
$fail = [];
if (env('LOOM_WEB_KNOBS') === '1') {
    foreach (KNOBS as $knob) {
        if (isset($_GET[$knob]) && is_string($_GET[$knob])) {
            $query[$knob] = $_GET[$knob];
        }
    }
    // fail[I]=FAULT: stream I asks the bundled server for that fault (500, reset_after, close_after...).
    foreach (is_array($_GET['fail'] ?? null) ? $_GET['fail'] : [] as $i => $fault) {
        if (is_string($fault)) {
            $fail[(int)$i] = ['fault' => $fault, 'k' => is_string($_GET['fail_k'] ?? null) ? $_GET['fail_k'] : '5'];
        }
    }
}

$sink = new EventSink();
try {
    $client = new Loom\Http\Client([
        'base_uri' => $base,
        'headers' => ['Accept' => 'text/event-stream'] + ($key !== null ? ['Authorization' => "Bearer $key"] : []),
        'timeout' => ['connect' => 10, 'idle' => 120],
    ]);
} catch (Throwable $e) {
    error_log('examples/web: ' . $e->getMessage());
    $sink->send('relay-error', ['message' => 'the upstream is misconfigured (see the server log)']);
    return;
}

$t0 = hrtime(true);
$ms = fn(): float => round((hrtime(true) - $t0) / 1e6, 1);

$streamOne = function (int $i) use ($client, $sink, $model, $prompts, $query, $fail, $secrets, $ms): array {
    $start = $ms();
    $q = $query;
    if (isset($fail[$i])) {
        $q += $fail[$i];
    }
    $tokens = 0;
    $ttft = null;
    $response = null;
    try {
        $response = $client->request('POST', 'chat/completions' . ($q ? '?' . http_build_query($q) : ''), ['json' => [
            'model' => $model,
            'stream' => true,
            'messages' => [['role' => 'user', 'content' => $prompts[$i % count($prompts)]]],
        ]]);
        if ($response->status() !== 200) {
            $body = $response->body();
            $detail = json_decode($body, true)['error']['message'] ?? trim(strip_tags(substr($body, 0, 300)));
            throw new RuntimeException("HTTP {$response->status()}" . ($detail !== '' ? ": $detail" : ''));
        }
        $finished = false;
        foreach ($response->events() as $event) {
            if ($event->data === '[DONE]') {
                $finished = true;
                break;
            }
            $chunk = $event->json();
            if (isset($chunk['error'])) {
                throw new RuntimeException('the model reported an error: ' . ($chunk['error']['message'] ?? json_encode($chunk['error'])));
            }
            $piece = $chunk['choices'][0]['delta']['content'] ?? '';
            if ($piece === '') {
                continue;
            }
            $data = ['s' => $i, 't' => $piece];
            if ($tokens++ === 0) {
                $ttft = $ms() - $start;
                $data['ttft_ms'] = $ttft;
            }
            if (!$sink->send('token', $data)) {
                throw new BrowserGone();
            }
        }
        if (!$finished) {
            throw new RuntimeException('the stream ended before [DONE]');
        }
        $took = $ms() - $start;
        $rate = $tokens > 1 && $took > $ttft ? round(($tokens - 1) / (($took - $ttft) / 1000), 1) : null;
        $sink->send('done', ['s' => $i, 'tokens' => $tokens, 'ttft_ms' => $ttft, 'ms' => $took, 'tokens_per_s' => $rate]);
        return ['ok' => true, 'ms' => $took];
    } catch (BrowserGone | Loom\CancelledException $e) {
        $response?->cancel();
        throw $e;
    } catch (Throwable $e) {
        $response?->cancel();
        $took = $ms() - $start;
        $message = $e->getMessage();
        if ($e instanceof Loom\Http\TransportException) {
            $message = "connection failed ({$e->getPhase()}): " . str_replace($e->getUrl(), 'the upstream', $message);
        }
        error_log("examples/web: stream $i: " . get_class($e) . ': ' . $e->getMessage());
        $sink->send('failed', ['s' => $i, 'message' => redact($message, $secrets), 'ms' => $took]);
        return ['ok' => false, 'ms' => $took];
    }
};

$tasks = [];
for ($i = 0; $i < $n; $i++) {
    $tasks[$i] = Loom\spawn($streamOne, $i);
}
// The heartbeat: a comment every 250 ms whatever the tokens do. Whoever learns first that the browser has
// gone (this task or a stream's write), this task cancels every stream within one beat.
$watch = Loom\spawn(function () use ($sink, $tasks): void {
    while ($sink->heartbeat()) {
        Loom\sleep(HEARTBEAT_SECONDS);
    }
    foreach ($tasks as $task) {
        $task->cancel();
    }
});

[$results] = Loom\settle($tasks);
$watch->cancel();
if ($sink->gone) {
    error_log(sprintf('examples/web: the browser left after %.0f ms; %d of %d streams were cancelled', $ms(), $n - count($results), $n));
    return;
}
$ok = count(array_filter($results, fn($r) => $r['ok']));
$sink->send('summary', ['n' => $n, 'ok' => $ok, 'failed' => $n - $ok, 'wall_ms' => $ms(),
                        'sum_ms' => round(array_sum(array_column($results, 'ms')), 1)]);
