package intercomtest

import (
	"bytes"
	"context"
	"crypto/subtle"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/intercomkit/intercom-go/gen"
)

// maxBodyBytes bounds a request body the server reads.
const maxBodyBytes = 4 << 20

// Server is an in-process fake of the Intercom REST API (version
// [gen.APIVersion]) listening on a loopback address. It keeps contacts,
// companies, conversations, tags, notes, data events, admins, teams,
// segments, tickets and articles in memory, answers with the status codes,
// bodies and X-RateLimit-* headers Intercom uses, injects faults on demand
// ([Server.Fail]) and records the requests it receives ([Server.Requests]).
// It is safe for concurrent use.
type Server struct {
	// URL is the server's base URL, e.g. http://127.0.0.1:41234, without a
	// trailing slash: the base URL to give a client.
	URL string

	cfg config
	tb  testing.TB // nil for a server made by Start
	hs  *httptest.Server

	closeCtx  context.Context
	closeNow  context.CancelFunc
	closeOnce sync.Once

	mu      sync.Mutex
	st      *store
	reqs    []*RecordedRequest
	faults  []*faultState
	losses  []*lossState // see LoseResponses
	rng     *rand.Rand
	rlStart time.Time      // start of the current rate-limit window
	rlUsed  map[string]int // requests in the window, per app token
	wsUsed  int            // requests in the window, all apps
	nreq    uint64
	idle    []func() // CloseIdleConnections of the clients made by Client
}

// Start starts a server; stop it with [Server.Close]. Use it outside tests
// (an example, a local demo); in a test, [NewServer] also closes it.
func Start(opts ...Option) (*Server, error) {
	cfg := defaultConfig()
	for i, o := range opts {
		if o == nil {
			return nil, fmt.Errorf("intercomtest: option %d is nil", i)
		}
		if err := o(&cfg); err != nil {
			return nil, err
		}
	}
	s := &Server{cfg: cfg}
	s.rng = rand.New(rand.NewPCG(cfg.seed, 0x1e7c0))
	s.closeCtx, s.closeNow = context.WithCancel(context.Background())
	s.hs = httptest.NewUnstartedServer(http.HandlerFunc(s.serveHTTP))
	if cfg.addr != "" {
		ln, err := net.Listen("tcp", cfg.addr)
		if err != nil {
			s.hs.Close()
			return nil, fmt.Errorf("intercomtest: listen on %s: %w", cfg.addr, err)
		}
		_ = s.hs.Listener.Close()
		s.hs.Listener = ln
	}
	s.hs.Start()
	s.URL = s.hs.URL
	if host, port, err := net.SplitHostPort(s.hs.Listener.Addr().String()); err == nil && net.ParseIP(host).IsUnspecified() {
		s.URL = "http://" + net.JoinHostPort("127.0.0.1", port) // all interfaces: name the loopback one
	}
	s.rlStart = cfg.clock.Now()
	s.rlUsed = make(map[string]int)
	s.st = newStore(s)
	return s, nil
}

// NewServer starts a server for the test tb and closes it when the test
// ends. An invalid option fails the test.
func NewServer(tb testing.TB, opts ...Option) *Server {
	tb.Helper()
	s, err := Start(opts...)
	if err != nil {
		tb.Fatalf("intercomtest.NewServer: %v", err)
		return nil
	}
	s.tb = tb
	tb.Cleanup(s.Close)
	return s
}

// Close stops the server: it ends requests waiting on injected latency,
// closes the connections and the idle connections of the clients made by
// [Server.Client], and waits for running requests to finish. It may be
// called more than once.
func (s *Server) Close() {
	s.closeOnce.Do(func() {
		s.closeNow()
		s.hs.Close()
		s.mu.Lock()
		idle := s.idle
		s.idle = nil
		s.mu.Unlock()
		for _, f := range idle {
			f()
		}
	})
}

// Token returns the access token the server accepts.
func (s *Server) Token() string { return s.cfg.token }

// RecordedRequest is a request the server received.
type RecordedRequest struct {
	// Method is the HTTP method.
	Method string
	// Path is the URL path as sent, e.g. /contacts/6762f0971bb69f9f2193bb2b.
	Path string
	// Query is the decoded query string.
	Query url.Values
	// Route is the operation it matched, "METHOD /path/template" (see
	// [Routes]); empty for a path the server does not serve.
	Route string
	// Header is the request's header, with the Authorization value replaced by
	// "Bearer [REDACTED]" so that tokens never reach test output.
	Header http.Header
	// Body is the request body.
	Body []byte
	// Status is the status the server answered; 0 while the request runs or
	// when an injected fault dropped the connection.
	Status int
	// Faulted reports that an injected fault answered (or dropped) it.
	Faulted bool
	// Time is when it arrived, on the server's clock.
	Time time.Time
}

