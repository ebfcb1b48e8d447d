<?php
// Existing SDK-style code made concurrent without changing it: each Guzzle call below is the blocking
// `$client->post(...)` an SDK makes; spawning one task per call is the only change. With the curl hook
// (loom.hook_curl=1, the default) the calls run at once: about one call's time instead of the sum.
//
//   composer require guzzlehttp/guzzle
//   php -d extension=loom examples/existing_sdk_code.php http://127.0.0.1:PORT   (tests/server/llm-server)
require getcwd() . '/vendor/autoload.php';

$base = $argv[1] ?? 'http://127.0.0.1:8080';
$client = new GuzzleHttp\Client(['base_uri' => $base, 'timeout' => 30]);

// What an SDK's "chat" method does: one synchronous POST, the decoded JSON back.
$chat = function (string $prompt) use ($client): string {
    $response = $client->post('/v1/chat/completions', ['json' => ['stream' => false, 'tokens' => 20,
        'messages' => [['role' => 'user', 'content' => $prompt]]]]);
    return json_decode((string)$response->getBody(), true)['choices'][0]['message']['content'];
};

$t0 = microtime(true);
$tasks = [];
foreach (['one', 'two', 'three', 'four', 'five'] as $prompt) {
    $tasks[$prompt] = Loom\spawn($chat, $prompt);
}
foreach (Loom\all($tasks) as $prompt => $answer) {
    echo "$prompt: ", substr($answer, 0, 30), "...\n";
}
printf("5 calls in %.2f s\n", microtime(true) - $t0);
