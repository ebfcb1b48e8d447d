--TEST--
FPM: a memory_limit fatal with 10 streams in flight: the same worker serves the next request correctly, fds back to baseline
--SKIPIF--
<?php require __DIR__ . '/../inc/fpm.inc'; loom_fpm_skipif(); ?>
--FILE--
<?php
require __DIR__ . '/fault_with_streams_in_flight.inc';
fault_with_streams_in_flight('memory_limit');
?>
--EXPECTF--
faulting page: status 500, ended: yes, body: "shutdown function ran\n"
stderr: PHP message: PHP Fatal error:  Allowed memory size of 33554432 bytes exhausted %s
ended without waiting for the streams (20 s): yes
same worker serves the next request: yes
next request correct: yes
on entry: tasks=0 curl_handles=0 timers=0 waiting=0
fds right after the fault <= baseline: yes
fds back to baseline: yes
crash lines in the FPM log: 0
