--TEST--
Scheduler: infinite recursion in a task ends in PHP's "Allowed memory size exhausted" fatal error, as at top level, with tasks suspended: shutdown functions run and the suspended tasks do not hold the request
--SKIPIF--
<?php
if (getenv('USE_ZEND_ALLOC') === '0') die('skip memory_limit is not enforced without the Zend allocator (run-tests -m)');
?>
--INI--
memory_limit=32M
--FILE--
<?php
register_shutdown_function(function () {
    echo "shutdown function ran; tasks left: ", Loom\stats()['tasks'], "\n";
});
function down(int $n): int
{
    return down($n + 1) + 1;
}
$sleepers = [];
for ($i = 0; $i < 3; $i++) {
    $sleepers[] = Loom\spawn(fn() => Loom\sleep(600));  // would hold a draining shutdown for 10 minutes
}
$t = Loom\spawn(fn() => down(0));
$t->await();
echo "not reached\n";
?>
--EXPECTF--
Fatal error: Allowed memory size of 33554432 bytes exhausted %s on line %d
shutdown function ran; tasks left: %d