// Requests returns copies of the requests received so far, oldest first (at
// most the [WithMaxRecorded] most recent).
func (s *Server) Requests() []RecordedRequest {
	s.mu.Lock()
	defer s.mu.Unlock()
	reqs := s.reqs[max(len(s.reqs)-s.cfg.maxRecorded, 0):]
	out := make([]RecordedRequest, len(reqs))
	for i, r := range reqs {
		out[i] = *r
		out[i].Query = cloneValues(r.Query)
		out[i].Header = r.Header.Clone()
		out[i].Body = bytes.Clone(r.Body)
	}
	return out
}

// ClearRequests forgets the recorded requests.
func (s *Server) ClearRequests() {
	s.mu.Lock()
	s.reqs = nil
	s.mu.Unlock()
}

func cloneValues(v url.Values) url.Values {
	out := make(url.Values, len(v))
	for k, vs := range v {
		out[k] = append([]string(nil), vs...)
	}
	return out
}

// record appends a request to the log. s.mu is held.
func (s *Server) record(r *http.Request, routeName string, body []byte, now time.Time) *RecordedRequest {
	h := r.Header.Clone()
	if h.Get("Authorization") != "" {
		h.Set("Authorization", "Bearer [REDACTED]")
	}
	rec := &RecordedRequest{
		Method: r.Method,
		Path:   r.URL.Path,
		Query:  r.URL.Query(),
		Route:  routeName,
		Header: h,
		Body:   body,
		Time:   now,
	}
	if s.cfg.maxRecorded == 0 {
		return rec
	}
	// Let the log grow to twice the limit, then keep the newest half: the
	// cost of trimming is spread over many requests.
	if len(s.reqs) >= 2*s.cfg.maxRecorded {
		n := copy(s.reqs, s.reqs[len(s.reqs)-s.cfg.maxRecorded:])
		clear(s.reqs[n:])
		s.reqs = s.reqs[:n]
	}
	s.reqs = append(s.reqs, rec)
	return rec
}

// newRequestID returns an id for a response, shaped as a UUID like
// Intercom's. s.mu is held.
func (s *Server) newRequestID() string {
	s.nreq++
	n := s.nreq
	return fmt.Sprintf("%08x-%04x-4%03x-8%03x-%012x", s.st.appHash, n>>48&0xffff, n>>36&0xfff, n>>24&0xfff, n&0xffffffffffff)
}

// rateWindow rolls the rate-limit window forward to now and returns the
// window's end. s.mu is held.
func (s *Server) rateWindow(now time.Time) time.Time {
	w := s.cfg.rateWindow
	if now.Before(s.rlStart) { // the clock went back: start again
		s.rlStart = now
		clear(s.rlUsed)
		s.wsUsed = 0
	}
	if el := now.Sub(s.rlStart); el >= w {
		s.rlStart = s.rlStart.Add(el / w * w)
		clear(s.rlUsed)
		s.wsUsed = 0
	}
	return s.rlStart.Add(w)
}

// appOf returns the app (its token) a request's Authorization header names,
// the main token when it names none the server knows.
func (s *Server) appOf(auth string) string {
	const prefix = "bearer "
	if len(auth) > len(prefix) && strings.EqualFold(auth[:len(prefix)], prefix) {
		got := strings.TrimSpace(auth[len(prefix):])
		for _, t := range s.cfg.appTokens {
			if subtle.ConstantTimeCompare([]byte(got), []byte(t)) == 1 {
				return t
			}
		}
	}
	return s.cfg.token
}

// setRateHeaders writes the X-RateLimit-* headers of app's budget. s.mu is
// held.
func (s *Server) setRateHeaders(h http.Header, now time.Time, app string) {
	end := s.rateWindow(now)
	remaining := min(s.cfg.rateLimit-s.rlUsed[app], s.cfg.wsRateLimit-s.wsUsed)
	h.Set("X-RateLimit-Limit", strconv.Itoa(s.cfg.rateLimit))
	h.Set("X-RateLimit-Remaining", strconv.Itoa(max(remaining, 0)))
	h.Set("X-RateLimit-Reset", strconv.FormatInt(ceilUnix(end), 10))
}

