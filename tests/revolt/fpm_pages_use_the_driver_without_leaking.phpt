--TEST--
Revolt: under php-fpm, pages using AMPHP on Loom's driver (timers, a stream watcher, Amp\async beside Loom tasks) all complete, onSignal is refused, and no watcher, timer, task or fd outlives a request
--SKIPIF--
<?php
require __DIR__ . '/../inc/fpm.inc'; loom_fpm_skipif();
require __DIR__ . '/revolt.inc'; loom_revolt_skipif();
?>
--FILE--
<?php
require __DIR__ . '/../inc/fpm.inc';
require __DIR__ . '/revolt.inc';
$fpm = loom_fpm_start(['max_children' => 1]);
$autoload = var_export(loom_fpm_copy_tree($fpm, loom_revolt_vendor(), 'vendor') . '/autoload.php', true);
loom_fpm_page($fpm, 'amp.php', <<<PAGE
<?php
require $autoload;
PAGE . <<<'PAGE'
use Revolt\EventLoop;
// Nothing of the previous request's loop (its watchers, timers, loop task) is live when a page starts.
$left = array_filter(array_intersect_key(Loom\stats(), ['tasks' => 0, 'timers' => 0, 'uv_handles' => 0, 'waiting' => 0]));
EventLoop::setDriver(new Loom\Revolt\Driver());
$out = $left ? ['left' => $left] : [];
try {
    EventLoop::onSignal(10, function () {}); // SIGUSR1 (ext-pcntl, which defines the name, is CLI-only)
    $out['signal'] = 'accepted';
} catch (Revolt\EventLoop\UnsupportedFeatureException $e) {
    $out['signal'] = 'refused';
}
[$a, $b] = stream_socket_pair(STREAM_PF_UNIX, STREAM_SOCK_STREAM, STREAM_IPPROTO_IP);
$read = new Amp\DeferredFuture();
EventLoop::onReadable($a, function ($id, $s) use ($read) { EventLoop::cancel($id); $read->complete(fread($s, 10)); });
// Left behind on purpose: an unreferenced watcher and an unreferenced timer must not outlive the request.
EventLoop::unreference(EventLoop::onReadable($b, function () {}));
EventLoop::unreference(EventLoop::repeat(10, function () {}));
$amp = Amp\async(function () { Amp\delay(0.005); return 'amp'; });
$loom = Loom\spawn(function () use ($b) { Loom\sleep(0.002); fwrite($b, 'ping'); return Amp\async(fn() => 'amp in loom')->await(); });
$out['values'] = [$amp->await(), $loom->await(), $read->getFuture()->await()];
echo json_encode($out);
PAGE);
$n = loom_scale(500, 30);
$specs = array_fill(0, $n, ['script' => 'amp.php']);
$warm = loom_fpm_requests($fpm, array_slice($specs, 0, 10), 1);
[$pid] = loom_fpm_wait_workers($fpm, 1);
$fdsBefore = loom_fpm_settled_fd_count($pid);
$results = loom_fpm_requests($fpm, $specs, 4);
$bad = 0;
foreach (array_merge($warm, $results) as $r) {
    if ($r['status'] !== 200 || $r['body'] !== '{"signal":"refused","values":["amp","amp in loom","ping"]}') {
        if ($bad++ < 3) echo "bad page: ", substr($r['body'], 0, 300), "\n";
    }
}
echo $bad === 0 ? "every page complete\n" : "$bad bad pages\n";
echo loom_fpm_settled_fd_count($pid) === $fdsBefore ? "fds unchanged\n" : "fds: $fdsBefore -> " . loom_fpm_fd_count($pid) . "\n";
echo in_array($pid, loom_fpm_workers($fpm), true) ? "same worker\n" : "worker replaced\n";
echo loom_fpm_log_crashes($fpm) ? "crashes\n" : "no crash\n";
loom_fpm_stop($fpm);
?>
--EXPECT--
every page complete
fds unchanged
same worker
no crash
