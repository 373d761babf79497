package intercom

import (
	"context"
	"log/slog"
	"net/http"
	"time"

	"github.com/intercomkit/intercom-go/intercom/internal/engine"
)

// The names of the engine (intercom/internal/engine) that are part of this
// package's API: declared once, in the engine, and shown here. The doc
// comment of each alias spells out the fields and methods of its type,
// since go doc does not follow an alias into an internal package
// (TestEngineNamesShown keeps them complete).

const (
	// EnvAccessToken names the variable holding the access token.
	EnvAccessToken = engine.EnvAccessToken
	// EnvRegion names the optional variable holding the region: us, eu or au.
	EnvRegion = engine.EnvRegion
	// DefaultMaxResponseBytes is the default limit on the body of a
	// successful JSON response; see [WithMaxResponseBytes].
	DefaultMaxResponseBytes = engine.DefaultMaxResponseBytes
	// RegionUS is the United States region, https://api.intercom.io (the default).
	RegionUS = engine.RegionUS
	// RegionEU is the European Union region, https://api.eu.intercom.io.
	RegionEU = engine.RegionEU
	// RegionAU is the Australian region, https://api.au.intercom.io.
	RegionAU = engine.RegionAU
)

var (
	// ErrBearerPrefix is wrapped by the error of [NewClient] and
	// [NewClientFromEnv] when the access token starts with "Bearer " (copied with
	// its Authorization scheme): pass the token alone, the client adds the
	// scheme. The error never shows the token.
	ErrBearerPrefix = engine.ErrBearerPrefix
	// ErrInvalidID is wrapped by the error a method returns, without sending a
	// request, when a path id is empty, "." or "..", or contains control
	// characters.
	ErrInvalidID = engine.ErrInvalidID
	// ErrMissingParameter is wrapped by the error a method returns, without sending
	// anything, when its params leave a query parameter that the API version requires
	// empty (it would otherwise be sent as "name=").
	ErrMissingParameter = engine.ErrMissingParameter
	// ErrNullBody is wrapped by the [*DecodeError] of a 2xx response whose body is
	// empty or the JSON literal null where the operation returns a value: an
	// empty result is never made up from it.
	ErrNullBody = engine.ErrNullBody
	// ErrOutcomeUnknown marks the error of a request that is not safe to repeat
	// (a POST, PUT or PATCH that is not a read) when the SDK cannot tell whether
	// Intercom applied it. Test for it with errors.Is(err, intercom.ErrOutcomeUnknown)
	// and reconcile (look the object up) before sending the write again. It is
	// set when:
	//
	//   - the request failed without a response and the error does not prove
	//     that it never left the client. Only these prove it: the connection
	//     could not be opened (refused, DNS failure, dial timeout, a proxy that
	//     could not be reached), the TLS handshake failed before anything was
	//     written, or HTTP/2 refused the stream (REFUSED_STREAM, or a GOAWAY that
	//     excluded it). Anything else (a reset, a timeout, an EOF, a middleware's
	//     or custom transport's own error) may have come after the request
	//     reached Intercom. This does not rely on the transport reporting what
	//     it wrote, so it holds for any http.RoundTripper and middleware;
	//   - the call's context ended while such a request was in flight;
	//   - Intercom answered 5xx: the server may have applied the write before
	//     it failed (the [*Error] is still there for errors.As).
	//
	// Such a request is retried automatically only when the error proves it
	// never left, unless [WithRetryNonIdempotent] is set.
	ErrOutcomeUnknown = engine.ErrOutcomeUnknown
	// ErrPaginationStalled is wrapped by the [*PaginationError] an iterator ends
	// with when maxIdlePages pages in a row brought no new item although each
	// named a next page.
	ErrPaginationStalled = engine.ErrPaginationStalled
	// ErrRedirectRefused is wrapped by the error of a request whose redirect the
	// client did not follow. The client's redirect policy (also applied to an
	// *http.Client given with [WithHTTPClient], on a copy: the caller's client
	// is not modified) is:
	//
	//   - a redirect to the client's own origin (the scheme, host and port of
	//     its base URL) is followed with the access token;
	//   - a redirect from https to plain http is refused, whatever the host;
	//   - a redirect to another origin is followed without the Authorization
	//     (and Referer) header for a GET or HEAD (a file download may be served from a storage
	//     host), and refused for any other method (its body is not sent
	//     elsewhere);
	//   - after 10 redirects the request fails.
	//
	// A CheckRedirect function of the caller's *http.Client runs after these
	// checks, on the redirects they allow.
	ErrRedirectRefused = engine.ErrRedirectRefused
	// ErrRepeatedCursor is the error an iterator ends with when the API hands back
	// a pagination cursor (a starting_after value, a page number or a next-page
	// URL) it already handed back during the same iteration: following it would
	// repeat pages forever. Items yielded before it were not repeated.
	ErrRepeatedCursor = engine.ErrRepeatedCursor
	// ErrResponseTooLarge is wrapped by the error of a call whose successful
	// response body is larger than the limit of [WithMaxResponseBytes] (64 MiB
	// by default). Files (data exports, recordings) are streamed and not
	// limited.
	ErrResponseTooLarge = engine.ErrResponseTooLarge
	// ErrScrollExpired is the error a scroll iterator (such as the companies
	// scroll) ends with when the scroll cannot go on: Intercom answered 500 after
	// the first page, which for a scroll means it failed or expired (a scroll
	// expires after a minute without use), or a page came without a scroll_param.
	// A scroll cannot be resumed from where it stopped: start a new iteration from
	// the beginning. The error also wraps the [*Error] of the failed request, when
	// there was one, so errors.As still finds it.
	ErrScrollExpired = engine.ErrScrollExpired
)

