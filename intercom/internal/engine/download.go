package engine

import (
	"context"
	"fmt"
	"io"
	"mime"
	"net/http"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// This file holds what the operations whose success is a file rather than
// JSON share: data exports, reporting exports, call recordings and
// transcripts.

// Download is a file the API returned instead of JSON: a data export, a call
// recording or a call transcript. The file is not read into memory: it is
// streamed from the connection as the Download is read, so a file of any
// size costs a constant amount of memory. Read it (a Download is an
// io.ReadCloser), copy it with WriteTo (io.Copy uses it), or take it whole
// with Bytes; in every case Close it (WriteTo and Bytes close it for you).
//
//	d, err := client.DataExport.Download(ctx, jobID)
//	if err != nil { ... }
//	defer d.Close()
//	f, err := os.Create(d.FilenameOr("export.csv.gz"))
//	...
//	if _, err := d.WriteTo(f); err != nil { ... }
type Download struct {
	// ContentType is the response's Content-Type, e.g.
	// "application/octet-stream", "text/plain" or "audio/mpeg"; "" when the
	// response had none.
	ContentType string
	// Filename is the file name suggested by the response's
	// Content-Disposition header, reduced to a safe base name: no directory
	// part, no control characters, not "." or ".."; "" when the response
	// suggested none (or nothing of it was safe). It can still name any file
	// in the directory it is joined with: choose that directory yourself.
	Filename string
	// ContentLength is the file's size announced by the response, or -1
	// when unknown.
	ContentLength int64

	body io.ReadCloser
}

// Read reads the next bytes of the file from the connection. A connection
// failure in the middle of the file is returned as the error of Read; the
// download is not resumed.
func (d *Download) Read(p []byte) (int, error) { return d.body.Read(p) }

// Close closes the connection's body. It may be called more than once.
func (d *Download) Close() error { return d.body.Close() }

// WriteTo copies the rest of the file to w and closes the download. It
// returns the bytes written; io.Copy(w, d) uses it.
func (d *Download) WriteTo(w io.Writer) (int64, error) {
	n, err := io.Copy(w, struct{ io.Reader }{d.body})
	if cerr := d.body.Close(); err == nil && cerr != nil {
		err = cerr
	}
	if err != nil {
		return n, fmt.Errorf("intercom: downloading file: %w", err)
	}
	return n, nil
}

// Bytes reads the rest of the file into memory and closes the download. It
// refuses a file larger than limit bytes (limit <= 0: no limit) with an
// error wrapping [ErrResponseTooLarge], without reading it whole. Prefer
// WriteTo for large files.
func (d *Download) Bytes(limit int64) ([]byte, error) {
	defer d.body.Close()
	b, err := readLimited(d.body, d.ContentLength, limit)
	if err != nil {
		return nil, fmt.Errorf("intercom: downloading file: %w", err)
	}
	return b, nil
}

// FilenameOr returns Filename, or fallback when it is "".
func (d *Download) FilenameOr(fallback string) string {
	if d.Filename != "" {
		return d.Filename
	}
	return fallback
}

// doDownload is doJSON for a call whose success is a file: it sends req
// with the Accept header accept (the engine keeps an Accept header already
// set) and the call options opts, and returns the file, streamed, with its
// content type and suggested name. A non-2xx answer is an [*Error] as for
// any call.
func DoDownload(ctx context.Context, c *Client, op *Operation, opts []Option, accept string, req *http.Request, buildErr error) (*Download, error) {
	if buildErr != nil {
		return nil, buildError(buildErr)
	}
	if accept != "" {
		req.Header.Set("Accept", accept)
	}
	callOpts := append(slices.Clip(callOptions(ctx, op, opts)), withStream())
	resp, err := c.do(ctx, op, callOpts, req)
	if err != nil {
		return nil, err
	}
	body := resp.Body
	if body == nil {
		body = http.NoBody
	}
	d := &Download{ContentType: resp.Header.Get("Content-Type"), ContentLength: resp.ContentLength, body: body}
	if cd := resp.Header.Get("Content-Disposition"); cd != "" {
		if _, params, err := mime.ParseMediaType(cd); err == nil {
			d.Filename = safeFilename(params["filename"])
		}
	}
	return d, nil
}

// maxFilename bounds a suggested file name, in bytes (most file systems
// allow 255).
const maxFilename = 200

// safeFilename reduces a file name suggested by a server to a base name
// that is safe to join with a directory: the part after the last slash or
// backslash, without colons (a Windows drive or stream), control or format
// characters, at most maxFilename bytes, and not only dots; "" if nothing
// is left.
func safeFilename(name string) string {
	if i := strings.LastIndexAny(name, `/\`); i >= 0 {
		name = name[i+1:]
	}
	name = strings.Map(func(r rune) rune {
		if r == ':' || r == unicode.ReplacementChar || unicode.IsControl(r) || unicode.Is(unicode.Cf, r) {
			return -1
		}
		return r
	}, name)
	name = strings.TrimSpace(name)
	for len(name) > maxFilename {
		_, size := utf8.DecodeLastRuneInString(name)
		name = name[:len(name)-size]
	}
	if name == "." || name == ".." || strings.Trim(name, ".") == "" {
		return ""
	}
	return name
}