// ceilUnix is t in Unix seconds, rounded up.
func ceilUnix(t time.Time) int64 {
	u := t.Unix()
	if t.Nanosecond() > 0 {
		u++
	}
	return u
}

// ceilSeconds is d in whole seconds, rounded up, at least 1.
func ceilSeconds(d time.Duration) int64 {
	secs := int64((d + time.Second - 1) / time.Second)
	return max(secs, 1)
}

// versionRE matches the Intercom-Version values Intercom's own API accepts; the fake
// also accepts gen.APIVersion (knownVersion): the routes it serves were generated from
// that version's description, whatever its name (a synthetic next version of
// scripts/suites/bumptest is "2.16.next").
var versionRE = regexp.MustCompile(`^(\d+\.\d+|Unstable|Preview)$`)

// knownVersion reports whether the fake answers requests that ask for API version v.
func knownVersion(v string) bool { return versionRE.MatchString(v) || v == gen.APIVersion }

// response is what a handler computed, encoded while s.mu is held.
type response struct {
	status int
	header http.Header
	body   []byte // nil: no body
	ctype  string // of body; "" for JSON
}

func (s *Server) serveHTTP(w http.ResponseWriter, r *http.Request) {
	if r.Method == http.MethodGet && strings.HasPrefix(r.URL.Path, filesPrefix) {
		serveFile(w, r)
		return
	}
	body, readErr := io.ReadAll(http.MaxBytesReader(w, r.Body, maxBodyBytes))
	rt, params, found := match(r.Method, r.URL.EscapedPath())
	if op, ok := intercomOperation(r.Method, r.URL.EscapedPath()); ok && found && rt.name() != op.Method+" "+op.Path {
		// The request is for another operation of the API, which the
		// server does not serve (GET /admins/activity_logs is not
		// GET /admins/{admin_id} with the id "activity_logs").
		rt, params, found = nil, nil, false
	}
	routeName := ""
	if found {
		routeName = rt.name()
	}

	s.mu.Lock()
	now := s.cfg.clock.Now()
	rec := s.record(r, routeName, body, now)
	reqID := s.newRequestID()
	fault := s.pickFault(routeName, rec)
	if fault != nil {
		rec.Faulted = true
		s.st.afterFault(routeName, *fault)
	}
	s.mu.Unlock()

	if fault != nil {
		if fault.Latency > 0 {
			ctx, cancel := context.WithCancel(r.Context())
			stop := context.AfterFunc(s.closeCtx, cancel)
			err := s.cfg.clock.Sleep(ctx, fault.Latency)
			stop()
			cancel()
			if err != nil {
				// The client went away or the server is closing: end the
				// connection without an answer.
				panic(http.ErrAbortHandler)
			}
		}
		if fault.Drop {
			dropConnection(w)
			return
		}
		if fault.Status != 0 {
			s.write(w, rec, s.faultResponse(*fault, reqID))
			return
		}
	}

	s.mu.Lock()
	resp := s.handle(r, rt, params, found, body, readErr, reqID)
	lost := len(s.losses) > 0 && s.pickLoss(rec)
	s.mu.Unlock()
	if lost {
		dropConnection(w)
		return
	}
	s.write(w, rec, resp)
}

