<?php
/*
 * Scheduler micro-benchmarks, Loom side. One op per process run:
 *   spawn-await   Loom\spawn(fn)->await(), one at a time, from the top level
 *   spawn-all     spawn K tasks, then Loom\all() (per task)
 *   yield         two tasks alternating Loom\sleep(0) (per suspend+resume)
 *   channel       ping-pong over two unbuffered Channels (per round trip)
 * Prints {"op","iters","us_per_op"}.
 */
declare(strict_types=1);
$op = $argv[1] ?? 'spawn-await';
$k = (int)($argv[2] ?? 100000);
$noop = static function (): int { return 1; };

$t = hrtime(true);
switch ($op) {
    case 'spawn-await':
        for ($i = 0; $i < $k; $i++) {
            Loom\spawn($noop)->await();
        }
        $ops = $k;
        break;
    case 'spawn-all':
        $tasks = [];
        for ($i = 0; $i < $k; $i++) {
            $tasks[] = Loom\spawn($noop);
        }
        Loom\all($tasks);
        $ops = $k;
        break;
    case 'yield':
        $f = static function () use ($k): void {
            for ($i = 0; $i < $k; $i++) {
                Loom\sleep(0);
            }
        };
        Loom\all([Loom\spawn($f), Loom\spawn($f)]);
        $ops = 2 * $k;
        break;
    case 'channel':
        $ping = new Loom\Channel();
        $pong = new Loom\Channel();
        $a = Loom\spawn(static function () use ($k, $ping, $pong): void {
            for ($i = 0; $i < $k; $i++) {
                $ping->send($i);
                $pong->receive();
            }
        });
        $b = Loom\spawn(static function () use ($k, $ping, $pong): void {
            for ($i = 0; $i < $k; $i++) {
                $pong->send($ping->receive());
            }
        });
        Loom\all([$a, $b]);
        $ops = $k;
        break;
    default:
        fwrite(STDERR, "unknown op $op\n");
        exit(2);
}
$dt = (hrtime(true) - $t) / 1e3;
echo json_encode(['side' => 'loom', 'op' => $op, 'iters' => $k, 'us_per_op' => round($dt / $ops, 4)]), "\n";
