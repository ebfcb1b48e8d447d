--TEST--
Lifecycle: after exit() Loom resumes nothing, so a task spawned by a shutdown function or a destructor then never runs: a warning names each one and where it was spawned
--FILE--
<?php
require __DIR__ . '/../inc/loom.inc';
class SpawnOnDestruct
{
    public function __destruct() { Loom\spawn(function () { echo "destructor task ran (wrong)\n"; }); }
}
var_dump(Loom\spawn(fn() => 'ran before exit')->await());
register_shutdown_function(function () {
    Loom\spawn(function () { echo "shutdown task ran (wrong)\n"; });
});
$d = new SpawnOnDestruct();
exit(0);
?>
--EXPECTF--
string(15) "ran before exit"

Warning: Loom: task #2 was spawned during request shutdown after exit() and never ran in %s on line 9

Warning: Loom: task #3 was spawned during request shutdown after exit() and never ran in %s on line 5