// AttemptInfo describes one attempt of a call.
//
//	type AttemptInfo struct {
//		// Attempt is the attempt's number, from 1.
//		Attempt int
//		// Sent reports that the request was handed to the HTTP client: false
//		// when the attempt ended while waiting for the rate limiter.
//		Sent bool
//		// StatusCode is the response's status, or 0 when there was none (a
//		// connection error, or an attempt stopped while waiting for the rate
//		// limiter).
//		StatusCode int
//		// Err is why the attempt got no response, or nil.
//		Err error
//		// RequestID is the response's X-Request-Id header, if any.
//		RequestID string
//		// RateLimit is the response's X-RateLimit-* state (zero when absent).
//		RateLimit RateLimit
//		// RateLimitWait is how long the attempt waited before it was sent, for
//		// the [RateLimiter] of [WithRateLimiter] and for [WithRateLimitWait].
//		RateLimitWait time.Duration
//		// Duration is the time from sending the request to having read the
//		// response (or the error).
//		Duration time.Duration
//		// Retry reports that another attempt follows, after RetryDelay.
//		Retry      bool
//		RetryDelay time.Duration
//	}
type AttemptInfo = engine.AttemptInfo

// CallInfo describes a call as it starts.
//
//	type CallInfo struct {
//		// Operation is the API operation of the call, or nil when it is not
//		// known (a raw generated call, a next-page URL).
//		Operation *Operation
//		// Method is the HTTP method, e.g. "GET".
//		Method string
//		// Host and Port are the server's host name and port (the port is 443 or
//		// 80 when the URL gives none).
//		Host string
//		Port int
//		// Start is when the call entered the HTTP layer.
//		Start time.Time
//	}
type CallInfo = engine.CallInfo

// CallObserver follows one call; see [Observer]. Its methods are called from
// the goroutine that made the call, in order: AttemptDone after each attempt,
// then CallDone once.
//
//	type CallObserver interface {
//		// AttemptDone reports one attempt, once it is known whether another
//		// attempt follows.
//		AttemptDone(a AttemptInfo)
//		// CallDone reports the end of the call.
//		CallDone(r CallResult)
//	}
type CallObserver = engine.CallObserver

// CallResult describes a call as it ends.
//
//	type CallResult struct {
//		// StatusCode is the status of the final response, or 0 when there was
//		// none.
//		StatusCode int
//		// Err is the call's error (an [*Error] for a non-2xx response, a
//		// [*DecodeError] for a 2xx body that could not be decoded), or nil.
//		Err error
//		// Attempts is the number of attempts made (0 when the call failed before
//		// its first one, e.g. on an invalid option).
//		Attempts int
//		// RetryWait is the total time spent waiting between attempts;
//		// RateLimitWait the total time spent waiting for the rate limiter.
//		RetryWait, RateLimitWait time.Duration
//		// RequestID and RateLimit are those of the final response.
//		RequestID string
//		RateLimit RateLimit
//		// Duration is the time from entering to leaving the HTTP layer (for a
//		// service method, to the end of decoding its response).
//		Duration time.Duration
//	}
type CallResult = engine.CallResult

