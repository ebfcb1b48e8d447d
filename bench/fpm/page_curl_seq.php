<?php
// FPM page, status quo: the 4 calls one after the other with curl_exec; a write callback counts tokens.
require __DIR__ . '/page_common.php';
$t0 = microtime(true);
$counts = [];
for ($i = 0; $i < PAGE_CALLS; $i++) {
    $buf = '';
    $ch = curl_init(page_url());
    curl_setopt_array($ch, [
        CURLOPT_POST => true,
        CURLOPT_POSTFIELDS => PAGE_BODY,
        CURLOPT_HTTPHEADER => ['Content-Type: application/json', 'Accept: text/event-stream'],
        CURLOPT_WRITEFUNCTION => function ($ch, string $d) use (&$buf): int { $buf .= $d; return strlen($d); },
    ]);
    curl_exec($ch);
    curl_close($ch);
    $counts[$i] = page_count_tokens($buf);
}
page_finish($counts, $t0);
