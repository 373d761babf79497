package engine

import (
	"fmt"
	"io"
	"math"
)

// Reading a response body into memory. The limit (WithMaxResponseBytes)
// counts the bytes as they arrive, decompressed (net/http undoes gzip before
// the SDK reads), so a small compressed body that inflates to gigabytes
// stops at the limit. Memory follows the bytes actually received, never the
// announced length:
//
//   - a body whose Content-Length is at most trustedLength is read into one
//     buffer of that size (the common case: one allocation);
//   - any other body (a longer announced length, or none, as for a
//     compressed response) is read into chunks that grow with what arrives
//     (at most maxChunk each), and joined once at the end. A body over the
//     limit is dropped as soon as it passes it: the peak is the limit plus
//     one chunk. A Content-Length that lies (announcing 60 MiB and sending
//     80 bytes) costs at most trustedLength up front.

const (
	// trustedLength is the largest Content-Length the reader allocates up
	// front.
	trustedLength = 256 << 10
	// firstChunk and maxChunk bound the chunks of a body read without a
	// trusted length.
	firstChunk = 4 << 10
	maxChunk   = 4 << 20
)

// readCapped reads a whole body of at most limit bytes (no limit when
// limit <= 0); length is the announced Content-Length, or -1. A body longer
// than limit, or announced longer, is an error wrapping
// ErrResponseTooLarge, and is not read further. A body shorter than its
// announced length is io.ErrUnexpectedEOF; a longer one is read in full
// (within the limit).
func readCapped(body io.Reader, length, limit int64) ([]byte, error) {
	if limit <= 0 {
		limit = math.MaxInt64 - 1
	}
	if length > limit {
		return nil, fmt.Errorf("%w: Content-Length %d, limit %d bytes", ErrResponseTooLarge, length, limit)
	}
	size := int64(firstChunk)
	if length >= 0 && length <= trustedLength {
		size = length + 1 // +1: EOF is seen without a second buffer
	}
	size = min(size, limit+1)
	var chunks [][]byte
	var total int64
	buf := make([]byte, 0, size)
	for {
		n, err := body.Read(buf[len(buf):cap(buf)])
		buf = buf[:len(buf)+n]
		total += int64(n)
		if total > limit {
			return nil, fmt.Errorf("%w: more than %d bytes", ErrResponseTooLarge, limit)
		}
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, err
		}
		if len(buf) == cap(buf) {
			chunks = append(chunks, buf)
			next := min(int64(2*cap(buf)), maxChunk, limit+1-total)
			buf = make([]byte, 0, max(next, 1))
		}
	}
	if length >= 0 && total < length {
		return nil, io.ErrUnexpectedEOF
	}
	if len(chunks) == 0 {
		return buf, nil
	}
	out := make([]byte, 0, total)
	for i, c := range chunks {
		out = append(out, c...)
		chunks[i] = nil
	}
	return append(out, buf...), nil
}