// Clock is the time source of the HTTP layer: Now dates the rate-limit
// state, and Sleep waits before a retry or for a rate-limit reset. The
// default reads the wall clock and waits on a timer (or the context). Give
// another with [WithClock] so that tests do not wait in real time; a fake
// server's clock, such as that of package intercomtest (whose clients use it
// already), fits.
//
//	type Clock interface {
//		// Now returns the current time.
//		Now() time.Time
//		// Sleep waits for d, or until ctx is done, in which case it returns
//		// ctx.Err().
//		Sleep(ctx context.Context, d time.Duration) error
//	}
type Clock = engine.Clock

// DecodeError is returned when a 2xx response body cannot be decoded into the
// result type: it is not JSON, it is empty or null where a value is expected
// (Err wraps [ErrNullBody]), or, with [WithStrictDecoding], some fields do not
// fit their types. The raw body is kept, so nothing the API sent is lost.
//
//	type DecodeError struct {
//		// StatusCode is the HTTP status of the response.
//		StatusCode int
//		// Body is the complete raw response body.
//		Body []byte
//		// Err is the decoding error.
//		Err error
//		// Mismatches lists the fields that did not fit their types, sorted by
//		// path, when that is the failure ([WithStrictDecoding]); nil otherwise.
//		Mismatches []Mismatch
//		// Value is the rest of the response, decoded, when Mismatches is set: a
//		// pointer to the method's result type (e.g. *gen.Conversation) with the
//		// mismatched fields left at their zero values. Nil otherwise.
//		Value any
//	}
//
//	func (e *DecodeError) Error() string
//
// Error describes the failure; it does not include the body.
//
//	func (e *DecodeError) Unwrap() error
//
// Unwrap returns the decoding error.
type DecodeError = engine.DecodeError

// DecodeReport collects the [Mismatch]es of the calls it is given to with
// [WithDecodeReport]. Each call appends to it, so a report given to a list
// iterator collects those of every page. It is safe for concurrent use; the
// zero value is ready to use.
//
//	type DecodeReport struct {
//		// contains filtered or unexported fields
//	}
//
//	func (r *DecodeReport) Len() int
//
// Len returns how many mismatches were collected.
//
//	func (r *DecodeReport) Mismatches() []Mismatch
//
// Mismatches returns a copy of the mismatches collected so far, in the order
// they were found (by path within one response).
type DecodeReport = engine.DecodeReport

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
//
//	type Download struct {
//		// ContentType is the response's Content-Type, e.g.
//		// "application/octet-stream", "text/plain" or "audio/mpeg"; "" when the
//		// response had none.
//		ContentType string
//		// Filename is the file name suggested by the response's
//		// Content-Disposition header, reduced to a safe base name: no directory
//		// part, no control characters, not "." or ".."; "" when the response
//		// suggested none (or nothing of it was safe). It can still name any file
//		// in the directory it is joined with: choose that directory yourself.
//		Filename string
//		// ContentLength is the file's size announced by the response, or -1
//		// when unknown.
//		ContentLength int64
//		// contains filtered or unexported fields
//	}
//
//	func (d *Download) Bytes(limit int64) ([]byte, error)
//
// Bytes reads the rest of the file into memory and closes the download. It
// refuses a file larger than limit bytes (limit <= 0: no limit) with an
// error wrapping [ErrResponseTooLarge], without reading it whole. Prefer
// WriteTo for large files.
//
//	func (d *Download) Close() error
//
// Close closes the connection's body. It may be called more than once.
//
//	func (d *Download) FilenameOr(fallback string) string
//
// FilenameOr returns Filename, or fallback when it is "".
//
//	func (d *Download) Read(p []byte) (int, error)
//
// Read reads the next bytes of the file from the connection. A connection
// failure in the middle of the file is returned as the error of Read; the
// download is not resumed.
//
//	func (d *Download) WriteTo(w io.Writer) (int64, error)
//
// WriteTo copies the rest of the file to w and closes the download. It
// returns the bytes written; io.Copy(w, d) uses it.
type Download = engine.Download

