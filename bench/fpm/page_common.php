<?php
/*
 * Shared by the FPM pages: each page makes 4 streamed LLM calls (tokens=50),
 * counts every token and answers 200 "ok" or 500 with the reason.
 * The upstream URL comes from the pool's env[LLM_URL].
 */
declare(strict_types=1);

const PAGE_CALLS = 4;
const PAGE_TOKENS = 50;
const PAGE_BODY = '{"model":"loom-mock","stream":true,"messages":[{"role":"user","content":"Say hello."}]}';

function page_url(): string
{
    return getenv('LLM_URL') . '/v1/chat/completions?tokens=' . PAGE_TOKENS . '&interval_ms=20&ttft_ms=200';
}

/** Counts content deltas in a complete (or partial) SSE body. */
function page_count_tokens(string $sse): int
{
    $n = 0;
    foreach (explode("\n", $sse) as $line) {
        if (strncmp($line, 'data: ', 6) === 0 && $line !== 'data: [DONE]') {
            $j = json_decode(substr($line, 6), true);
            if (isset($j['choices'][0]['delta']['content'])) {
                $n++;
            }
        }
    }
    return $n;
}

function page_finish(array $counts, float $t0): void
{
    $want = array_fill(0, PAGE_CALLS, PAGE_TOKENS);
    ksort($counts);
    if (array_values($counts) !== $want) {
        http_response_code(500);
        echo 'bad token counts: ', json_encode($counts), "\n";
        return;
    }
    header('Content-Type: text/plain');
    printf("ok %d tokens in %.3f s\n", array_sum($counts), microtime(true) - $t0);
}
