--TEST--
Scheduler: a fatal error inside a task while others are parked ends the script cleanly: message once, shutdown functions run, nothing resumed, no leak
--INI--
error_reporting=E_ALL & ~E_DEPRECATED
--FILE--
<?php
register_shutdown_function(function () { echo "shutdown function ran\n"; });
for ($i = 0; $i < 5; $i++) {
    Loom\spawn(function () { try { Loom\sleep(10); } finally { echo "parked task resumed (wrong)\n"; } });
}
Loom\spawn(function () {
    Loom\sleep(0.01);
    trigger_error('fatal inside a task', E_USER_ERROR);
});
Loom\sleep(30);                // far past the fatal: only the fatal ends this
echo "not reached\n";
?>
--EXPECTF--
Fatal error: fatal inside a task in %s on line %d
shutdown function ran