// Error is a non-2xx response from the API, after any retries. Its fields come
// from Intercom's error body, e.g.
//
//	{"type":"error.list","request_id":"…","errors":[{"code":"unauthorized","message":"Access Token Invalid"}]}
//
// When the body is not that JSON (say a proxy's HTML page) Errors is empty,
// Body holds what was received and the message quotes a short excerpt. Use
// errors.As to get it, or the Is... helpers such as [IsNotFound].
//
//	type Error struct {
//		// StatusCode is the HTTP status of the final response.
//		StatusCode int
//		// Method and Path identify the request (the path has no query string).
//		Method, Path string
//		// Type is the body's "type", normally "error.list".
//		Type string
//		// RequestID identifies the request for Intercom support: the body's
//		// "request_id", else the X-Request-Id header.
//		RequestID string
//		// Errors is the list of errors reported by the API.
//		Errors []ErrorDetail
//		// RateLimit is the rate-limit state reported by the final response.
//		RateLimit RateLimit
//		// Attempts is how many attempts were made, retries included.
//		Attempts int
//		// Body is the raw response body, at most 64 KiB of it.
//		Body []byte
//		// Truncated reports that Body was cut at 64 KiB.
//		Truncated bool
//		// contains filtered or unexported fields
//	}
//
//	func (e *Error) Code() string
//
// Code returns the code of the first entry of the error list ("not_found",
// "conflict", "parameter_invalid", ...), or "" when the response had none
// (a proxy's HTML page, an empty body) or e is nil. Use it rather than
// indexing Errors, which may be empty.
//
//	func (e *Error) Error() string
//
// Error describes the failure without ever including the access token.
//
//	func (e *Error) HasCode(code string) bool
//
// HasCode reports whether any entry of the error list has the given code.
//
//	func (e *Error) Hint() string
//
// Hint returns what the error's message adds to the response to say how to
// fix the call, or "" when it adds nothing:
//
//   - a 401 names the region (or base URL) the token was sent to and how to
//     pick another: a token works only in its workspace's region;
//
//   - a 404 of an operation on a contact whose contact id looks like an
//     email address says to find the contact with
//     [ContactsService.FindByEmail]; the message then shows the address as
//     [email address], so the error does not spread it into logs (Path and
//     Body keep what was sent and received).
//
//     func (e *Error) Is(target error) bool
//
// Is reports whether target is ErrOutcomeUnknown and e is the answer to a
// write that may have been applied (a 5xx to a request that is not safe to
// repeat).
//
//	func (e *Error) Message() string
//
// Message returns the message of the first entry of the error list, or ""
// when there is none.
//
//	func (e *Error) Unwrap() error
//
// Unwrap returns why the body could not be decoded as Intercom's error JSON,
// or nil when it could.
type Error = engine.Error

// ErrorDetail is one entry of the error list Intercom returns.
//
//	type ErrorDetail struct {
//		// Code is a machine-readable code such as "unauthorized", "not_found" or
//		// "parameter_invalid".
//		Code string `json:"code"`
//		// Message is a human-readable description.
//		Message string `json:"message"`
//		// Field names the offending parameter, when the API says which.
//		Field string `json:"field,omitempty"`
//	}
type ErrorDetail = engine.ErrorDetail

// Middleware wraps one HTTP attempt: it may inspect or change the request,
// call next (the next middleware, and finally the HTTP client), and inspect or
// replace the response. It runs for every attempt, retries included, after
// the SDK has set its headers. See [WithMiddleware].
type Middleware = engine.Middleware

// MiddlewareNext sends a request on to the rest of the chain.
type MiddlewareNext = engine.MiddlewareNext

