--TEST--
Scheduler: pcntl async signal handlers still run while a task spins and is preempted (Loom's interrupt hook calls pcntl's first): a task spinning until SIGUSR1 arrives ends once another task sends it
--EXTENSIONS--
pcntl
posix
--FILE--
<?php
require __DIR__ . '/../inc/loom.inc';
pcntl_async_signals(true);
$got = false;
pcntl_signal(SIGUSR1, function () use (&$got) { $got = true; });
$spinner = Loom\spawn(function () use (&$got) {
    $deadline = hrtime(true) + 20e9;
    while (!$got && hrtime(true) < $deadline);
    return $got ? 'spinner saw the signal' : 'no signal within 20 s';
});
$sender = Loom\spawn(function () {
    Loom\sleep(0.02);
    posix_kill(getmypid(), SIGUSR1);
    return 'signal sent';
});
echo $sender->await(), "\n", $spinner->await(), "\n";
loom_assert_baseline();
?>
--EXPECT--
signal sent
spinner saw the signal
baseline: ok
