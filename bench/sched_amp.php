<?php
/*
 * Scheduler micro-benchmarks, AMPHP v3 / Revolt side (the same ops as
 * sched_loom.php, each written the idiomatic AMPHP way):
 *   spawn-await   Amp\async(fn)->await(), one at a time
 *   spawn-all     K x Amp\async(), then Amp\Future\await()
 *   yield         two tasks alternating a zero-delay yield: a Revolt Suspension
 *                 resumed from EventLoop::queue() (what Amp uses internally)
 *   delay0        two tasks alternating Amp\delay(0) (a 0-s timer, as Loom\sleep(0))
 *   channel       ping-pong over amphp/sync's createChannelPair() (per round trip)
 *
 * With LOOM_REVOLT_DRIVER=1 (and loom.so loaded) the same code runs on Loom's Revolt driver
 * (adapters/src/Revolt, loaded from this checkout) instead of Revolt's default driver; the output's
 * "side" is then "amp-on-loom".
 */
declare(strict_types=1);
require __DIR__ . '/vendor/autoload.php';

use Revolt\EventLoop;
use function Amp\async;
use function Amp\delay;

$side = 'amp';
if (getenv('LOOM_REVOLT_DRIVER')) {
    foreach (['Callback', 'Suspension', 'Driver'] as $class) {
        require_once __DIR__ . "/../adapters/src/Revolt/$class.php";
    }
    EventLoop::setDriver(new Loom\Revolt\Driver());
    $side = 'amp-on-loom';
}

$op = $argv[1] ?? 'spawn-await';
$k = (int)($argv[2] ?? 100000);
$noop = static function (): int { return 1; };

$t = hrtime(true);
switch ($op) {
    case 'spawn-await':
        for ($i = 0; $i < $k; $i++) {
            async($noop)->await();
        }
        $ops = $k;
        break;
    case 'spawn-all':
        $futures = [];
        for ($i = 0; $i < $k; $i++) {
            $futures[] = async($noop);
        }
        Amp\Future\await($futures);
        $ops = $k;
        break;
    case 'yield':
        $f = static function () use ($k): void {
            for ($i = 0; $i < $k; $i++) {
                $s = EventLoop::getSuspension();
                EventLoop::queue($s->resume(...));
                $s->suspend();
            }
        };
        Amp\Future\await([async($f), async($f)]);
        $ops = 2 * $k;
        break;
    case 'delay0':
        $f = static function () use ($k): void {
            for ($i = 0; $i < $k; $i++) {
                delay(0);
            }
        };
        Amp\Future\await([async($f), async($f)]);
        $ops = 2 * $k;
        break;
    case 'channel':
        [$left, $right] = Amp\Sync\createChannelPair();
        $a = async(static function () use ($k, $left): void {
            for ($i = 0; $i < $k; $i++) {
                $left->send($i);
                $left->receive();
            }
        });
        $b = async(static function () use ($k, $right): void {
            for ($i = 0; $i < $k; $i++) {
                $right->send($right->receive());
            }
        });
        Amp\Future\await([$a, $b]);
        $ops = $k;
        break;
    default:
        fwrite(STDERR, "unknown op $op\n");
        exit(2);
}
$dt = (hrtime(true) - $t) / 1e3;
echo json_encode(['side' => $side, 'op' => $op, 'iters' => $k, 'us_per_op' => round($dt / $ops, 4)]), "\n";