// Mismatch is one field of a response whose JSON did not fit its Go type.
//
//	type Mismatch struct {
//		// Path locates the field from the top of the body, with JSON names,
//		// array indexes and quoted map keys, e.g.
//		// "conversations[3].team_assignee_id" or `custom_attributes["plan"]`.
//		Path string
//		// Expected is the Go type of the field, without pointers, e.g. "int".
//		Expected string
//		// Received is the kind of JSON value that came: "string", "number",
//		// "bool", "object" or "array".
//		Received string
//	}
//
//	func (m Mismatch) String() string
//
// String describes the mismatch on one line.
type Mismatch = engine.Mismatch

// Observer is told about every call that goes through a client's HTTP layer:
// once when the call starts, after each of its attempts, and once when it
// ends. It is the hook for instrumentation such as tracing and metrics (the
// module github.com/intercomkit/intercom-go/pkg/otelintercom builds
// OpenTelemetry spans and metrics on it) and for job runners that count
// calls and 429 responses. Add one with [WithObserver].
//
// A call is one service method call, one page of an iterator, or one request
// of the raw generated client: everything between entering the HTTP layer and
// returning from it, retries included.
//
// Implementations must be safe for concurrent use: calls run concurrently.
// The information passed never contains the access token or a body, but an
// error (AttemptInfo.Err, CallResult.Err) may quote the request path and
// Intercom's error message, which can name a person (an email in a path or a
// validation message): an implementation that exports data should not export
// error text as-is.
//
//	type Observer interface {
//		// ObserveCall is called once per call, before its first attempt (and
//		// before any wait for a rate limiter). It returns the context the call's
//		// requests continue with (ctx itself, or ctx carrying a span so that the
//		// spans of an instrumented transport nest under it) and the CallObserver
//		// that follows the call; a nil CallObserver ignores the call.
//		ObserveCall(ctx context.Context, call CallInfo) (context.Context, CallObserver)
//	}
type Observer = engine.Observer

// Operation describes the Intercom API operation an SDK call performs. The
// service methods pass theirs to the HTTP layer, where a [Middleware] or an
// instrumentation hook can read it with [OperationFromRequest] (to name a
// span after the operation rather than the URL, for example), and where its
// RetrySafe flag decides whether a failed request may be sent again.
//
//	type Operation struct {
//		// ID is the operationId as package gen exports it, e.g. "ShowContact";
//		// it is also the name of the gen.Client method.
//		ID string
//		// Service and Method name the facade method, e.g. "Contacts" and "Get"
//		// for Client.Contacts.Get.
//		Service, Method string
//		// HTTPMethod and Path are the operation's HTTP method and OpenAPI path
//		// template, e.g. "GET" and "/contacts/{contact_id}".
//		HTTPMethod, Path string
//		// RetrySafe reports that the operation changes nothing on the server (a
//		// GET, or a read sent as POST such as a search), so a request that failed
//		// with a 5xx or a connection error after it was sent may be repeated.
//		RetrySafe bool
//		// contains filtered or unexported fields
//	}
type Operation = engine.Operation

// Option configures a [Client] (passed to [NewClient]) or a single call
// (passed as the trailing argument of a service method, or attached to a
// context with [ContextWithOptions]). Per-call options are applied on top of
// the client's; when the same setting is given more than once the later one
// wins.
//
// A few options only make sense in one place: [WithRegion], [WithBaseURL],
// [WithHTTPClient] and [WithAppInfo] configure the client only, and
// [WithResponseInto] a single call only. Using one in the wrong place makes
// NewClient or the call return an error.
//
// An Option is a function so that options compose; build them only with the
// With... functions of this package. A nil Option is an error.
type Option = engine.Option

// PaginationError is the error an iterator ends with when the listing does
// not progress: errors.Is(err, ErrPaginationStalled) holds. The items
// yielded before it were real; the iteration cannot go on from there.
//
//	type PaginationError struct {
//		// Operation names the listing's operation, e.g. "Contacts.List"
//		// (the ...All iterator of that method), or "" when it is not known.
//		Operation string
//		// Pages is how many pages were fetched.
//		Pages int
//		// IdlePages is how many pages in a row brought no new item.
//		IdlePages int
//		// Err is ErrPaginationStalled.
//		Err error
//	}
//
//	func (e *PaginationError) Error() string
//
// Error describes the stall.
//
//	func (e *PaginationError) Unwrap() error
//
// Unwrap returns ErrPaginationStalled.
type PaginationError = engine.PaginationError

