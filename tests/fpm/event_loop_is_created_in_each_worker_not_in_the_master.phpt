--TEST--
FPM: Loom's event loop is created lazily in each worker at first use, never in the master, so no loop crosses a fork (also after pm.max_requests respawns)
--SKIPIF--
<?php require __DIR__ . '/../inc/fpm.inc'; loom_fpm_skipif(); ?>
--FILE--
<?php
require __DIR__ . '/../inc/fpm.inc';
// The readiness probe is the first worker's first request; two pages later it is recycled.
$fpm = loom_fpm_start(['max_children' => 1, 'max_requests' => 3]);
$up = loom_fpm_upstream();
loom_fpm_page($fpm, 'fanout.php', LOOM_FPM_FANOUT_PAGE);
$query = ['url' => $up['url'], 'k' => 3, 'tokens' => 5, 'interval_ms' => 1, 'ttft_ms' => 1];

// libuv's loop is an epoll instance plus an eventfd; the FPM master has one epoll instance of its own.
// Loom's curl multi handle may hold eventfds too (libcurl 8 wakes a multi handle through one, libcurl 7
// through a socket pair): measured here on a multi handle of the same libcurl, and not counted below.
$eventfds = fn (): int => count(array_keys(loom_fpm_fds(getmypid()), 'anon_inode:[eventfd]'));
$n = $eventfds();
$mh = curl_multi_init();
$curlEventfds = $eventfds() - $n;
curl_multi_close($mh);
$kinds = function (int $pid, bool $loom = false) use ($curlEventfds): string {
    $c = array_count_values(loom_fpm_fds($pid));
    return sprintf('%d epoll, %d eventfd', $c['anon_inode:[eventpoll]'] ?? 0,
        ($c['anon_inode:[eventfd]'] ?? 0) - ($loom ? $curlEventfds : 0));
};
$page = function () use ($fpm, $query): string {
    $p = json_decode(loom_fpm_request($fpm, 'fanout.php', ['query' => $query])['body'], true);
    return $p['tokens'] === 15 ? 'ok' : 'FAILED';
};

$master = $fpm['pid'];
$masterBefore = $kinds($master);
echo "master: $masterBefore\n";
[$first] = loom_fpm_workers($fpm);
$freshFds = loom_fpm_settled_fd_count($first);
echo "fresh worker: ", $kinds($first), "\n";
echo "page: ", $page(), "\n";
echo "after its first Loom page: ", $kinds($first, true), "\n";
echo "page: ", $page(), "\n";
$w = loom_fpm_wait_workers($fpm, 1, 5.0, [$first]);
$second = $w[0] ?? 0;
echo "respawned after pm.max_requests: ", $second && $second !== $first ? 'yes' : 'NO', "\n";
// A just-forked child still holds the master's epoll fd until its init closes it: let it settle first.
$respawnedFds = loom_fpm_settled_fd_count($second);
echo "fresh respawned worker: ", $kinds($second), "\n";
// Nor any other fd (curl's multi handle and its wakeup socket pair, connections) came along from the
// master or the previous worker.
echo "as many fds as the first fresh worker: ", $respawnedFds === $freshFds ? 'yes' : "NO ($respawnedFds vs $freshFds)", "\n";
echo "page: ", $page(), "\n";
echo "after its first Loom page: ", $kinds($second, true), "\n";
echo "master unchanged: ", $kinds($master) === $masterBefore ? 'yes' : 'NO: ' . $kinds($master), "\n";
echo "crash lines in the FPM log: ", count(loom_fpm_log_crashes($fpm)), "\n";
?>
--EXPECT--
master: 1 epoll, 0 eventfd
fresh worker: 0 epoll, 0 eventfd
page: ok
after its first Loom page: 1 epoll, 1 eventfd
page: ok
respawned after pm.max_requests: yes
fresh respawned worker: 0 epoll, 0 eventfd
as many fds as the first fresh worker: yes
page: ok
after its first Loom page: 1 epoll, 1 eventfd
master unchanged: yes
crash lines in the FPM log: 0
