--TEST--
Scheduler: a memory_limit fatal in one task while 20 others are parked prints the error once, runs shutdown functions, exits 255, no crash
--SKIPIF--
<?php
if (getenv('USE_ZEND_ALLOC') === '0' && getenv('USE_TRACKED_ALLOC') !== '1') die('skip memory_limit is not enforced without Zend MM');
?>
--INI--
memory_limit=64M
--FILE--
<?php
register_shutdown_function(function () { echo "shutdown function ran\n"; });
for ($i = 0; $i < 20; $i++) {
    Loom\spawn(function () { try { Loom\sleep(10); } finally { echo "parked finally\n"; } });
}
Loom\spawn(function () {
    Loom\sleep(0.01);
    $a = [];
    while (true) { $a[] = str_repeat('x', 1 << 20); }
});
Loom\sleep(30);                // far past the fatal: only the fatal ends this
echo "not reached\n";
?>
--EXPECTF--
Fatal error: Allowed memory size of %d bytes exhausted%s
shutdown function ran