// RateLimit is the rate-limit state Intercom reports in the X-RateLimit-Limit,
// X-RateLimit-Remaining and X-RateLimit-Reset headers of a response.
//
// HasLimit, HasRemaining and HasReset say which headers were present with a
// valid value; a field whose header was absent or malformed is zero and
// means nothing (a Remaining of 0 with HasRemaining false is not "none
// left"). Code that acts on the state, such as a [RateLimiter], must check
// them.
//
//	type RateLimit struct {
//		// Limit is the number of requests allowed in the current window.
//		Limit int
//		// Remaining is the number of requests left in the current window.
//		Remaining int
//		// Reset is when the window resets (X-RateLimit-Reset, in Unix seconds).
//		// The client checks it against its clock before keeping it: a value in
//		// milliseconds is converted, a small value (under a day) is taken as
//		// seconds from now, and a reset more than 30 seconds in the past or more
//		// than 5 minutes ahead is dropped, with HasReset false.
//		Reset time.Time
//
//		// HasLimit reports that X-RateLimit-Limit was present and valid.
//		HasLimit bool
//		// HasRemaining reports that X-RateLimit-Remaining was present and valid.
//		HasRemaining bool
//		// HasReset reports that X-RateLimit-Reset was present and valid.
//		HasReset bool
//	}
//
//	func (r RateLimit) IsZero() bool
//
// IsZero reports whether no rate-limit header was seen.
type RateLimit = engine.RateLimit

// RateLimiter paces requests on the client side. The HTTP layer calls Wait
// before every attempt (retries included) and Observe after every response,
// so an implementation can both throttle and learn from Intercom's headers.
// Implementations must be safe for concurrent use. See [WithRateLimiter].
//
//	type RateLimiter interface {
//		// Wait blocks until one request may be sent, or ctx is done.
//		Wait(ctx context.Context) error
//		// Observe learns from each response: status code and the parsed RateLimit headers.
//		Observe(status int, rl RateLimit)
//	}
type RateLimiter = engine.RateLimiter

// Region selects the Intercom data-hosting region a workspace lives in. Each
// region has its own API host; a token issued in one region is not valid in
// another. Use it with [WithRegion] or set INTERCOM_REGION for
// [NewClientFromEnv].
//
//	func (r Region) BaseURL() string
//
// BaseURL returns the API base URL of the region, or "" for an unknown region.
type Region = engine.Region

// ContextWithOptions returns a copy of ctx carrying call options for raw
// generated calls on [Client.Raw]: every request made with the returned
// context applies them on top of the client's options. Service methods take
// their options as arguments instead; options given to one call never apply
// to another, and a call made from inside a middleware with the request's
// context does not see them. Options already carried by ctx come first, so
// opts win. [WithParams] cannot be given this way (a service method reads its
// parameters from its own options only): a call made with such a context
// fails before anything is sent.
func ContextWithOptions(ctx context.Context, opts ...Option) context.Context {
	return engine.ContextWithOptions(ctx, opts...)
}

// ErrorCode returns the code of the first entry of the error list of the
// [*Error] in err's chain, or "" when err is not one or the list is empty:
//
//	if intercom.ErrorCode(err) == "conflict" { ... }
func ErrorCode(err error) string {
	return engine.ErrorCode(err)
}

// IsConflict reports whether err is an [*Error] with status 409 Conflict, e.g.
// creating a contact that already exists.
func IsConflict(err error) bool {
	return engine.IsConflict(err)
}

// IsForbidden reports whether err is an [*Error] with status 403 Forbidden:
// the token lacks a permission (OAuth scope) the operation needs.
func IsForbidden(err error) bool {
	return engine.IsForbidden(err)
}

// IsNotFound reports whether err is an [*Error] with status 404 Not Found.
func IsNotFound(err error) bool {
	return engine.IsNotFound(err)
}

// IsRateLimited reports whether err is an [*Error] with status 429 Too Many
// Requests, after any retries. Its RateLimit field says when the window resets.
func IsRateLimited(err error) bool {
	return engine.IsRateLimited(err)
}

