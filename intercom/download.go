package intercom

import (
	"context"
	"errors"
	"fmt"
	"mime"
	"net/http"

	"github.com/intercomkit/intercom-go/gen"
)

// This file holds what the operations whose success is a file rather than
// JSON share: data exports, reporting exports, call recordings and
// transcripts.

// Download is a file the API returned instead of JSON: a data export, a call
// recording or a call transcript. The client's HTTP layer reads every
// successful response into memory, so Data is the whole file.
type Download struct {
	// Data is the file's content, exactly as received.
	Data []byte
	// ContentType is the response's Content-Type, e.g.
	// "application/octet-stream", "text/plain" or "audio/mpeg"; "" when the
	// response had none.
	ContentType string
	// Filename is the file name suggested by the response's
	// Content-Disposition header, or "" when it suggested none.
	Filename string
}

// acceptHeader is a request editor setting the Accept header, for the
// operations whose success is a file rather than JSON (the HTTP layer keeps
// an Accept header already set).
func acceptHeader(v string) gen.RequestEditorFn {
	return func(_ context.Context, req *http.Request) error {
		req.Header.Set("Accept", v)
		return nil
	}
}

// doDownload runs one generated call whose success is a file, with per-call
// options, and returns the file with its content type and suggested name.
func doDownload(ctx context.Context, op *Operation, opts []Option, fn func(ctx context.Context) (*http.Response, error)) (*Download, error) {
	resp, err := fn(withCall(ctx, op, opts))
	if err != nil {
		return nil, err
	}
	if resp == nil {
		return nil, errors.New("intercom: no response")
	}
	data, err := responseBytes(resp)
	if err != nil {
		return nil, fmt.Errorf("intercom: reading downloaded file: %w", err)
	}
	d := &Download{Data: data, ContentType: resp.Header.Get("Content-Type")}
	if cd := resp.Header.Get("Content-Disposition"); cd != "" {
		if _, params, err := mime.ParseMediaType(cd); err == nil {
			d.Filename = params["filename"]
		}
	}
	return d, nil
}