// faultResponse builds the answer of an injected status fault.
func (s *Server) faultResponse(f Fault, reqID string) response {
	code, msg := faultDefaults(f.Status)
	if f.Code != "" {
		code = f.Code
	}
	if f.Message != "" {
		msg = f.Message
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	now := s.cfg.clock.Now()
	h := make(http.Header)
	s.setRateHeaders(h, now, s.cfg.token)
	retry := f.RetryAfter
	if retry == 0 && f.Status == http.StatusTooManyRequests {
		retry = time.Second
	}
	if retry > 0 {
		secs := ceilSeconds(retry)
		h.Set("Retry-After", strconv.FormatInt(secs, 10))
		h.Set("X-RateLimit-Reset", strconv.FormatInt(ceilUnix(now)+secs, 10))
	}
	if f.Status == http.StatusTooManyRequests {
		h.Set("X-RateLimit-Remaining", "0")
	}
	return errorResponse(h, reqID, f.Status, code, msg)
}

// handle runs the checks and the operation. s.mu is held.
func (s *Server) handle(r *http.Request, rt *route, params map[string]string, found bool, body []byte, readErr error, reqID string) response {
	now := s.cfg.clock.Now()
	h := make(http.Header)
	h.Set("X-Request-Id", reqID)
	end := s.rateWindow(now)
	app := s.appOf(r.Header.Get("Authorization"))
	if s.rlUsed[app] >= s.cfg.rateLimit || s.wsUsed >= s.cfg.wsRateLimit {
		s.setRateHeaders(h, now, app)
		h.Set("Retry-After", strconv.FormatInt(ceilSeconds(end.Sub(now)), 10))
		limit, of := s.cfg.rateLimit, "app"
		if s.rlUsed[app] < s.cfg.rateLimit {
			limit, of = s.cfg.wsRateLimit, "workspace"
		}
		return errorResponse(h, reqID, http.StatusTooManyRequests, "rate_limit_exceeded",
			fmt.Sprintf("You have exceeded the %s's rate limit of %d requests per %v. Please try again later.", of, limit, s.cfg.rateWindow))
	}
	s.rlUsed[app]++
	s.wsUsed++
	s.setRateHeaders(h, now, app)

	if !s.authorized(r.Header.Get("Authorization")) {
		return errorResponse(h, reqID, http.StatusUnauthorized, "unauthorized", "Access Token Invalid")
	}
	if v := r.Header.Get("Intercom-Version"); v != "" && !knownVersion(v) {
		return errorResponse(h, reqID, http.StatusBadRequest, "intercom_version_invalid", "The requested version could not be found")
	}
	if !found {
		// 501, not 404: a 404 would read like a wrong id.
		return errorResponse(h, reqID, http.StatusNotImplemented, UnservedCode, unservedMessage(r.Method, r.URL.EscapedPath()))
	}
	if readErr != nil {
		var mbe *http.MaxBytesError
		if errors.As(readErr, &mbe) {
			return errorResponse(h, reqID, http.StatusRequestEntityTooLarge, "request_too_large", "The request body is too large")
		}
		return errorResponse(h, reqID, http.StatusBadRequest, "client_error", "The request body could not be read")
	}
	c := &call{s: s, st: s.st, r: r, params: params, body: body, query: r.URL.Query(), now: now, reqID: reqID}
	res := rt.handle(c)
	if res.status >= 400 {
		return errorResponse(h, reqID, res.status, res.code, res.msg)
	}
	out := response{status: res.status, header: h}
	for k, v := range res.header {
		h.Set(k, v)
	}
	if res.raw != nil {
		out.body, out.ctype = res.raw, res.ctype
		return out
	}
	if res.v != nil {
		b, err := json.Marshal(res.v)
		if err != nil {
			return errorResponse(h, reqID, http.StatusInternalServerError, "server_error", "intercomtest: encode response: "+err.Error())
		}
		out.body = b
	}
	return out
}

// authorized compares the bearer token in constant time.
func (s *Server) authorized(auth string) bool {
	const prefix = "bearer "
	if len(auth) <= len(prefix) || !strings.EqualFold(auth[:len(prefix)], prefix) {
		return false
	}
	got := strings.TrimSpace(auth[len(prefix):])
	ok := subtle.ConstantTimeCompare([]byte(got), []byte(s.cfg.token)) == 1
	for _, t := range s.cfg.appTokens {
		ok = subtle.ConstantTimeCompare([]byte(got), []byte(t)) == 1 || ok
	}
	return ok
}

// write sends resp and records its status.
func (s *Server) write(w http.ResponseWriter, rec *RecordedRequest, resp response) {
	h := w.Header()
	for k, v := range resp.header {
		h[k] = v
	}
	if resp.body != nil {
		ct := resp.ctype
		if ct == "" {
			ct = "application/json; charset=utf-8"
		}
		h.Set("Content-Type", ct)
		h.Set("Content-Length", strconv.Itoa(len(resp.body)))
	}
	s.mu.Lock()
	rec.Status = resp.status
	s.mu.Unlock()
	w.WriteHeader(resp.status)
	if resp.body != nil {
		_, _ = w.Write(resp.body)
	}
}

// errItem is the element type of gen.Error.Errors.
type errItem = gen.ErrorErrorsItem

// errorResponse builds Intercom's error body:
// {"type":"error.list","request_id":"...","errors":[{"code":"...","message":"..."}]}.
func errorResponse(h http.Header, reqID string, status int, code, msg string) response {
	e := gen.Error{Type: "error.list", RequestId: &reqID, Errors: []errItem{{Code: code, Message: &msg}}}
	b, _ := json.Marshal(e) // cannot fail: strings only
	if h == nil {
		h = make(http.Header)
	}
	h.Set("X-Request-Id", reqID)
	return response{status: status, header: h, body: b}
}