// IsUnauthorized reports whether err is an [*Error] with status 401
// Unauthorized: the access token is missing, invalid or revoked.
func IsUnauthorized(err error) bool {
	return engine.IsUnauthorized(err)
}

// IsValidation reports whether err is an [*Error] with status 400 Bad Request
// or 422 Unprocessable Entity: a parameter was missing or invalid. The Errors
// field says which.
func IsValidation(err error) bool {
	return engine.IsValidation(err)
}

// OperationFromRequest returns the operation of a request on its way through
// the client's HTTP layer (in a [Middleware], or an http.RoundTripper of the
// client's HTTP client), or nil for a request of a raw generated call or a
// next-page URL of no known operation. The engine puts the operation in the
// request's context for this purpose only.
func OperationFromRequest(req *http.Request) *Operation {
	return engine.OperationFromRequest(req)
}

// WithAPIVersion sets the Intercom-Version header (default [APIVersion]), e.g.
// "2.14" or "Unstable". Responses are still decoded into this SDK's types,
// which follow [APIVersion].
func WithAPIVersion(v string) Option {
	return engine.WithAPIVersion(v)
}

// WithAppInfo appends "name/version" to the User-Agent header so Intercom can
// tell which application sends the requests. Both must be HTTP tokens
// (letters, digits and !#$%&'*+-.^_`|~); version may be empty. Client only.
func WithAppInfo(name, version string) Option {
	return engine.WithAppInfo(name, version)
}

// WithBaseURL sends requests to rawURL instead of a region's host, for a proxy
// or a test server. A path is kept as a prefix of every operation path. The
// URL must be https, except that plain http is accepted for a loopback host
// (localhost, 127.0.0.0/8, ::1). It cannot be combined with [WithRegion].
// Client only.
func WithBaseURL(rawURL string) Option {
	return engine.WithBaseURL(rawURL)
}

// WithClock makes the client (or a call) take the time from c and wait on
// it: retry delays, Retry-After and rate-limit waits go through c.Sleep, so
// a manual clock makes them instant. nil is an error. Client or call.
func WithClock(c Clock) Option {
	return engine.WithClock(c)
}

// WithDecodeReport makes the call append to r every response field that did
// not fit its type and was left at its zero value (see [Mismatch]). Use it to
// see what a tolerant decode dropped without reading the logs. Service methods
// and iterators only (a raw generated call does not decode). Call only.
func WithDecodeReport(r *DecodeReport) Option {
	return engine.WithDecodeReport(r)
}

// WithHTTPClient sends requests with hc instead of the SDK's default client.
// Every SDK behaviour (authentication, version header, retries, rate limits,
// logging, middleware, timeouts) is kept: they run around hc. Leave hc.Timeout
// at zero and bound calls with a context or [WithRequestTimeout]. Client only.
func WithHTTPClient(hc *http.Client) Option {
	return engine.WithHTTPClient(hc)
}

// WithLogger logs every attempt, response and retry at [slog.LevelDebug] to l,
// and each response field that did not fit its type at [slog.LevelWarn] (once
// per operation and field, see [WithStrictDecoding]); nil turns logging off. The access token is never logged; the Authorization
// header appears as "Bearer [REDACTED]".
func WithLogger(l *slog.Logger) Option {
	return engine.WithLogger(l)
}

// WithMaxResponseBytes limits the body of a successful JSON response to n
// bytes (default [DefaultMaxResponseBytes], 64 MiB). A larger body is not
// read into memory: the call fails with an error wrapping
// [ErrResponseTooLarge]. n <= 0 removes the limit. Files the API returns
// instead of JSON (data exports, call recordings, see [Download]) are
// streamed to the caller by the service methods and not limited; a raw
// generated call buffers every body, files included, so the limit applies
// to it. Error bodies are always limited to 64 KiB.
func WithMaxResponseBytes(n int64) Option {
	return engine.WithMaxResponseBytes(n)
}

// WithMaxRetries sets how many times a failed attempt is retried (default 2;
// 0 disables retries). See [Client] for what is retried.
func WithMaxRetries(n int) Option {
	return engine.WithMaxRetries(n)
}

// WithMaxRetryDelay caps the wait before a retry, including a wait asked for
// by the server with Retry-After or X-RateLimit-Reset, and the wait of
// [WithRateLimitWait] (default 30s).
func WithMaxRetryDelay(d time.Duration) Option {
	return engine.WithMaxRetryDelay(d)
}

