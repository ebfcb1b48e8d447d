--TEST--
Http: request() from a task, a user Fiber inside a task and a Fiber outside any task gets its response, follows redirects and refuses bad URLs and redirects with the same messages as top-level code
--FILE--
<?php
// request()'s URL parsing and the start of its transfer run on one C stack shared by every fiber
// (ext/scheduler/side_stack.cc); top-level code runs them in place. Every kind of caller must see the same.
require __DIR__ . '/../inc/http.inc';
$srv = loom_test_server_start();
$c = new Loom\Http\Client(['base_uri' => $srv['url']]);
$run = function () use ($c, $srv): string {
    $out = [];
    $out[] = $c->request('GET', '/echo?x=1')->json()['method'];
    $out[] = $c->request('GET', '/redirect/2')->json()['path'] ?? '?';
    foreach (['gopher://127.0.0.1/', 'http://[::1', '/relative', 'x y'] as $bad) {
        try {
            (new Loom\Http\Client())->request('GET', $bad);
            $out[] = 'accepted (wrong)';
        } catch (Loom\Http\InvalidArgumentException $e) {
            $out[] = $e->getMessage();
        }
    }
    try {
        $c->request('GET', '/redirect-to?url=' . urlencode('ftp://127.0.0.1/x'));
        $out[] = 'followed (wrong)';
    } catch (Loom\Http\TransportException $e) {
        $out[] = $e->getPhase() . ': ' . str_replace($srv['url'], 'URL', $e->getMessage());
    }
    $n = 0;
    foreach ($c->request('GET', '/v1/chat/completions?tokens=4&interval_ms=2&ttft_ms=0')->events() as $e) $n++;
    $out[] = "events $n";
    return implode("\n  ", $out);
};
echo "top-level:\n  ", $run(), "\n";
echo "task:\n  ", Loom\spawn($run)->await(), "\n";
// A user Fiber that waits in Loom is suspended by Loom and resumed by it: its result comes back through a channel.
$inFiber = function () use ($run): string {
    $ch = new Loom\Channel(1);
    (new Fiber(function () use ($run, $ch) { $ch->send($run()); }))->start();
    return $ch->receive();
};
echo "fiber in a task:\n  ", Loom\spawn($inFiber)->await(), "\n";
echo "fiber outside tasks:\n  ", $inFiber(), "\n";
// Many at once: each task's start goes through the shared stack in turn.
$tasks = [];
for ($i = 0; $i < 50; $i++) $tasks[] = Loom\spawn(fn() => $c->request('GET', "/echo?i=$i")->json()['query']);
$ok = 0;
foreach (Loom\all($tasks) as $i => $q) $ok += $q === "i=$i" ? 1 : 0;
echo "50 tasks: $ok ok\n";
loom_test_server_stop($srv);
loom_assert_http_baseline(60);
?>
--EXPECTF--
top-level:
  GET
  /echo
  Unsupported URL scheme "gopher" in "gopher://127.0.0.1/": only http and https are allowed
  Invalid URL "http://[::1": Bad IPv6 address
  Invalid URL "/relative": Bad scheme
  Invalid URL "x y": %s
  redirect: Refused redirect from URL/redirect-to?url=ftp%3A%2F%2F127.0.0.1%2Fx: %s
  events 6
task:
  GET
  /echo
  Unsupported URL scheme "gopher" in "gopher://127.0.0.1/": only http and https are allowed
  Invalid URL "http://[::1": Bad IPv6 address
  Invalid URL "/relative": Bad scheme
  Invalid URL "x y": %s
  redirect: Refused redirect from URL/redirect-to?url=ftp%3A%2F%2F127.0.0.1%2Fx: %s
  events 6
fiber in a task:
  GET
  /echo
  Unsupported URL scheme "gopher" in "gopher://127.0.0.1/": only http and https are allowed
  Invalid URL "http://[::1": Bad IPv6 address
  Invalid URL "/relative": Bad scheme
  Invalid URL "x y": %s
  redirect: Refused redirect from URL/redirect-to?url=ftp%3A%2F%2F127.0.0.1%2Fx: %s
  events 6
fiber outside tasks:
  GET
  /echo
  Unsupported URL scheme "gopher" in "gopher://127.0.0.1/": only http and https are allowed
  Invalid URL "http://[::1": Bad IPv6 address
  Invalid URL "/relative": Bad scheme
  Invalid URL "x y": %s
  redirect: Refused redirect from URL/redirect-to?url=ftp%3A%2F%2F127.0.0.1%2Fx: %s
  events 6
50 tasks: 50 ok
baseline: ok
