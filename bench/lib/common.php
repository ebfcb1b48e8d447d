<?php
/*
 * Shared by every PHP client of the streaming benchmark: argument parsing, the
 * per-event work (the same for every client: JSON-decode the event's data and
 * count choices[0].delta.content as a token), an incremental SSE line parser
 * for the clients whose library hands over raw bytes, and the one-line JSON
 * report the harness reads.
 *
 * Timing: t0 is taken just before the first request is issued; wall_s runs to
 * the end of the last stream; a stream's TTFT is t0 -> its first token as seen
 * by the program (all N requests are wanted at t0, so queueing counts).
 */
declare(strict_types=1);

namespace LoomBench;

const REQUEST_BODY = '{"model":"loom-mock","stream":true,"messages":[{"role":"user","content":"Say hello."}]}';

/**
 * "--name value" pairs over $defaults: an unknown name exits 2; a value is an int where the default is one.
 */
function options(array $argv, array $defaults): array
{
    $o = $defaults;
    for ($i = 1; $i + 1 < count($argv); $i += 2) {
        $k = ltrim($argv[$i], '-');
        if (!array_key_exists($k, $o)) {
            fwrite(STDERR, "unknown option {$argv[$i]}\n");
            exit(2);
        }
        $o[$k] = is_int($o[$k]) ? (int)$argv[$i + 1] : $argv[$i + 1];
    }
    return $o;
}

/** @return array{url:string, n:int, tokens:int, mode:string} */
function args(array $argv): array
{
    $o = options($argv, ['url' => '', 'n' => 1, 'tokens' => 50, 'mode' => 'default']);
    if ($o['url'] === '' || $o['n'] < 1) {
        fwrite(STDERR, "usage: php {$argv[0]} --url URL --n N [--tokens 50] [--mode M]\n");
        exit(2);
    }
    return $o;
}

final class Recorder
{
    public int $tokens = 0;
    public int $failures = 0;
    public string $error = '';
    /** @var array<int|string, int> stream id => hrtime of its first token */
    private array $first = [];
    private int $t0 = 0;
    private array $ru0 = [];

    public function __construct(public readonly string $client, public readonly int $n, public readonly int $perStream)
    {
    }

    public function start(): void
    {
        $this->ru0 = getrusage();
        $this->t0 = hrtime(true);
    }

    public function token(int|string $id): void
    {
        if (!isset($this->first[$id])) {
            $this->first[$id] = hrtime(true);
        }
        $this->tokens++;
    }

    public function fail(string $why): void
    {
        $this->failures++;
        if ($this->error === '') {
            $this->error = $why;
        }
    }

    /** Call once per stream when it ends: checks it got every token and [DONE]. */
    public function streamEnded(StreamState $s, string $id): void
    {
        if ($s->tokens !== $this->perStream || !$s->done) {
            $this->fail("stream $id: {$s->tokens} tokens, " . ($s->done ? 'done' : 'no [DONE]'));
        }
    }

    public function finish(array $extra = []): void
    {
        $wall = (hrtime(true) - $this->t0) / 1e9;
        $ru = getrusage();
        $cpu = ($ru['ru_utime.tv_sec'] - $this->ru0['ru_utime.tv_sec'])
             + ($ru['ru_utime.tv_usec'] - $this->ru0['ru_utime.tv_usec']) / 1e6
             + ($ru['ru_stime.tv_sec'] - $this->ru0['ru_stime.tv_sec'])
             + ($ru['ru_stime.tv_usec'] - $this->ru0['ru_stime.tv_usec']) / 1e6;
        $ttft = [];
        foreach ($this->first as $t) {
            $ttft[] = ($t - $this->t0) / 1e6;
        }
        sort($ttft);
        $pct = static function (array $v, float $p): float {
            return $v === [] ? -1.0 : $v[(int)round($p * (count($v) - 1))];
        };
        $expected = $this->n * $this->perStream;
        if ($this->tokens !== $expected && $this->failures === 0) {
            $this->fail("token count {$this->tokens} != $expected");
        }
        echo json_encode([
            'client' => $this->client,
            'n' => $this->n,
            'tokens' => $this->tokens,
            'expected' => $expected,
            'failures' => $this->failures,
            'error' => $this->error,
            'wall_s' => round($wall, 6),
            'work_cpu_s' => round($cpu, 6),
            'ttft_p50_ms' => round($pct($ttft, 0.50), 3),
            'ttft_p99_ms' => round($pct($ttft, 0.99), 3),
            'php_peak_mb' => round(memory_get_peak_usage(true) / 1048576, 1),
        ] + $extra, JSON_UNESCAPED_SLASHES), "\n";
    }
}

/** What one stream has seen so far. */
final class StreamState
{
    public int $tokens = 0;
    public bool $done = false;
}

/** The per-event work every client does: JSON-decode, count a content delta, note [DONE]. */
function on_event_data(string $data, StreamState $s, Recorder $rec, int|string $id): void
{
    if ($data === '[DONE]') {
        $s->done = true;
        return;
    }
    $j = json_decode($data, true);
    if (isset($j['choices'][0]['delta']['content'])) {
        $s->tokens++;
        $rec->token($id);
    } elseif (isset($j['error'])) {
        $rec->fail("stream $id: error event");
    }
}

/**
 * Incremental text/event-stream parser for raw bytes (curl write callbacks,
 * Guzzle sinks, Loom's chunk streams): lines end in LF or CRLF (also when a
 * chunk ends between them); `data:` fields join with "\n"; a blank line
 * dispatches. Enough for this server (and OpenAI); not a full WHATWG parser.
 */
final class SseParser
{
    private string $buf = '';
    private string $data = '';
    private bool $hasData = false;
    public readonly StreamState $state;

    public function __construct(private readonly Recorder $rec, private readonly int|string $id)
    {
        $this->state = new StreamState();
    }

    public function feed(string $chunk): void
    {
        $buf = $this->buf === '' ? $chunk : $this->buf . $chunk;
        $off = 0;
        while (($nl = strpos($buf, "\n", $off)) !== false) {
            $end = ($nl > $off && $buf[$nl - 1] === "\r") ? $nl - 1 : $nl;
            if ($end === $off) {
                if ($this->hasData) {
                    on_event_data($this->data, $this->state, $this->rec, $this->id);
                    $this->data = '';
                    $this->hasData = false;
                }
            } elseif (substr_compare($buf, 'data:', $off, 5) === 0) {
                $v = substr($buf, $off + 5, $end - $off - 5);
                if ($v !== '' && $v[0] === ' ') {
                    $v = substr($v, 1);
                }
                $this->data = $this->hasData ? $this->data . "\n" . $v : $v;
                $this->hasData = true;
            }
            $off = $nl + 1;
        }
        $this->buf = $off === 0 ? $buf : substr($buf, $off);
    }

    public function end(): void
    {
        $this->rec->streamEnded($this->state, (string)$this->id);
    }
}