// WithMiddleware adds middleware around every HTTP attempt, after the
// client's middleware. The first middleware given is the outermost.
func WithMiddleware(mw ...Middleware) Option {
	return engine.WithMiddleware(mw...)
}

// WithObserver adds observers told about every call (see [Observer]), after
// those already set: on a client, they see all its calls; as a call option,
// or with [ContextWithOptions], they also see that call. A nil Observer is an
// error.
func WithObserver(obs ...Observer) Option {
	return engine.WithObserver(obs...)
}

// WithParams gives the optional query parameters of a call to a service
// method that takes them as an option rather than an argument: the methods of
// operations that gained their first query parameters in a later API version
// (Contacts.Get, Contacts.Search, Conversations.Delete, ... since 2.16), so
// that moving the SDK to a new API version does not change their signature.
// Each such method's doc comment names its parameters type, e.g.
//
//	c.Contacts.Get(ctx, id, intercom.WithParams(&gen.ShowContactParams{IncludeMergeHistory: intercom.Ptr(true)}))
//
// Giving WithParams to a method that takes no parameters this way, or with
// parameters of another operation, makes the call fail before anything is
// sent. It is a call option: NewClient refuses it.
func WithParams[P any](p *P) Option {
	return engine.WithParams[P](p)
}

// WithRateLimitWait, when enable is true, makes a request wait until the
// rate-limit window resets when the last response said no requests remain
// (X-RateLimit-Remaining 0), instead of spending a request on a 429. The wait
// is capped by [WithMaxRetryDelay]. Default false.
func WithRateLimitWait(enable bool) Option {
	return engine.WithRateLimitWait(enable)
}

// WithRateLimiter sets a [RateLimiter] consulted before every attempt and told
// about every response; nil removes it.
func WithRateLimiter(l RateLimiter) Option {
	return engine.WithRateLimiter(l)
}

// WithRegion selects the region whose API host the client talks to. The
// default is [RegionUS]. It cannot be combined with [WithBaseURL]. Client only.
func WithRegion(r Region) Option {
	return engine.WithRegion(r)
}

// WithRequestTimeout bounds each attempt (connect, send, wait and read the
// whole response) to d; an attempt that times out may be retried. 0 (the
// default) means no per-attempt limit; the transport still limits the wait
// for response headers. Bound the whole call, retries included, with the
// context.
func WithRequestTimeout(d time.Duration) Option {
	return engine.WithRequestTimeout(d)
}

// WithResponseInto stores the final *http.Response of the call in *dst, also
// when the call fails with an [*Error]. Its body is a copy in memory, which
// can be read whatever else reads the response, and read again after
// Seek(0, io.SeekStart). For a call returning a [Download], whose body is
// streamed, the stored response has no body. Call only.
func WithResponseInto(dst **http.Response) Option {
	return engine.WithResponseInto(dst)
}

// WithRetryNonIdempotent controls whether POST, PUT and PATCH requests are
// also retried after a 500, 502, 503 or 504 response, or after a connection
// failure once the request was sent, when the server may already have acted
// on them. The default is false: then only GET, HEAD, OPTIONS and DELETE
// are, and the operations whose [Operation] is RetrySafe (reads sent as
// POST, such as searches). Writes are always retried after 408, 429, failures
// before the request was sent, and HTTP/2 refusals that say the request was
// not processed.
func WithRetryNonIdempotent(enable bool) Option {
	return engine.WithRetryNonIdempotent(enable)
}

// WithStrictDecoding makes a response field that does not fit its Go type an
// error: the call returns a [*DecodeError] whose Mismatches lists the fields
// and whose Value holds the rest of the response, decoded. Without it (the
// default) the call succeeds with the rest of the response and the mismatch is
// logged and reported (see [WithDecodeReport]). Client or call.
func WithStrictDecoding() Option {
	return engine.WithStrictDecoding()
}

// ParseRegion converts "us", "eu" or "au" (any case, surrounding spaces
// ignored) to a Region.
func ParseRegion(s string) (Region, error) {
	return engine.ParseRegion(s)
}
