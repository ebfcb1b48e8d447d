--TEST--
Revolt: a referenced onReadable() watcher on a stream that is always ready (a plain file) fires on every loop tick but does not starve Loom tasks: a task sleeping 5 x 10 ms finishes while the watcher keeps firing
--SKIPIF--
<?php require __DIR__ . '/revolt.inc'; loom_revolt_skipif(); ?>
--FILE--
<?php
require __DIR__ . '/revolt.inc';
loom_revolt_load();
use Revolt\EventLoop;
$file = fopen(__FILE__, 'r');
$fired = 0;
$tickerDone = false;
$firedWhenTickerDone = null;
EventLoop::onReadable($file, function ($id) use (&$fired, &$tickerDone, &$firedWhenTickerDone) {
    $fired++;
    if ($tickerDone) {
        $firedWhenTickerDone = $fired;
        EventLoop::cancel($id);
    } elseif ($fired >= 2_000_000) {
        echo "the ticker never ran: starved\n";  // without turns for other tasks the loop stops here
        EventLoop::cancel($id);
    }
});
$ticker = Loom\spawn(function () use (&$tickerDone) {
    for ($i = 0; $i < 5; $i++) Loom\sleep(0.01);
    $tickerDone = true;
    return 'ticker done';
});
EventLoop::run();
echo $ticker->await(), "\n";
echo 'watcher fired while the ticker ran: ', $firedWhenTickerDone > 1 ? 'yes' : 'no', "\n";
fclose($file);
?>
--EXPECT--
ticker done
watcher fired while the ticker ran: yes
