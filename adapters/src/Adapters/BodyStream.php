<?php
/*
 * A PSR-7 body over Loom\Http\Response::chunks(): read() returns bytes that have already arrived and
 * suspends only the reading task while none have. Shared by the Guzzle handler and the PSR-18 client.
 */

declare(strict_types=1);

namespace Loom\Adapters;

use Loom\CancelledException;
use Loom\Http\Response;
use Psr\Http\Message\StreamInterface;

/** @internal */
final class BodyStream implements StreamInterface
{
    private ?Response $response;
    private ?\Iterator $chunks = null;
    /** Bytes received and not yet read; $offset of them were already handed out. */
    private string $buffer = '';
    private int $offset = 0;
    private int $position = 0;
    private int $received = 0;
    private bool $ended = false;
    /** @var null|callable(string $chunk, int $received): void */
    private $onChunk;
    /** @var null|callable(?\Throwable $error): void */
    private $onEnd;

    /**
     * @param null|callable(string, int): void $onChunk called with each piece as it is pulled in
     * @param null|callable(?\Throwable): void $onEnd called once when the body ended or failed
     */
    public function __construct(Response $response, ?callable $onChunk = null, ?callable $onEnd = null)
    {
        $this->response = $response;
        $this->onChunk = $onChunk;
        $this->onEnd = $onEnd;
    }

    /** The Loom response underneath (null once closed or detached). */
    public function loomResponse(): ?Response
    {
        return $this->response;
    }

    public function read(int $length): string
    {
        if ($length < 0) {
            throw new \InvalidArgumentException('Length parameter cannot be negative');
        }
        if ($length === 0) {
            return '';
        }
        if ($this->offset >= strlen($this->buffer) && !$this->fill()) {
            return '';
        }
        $out = substr($this->buffer, $this->offset, $length);
        $this->offset += strlen($out);
        $this->position += strlen($out);
        if ($this->offset >= strlen($this->buffer)) {
            $this->buffer = '';
            $this->offset = 0;
        }
        return $out;
    }

    /**
     * Waits (suspending only this task) for the next piece of the body. False at the end of the body.
     * A Loom exception (a transport failure, a cancellation of the reading task) is thrown as is: they are
     * \RuntimeExceptions, as PSR-7 asks. A cancelled reader closes the transfer.
     */
    private function fill(): bool
    {
        if ($this->ended || $this->response === null) {
            return false;
        }
        try {
            if ($this->chunks === null) {
                $this->chunks = $this->response->chunks();
                $this->chunks->rewind();
            } else {
                $this->chunks->next();
            }
            while ($this->chunks->valid()) {
                $chunk = (string)$this->chunks->current();
                if ($chunk !== '') {
                    $this->buffer = $chunk;
                    $this->offset = 0;
                    $this->received += strlen($chunk);
                    if ($this->onChunk !== null) {
                        ($this->onChunk)($chunk, $this->received);
                    }
                    return true;
                }
                $this->chunks->next();
            }
        } catch (\Throwable $e) {
            $this->ended = true;
            if ($e instanceof CancelledException) {
                $this->response->cancel();
            }
            $this->finish($e);
            throw $e;
        }
        $this->ended = true;
        $this->finish(null);
        return false;
    }

    private function finish(?\Throwable $error): void
    {
        $onEnd = $this->onEnd;
        $this->onEnd = null;
        $this->onChunk = null;
        if ($onEnd !== null) {
            $onEnd($error);
        }
    }

    /** True once the end of the body was seen and everything was read; never waits. */
    public function eof(): bool
    {
        return ($this->ended || $this->response === null) && $this->offset >= strlen($this->buffer);
    }

    public function getContents(): string
    {
        if ($this->response === null) {
            throw new \RuntimeException('Stream is detached');
        }
        $out = substr($this->buffer, $this->offset);
        $this->position += strlen($out);
        $this->buffer = '';
        $this->offset = 0;
        while ($this->fill()) {
            $out .= $this->buffer;
            $this->position += strlen($this->buffer);
            $this->buffer = '';
        }
        return $out;
    }

    public function __toString(): string
    {
        return $this->response === null ? '' : $this->getContents();
    }

    /** The body's size once it has been received to its end; null before (it is not known yet). */
    public function getSize(): ?int
    {
        return $this->ended ? $this->received : null;
    }

    public function tell(): int
    {
        return $this->position;
    }

    public function isSeekable(): bool
    {
        return false;
    }

    public function seek(int $offset, int $whence = SEEK_SET): void
    {
        // Seeking to where the stream already is costs nothing, and rewind() before any read is common.
        $target = match ($whence) {
            SEEK_SET => $offset,
            SEEK_CUR => $this->position + $offset,
            default => null,
        };
        if ($target !== $this->position) {
            throw new \RuntimeException('Loom response bodies are streamed as they arrive and cannot seek');
        }
    }

    public function rewind(): void
    {
        $this->seek(0);
    }

    public function isWritable(): bool
    {
        return false;
    }

    public function write(string $string): int
    {
        throw new \RuntimeException('Loom response bodies are read-only');
    }

    public function isReadable(): bool
    {
        return $this->response !== null;
    }

    /** Closes the transfer if the body was not read to its end. */
    public function close(): void
    {
        if ($this->response !== null && !$this->ended) {
            $this->response->cancel();
            $this->ended = true;
            $this->finish(new CancelledException('the body stream was closed before its end'));
        }
        $this->response = null;
        $this->chunks = null;
        $this->buffer = '';
        $this->offset = 0;
    }

    public function detach()
    {
        $this->close();
        return null;
    }

    public function getMetadata(?string $key = null)
    {
        $meta = [
            'wrapper_type' => 'loom',
            'stream_type' => 'loom',
            'mode' => 'r',
            'seekable' => false,
            'uri' => $this->response?->url(),
            'eof' => $this->eof(),
        ];
        return $key === null ? $meta : ($meta[$key] ?? null);
    }
}
