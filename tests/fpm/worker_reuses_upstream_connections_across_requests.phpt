--TEST--
FPM: a worker keeps its upstream connection between requests: the next request to the same host reuses it, the upstream accepts one connection for ten requests
--SKIPIF--
<?php require __DIR__ . '/../inc/fpm.inc'; loom_fpm_skipif(); ?>
--FILE--
<?php
require __DIR__ . '/../inc/fpm.inc';
$fpm = loom_fpm_start(['max_children' => 1]);
$up = loom_fpm_counting_upstream_start();
loom_fpm_page($fpm, 'reuse.php', <<<'PAGE'
<?php
$entry = Loom\stats()['sockets'];
$reply = (new Loom\Http\Client())->request('GET', $_GET['url'] . '/anything')->json();
echo json_encode(['pid' => getmypid(), 'sockets_on_entry' => $entry, 'conn' => $reply['conn'],
                  'accepted' => $reply['accepted'], 'sockets_at_end' => Loom\stats()['sockets']]);
PAGE);
[$worker] = loom_fpm_workers($fpm);
$pages = [];
$between = [];
for ($i = 0; $i < 10; $i++) {
    $pages[] = json_decode(loom_fpm_request($fpm, 'reuse.php', ['query' => ['url' => $up['url']]])['body'], true);
    $between[] = loom_fpm_connections_to($worker, $up['port']);
}
echo "one worker served all: ", count(array_unique(array_column($pages, 'pid'))) === 1 ? 'yes' : 'no', "\n";
echo "Loom\\stats()['sockets'] on entry: ", implode(' ', array_column($pages, 'sockets_on_entry')), "\n";
echo "upstream connection open between requests (/proc/net/tcp): ", implode(' ', $between), "\n";
echo "connection that carried each request: ", implode(' ', array_column($pages, 'conn')), "\n";
echo "connections the upstream accepted for 10 requests: ", end($pages)['accepted'], "\n";
?>
--EXPECT--
one worker served all: yes
Loom\stats()['sockets'] on entry: 0 1 1 1 1 1 1 1 1 1
upstream connection open between requests (/proc/net/tcp): 1 1 1 1 1 1 1 1 1 1
connection that carried each request: 1 1 1 1 1 1 1 1 1 1
connections the upstream accepted for 10 requests: 1
