package intercom

import (
	"context"
	"crypto/tls"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"log"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/intercomkit/intercom-go/gen"
)

// The tests in this file run the client over HTTP/2 against a real loopback
// server (httptest with EnableHTTP2 and TLS). To make the server refuse a
// request the way an overloaded or restarting Intercom edge would, the first
// TCP connection(s) are answered by h2Refuser, a minimal HTTP/2 peer that
// speaks just enough of the protocol (RFC 9113 frames, no HPACK) to refuse
// the request's stream; later connections reach the real server.

// HTTP/2 frame types and error codes used below.
const (
	h2FrameHeaders   = 0x1
	h2FrameRSTStream = 0x3
	h2FrameSettings  = 0x4
	h2FrameGoAway    = 0x7
	h2FlagAck        = 0x1

	h2CodeNo              = 0x0
	h2CodeRefusedStream   = 0x7
	h2CodeEnhanceYourCalm = 0xb
)

// h2Fault is what h2Refuser does with the first request of its connection.
type h2Fault int

const (
	// faultGoAwayFirstStream answers with GOAWAY(last-stream-id 0,
	// ENHANCE_YOUR_CALM): the request's stream is above the last stream the
	// server will process, so it was not processed.
	faultGoAwayFirstStream h2Fault = iota
	// faultRefuseStream resets the stream with REFUSED_STREAM, then sends a
	// graceful GOAWAY so the client opens a new connection.
	faultRefuseStream
)

// h2Server is an HTTP/2 httptest server whose first `faulty` connections are
// handled by h2Refuser with fault.
type h2Server struct {
	*httptest.Server
	handled atomic.Int32 // requests that reached the real handler
	refused atomic.Int32 // connections h2Refuser handled
}

func newH2Server(t *testing.T, faulty int, fault h2Fault, h http.HandlerFunc) *h2Server {
	t.Helper()
	s := &h2Server{}
	s.Server = httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.handled.Add(1)
		h(w, r)
	}))
	s.EnableHTTP2 = true
	s.Config.ErrorLog = log.New(io.Discard, "", 0)
	ln := &h2FaultListener{Listener: s.Listener, faulty: faulty, fault: fault, srv: s, ready: make(chan struct{})}
	s.Listener = ln
	s.StartTLS() // wraps ln in a TLS listener; ln sees raw TCP connections
	ln.cfg.Store(s.TLS)
	close(ln.ready)
	t.Cleanup(func() {
		s.Close()
		ln.closeRefused()
		ln.wg.Wait()
	})
	return s
}

// h2FaultListener hands its first `faulty` connections to h2Refuser.
type h2FaultListener struct {
	net.Listener
	faulty int
	fault  h2Fault
	srv    *h2Server
	n      int
	cfg    atomic.Pointer[tls.Config]
	ready  chan struct{}
	wg     sync.WaitGroup

	mu      sync.Mutex
	refused []net.Conn // closed at the end of the test
}

// closeRefused closes the connections h2Refuser still holds open.
func (l *h2FaultListener) closeRefused() {
	l.mu.Lock()
	defer l.mu.Unlock()
	for _, c := range l.refused {
		c.Close()
	}
}

func (l *h2FaultListener) Accept() (net.Conn, error) {
	for {
		c, err := l.Listener.Accept()
		if err != nil {
			return nil, err
		}
		if l.n++; l.n > l.faulty {
			return c, nil
		}
		l.srv.refused.Add(1)
		l.mu.Lock()
		l.refused = append(l.refused, c)
		l.mu.Unlock()
		l.wg.Add(1)
		go func() {
			defer l.wg.Done()
			<-l.ready
			h2Refuse(c, l.cfg.Load(), l.fault)
		}()
	}
}

// h2Refuse is h2Refuser: it completes the TLS handshake (ALPN h2), reads the
// client preface, sends its SETTINGS, acknowledges the client's, and answers
// the first HEADERS frame with the fault, then closes the connection.
func h2Refuse(raw net.Conn, cfg *tls.Config, fault h2Fault) {
	defer raw.Close()
	c := tls.Server(raw, cfg)
	if err := c.Handshake(); err != nil {
		return
	}
	preface := make([]byte, len("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n"))
	if _, err := io.ReadFull(c, preface); err != nil {
		return
	}
	writeFrame := func(typ, flags byte, stream uint32, payload []byte) error {
		hdr := make([]byte, 9, 9+len(payload))
		hdr[0], hdr[1], hdr[2] = byte(len(payload)>>16), byte(len(payload)>>8), byte(len(payload))
		hdr[3], hdr[4] = typ, flags
		binary.BigEndian.PutUint32(hdr[5:], stream)
		_, err := c.Write(append(hdr, payload...))
		return err
	}
	if writeFrame(h2FrameSettings, 0, 0, nil) != nil {
		return
	}
	hdr := make([]byte, 9)
	for {
		if _, err := io.ReadFull(c, hdr); err != nil {
			return
		}
		length := int(hdr[0])<<16 | int(hdr[1])<<8 | int(hdr[2])
		typ, flags := hdr[3], hdr[4]
		stream := binary.BigEndian.Uint32(hdr[5:]) & 0x7fffffff
		if _, err := io.CopyN(io.Discard, c, int64(length)); err != nil {
			return
		}
		switch {
		case typ == h2FrameSettings && flags&h2FlagAck == 0:
			if writeFrame(h2FrameSettings, h2FlagAck, 0, nil) != nil {
				return
			}
		case typ == h2FrameHeaders:
			goAway := func(last, code uint32) []byte {
				p := make([]byte, 8)
				binary.BigEndian.PutUint32(p, last)
				binary.BigEndian.PutUint32(p[4:], code)
				return p
			}
			switch fault {
			case faultGoAwayFirstStream:
				_ = writeFrame(h2FrameGoAway, 0, 0, goAway(0, h2CodeEnhanceYourCalm))
			case faultRefuseStream:
				code := make([]byte, 4)
				binary.BigEndian.PutUint32(code, h2CodeRefusedStream)
				_ = writeFrame(h2FrameRSTStream, 0, stream, code)
				_ = writeFrame(h2FrameGoAway, 0, 0, goAway(stream, h2CodeNo))
			}
			// Let the client read the frames before the connection closes:
			// wait until it closes it (or the test ends).
			_, _ = io.Copy(io.Discard, c)
			return
		}
	}
}

// h2Client returns a client of s over HTTP/2 (the server's certificate
// trusted) with a recording sleeper.
func h2Client(t *testing.T, s *h2Server, opts ...Option) (*Client, *coreSleeper) {
	t.Helper()
	hc := s.Client()
	t.Cleanup(hc.CloseIdleConnections)
	return coreClient(t, s.URL, append([]Option{WithHTTPClient(hc)}, opts...)...)
}

// A GOAWAY whose last-stream-id is below the request's stream means the
// server never processed it: a POST, not retry-safe, is sent again (on a new
// connection) and processed once. net/http does not retry this one itself.
func TestHTTP2GoAwayBeforeProcessingRetriesPOST(t *testing.T) {
	s := newH2Server(t, 1, faultGoAwayFirstStream, func(w http.ResponseWriter, r *http.Request) {
		if r.ProtoMajor != 2 {
			t.Errorf("request over %s, want HTTP/2", r.Proto)
		}
		coreJSON(w, 200, `{"type":"contact","id":"c1"}`)
	})
	c, sl := h2Client(t, s)
	got, err := c.Contacts.Create(context.Background(), gen.CreateContactRequest{Email: Ptr("a@example.com")})
	if err != nil {
		t.Fatalf("Create: %v", err)
	}
	if got.Id == nil || *got.Id != "c1" {
		t.Errorf("contact %+v", got)
	}
	if s.refused.Load() != 1 || s.handled.Load() != 1 || len(sl.recorded()) != 1 {
		t.Errorf("refused connections %d, processed requests %d, retry waits %v; want 1, 1, one wait",
			s.refused.Load(), s.handled.Load(), sl.recorded())
	}
}

// REFUSED_STREAM: the request was not processed. net/http's HTTP/2 client
// retries it itself on a new connection (the client replays the buffered
// body): the POST is processed once, and the HTTP layer sees one success.
func TestHTTP2RefusedStreamPOSTProcessedOnce(t *testing.T) {
	var bodies []string
	var mu sync.Mutex
	s := newH2Server(t, 1, faultRefuseStream, func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		mu.Lock()
		bodies = append(bodies, string(b))
		mu.Unlock()
		coreJSON(w, 200, `{"type":"contact","id":"c1"}`)
	})
	c, _ := h2Client(t, s)
	if _, err := c.Contacts.Create(context.Background(), gen.CreateContactRequest{Email: Ptr("a@example.com")}); err != nil {
		t.Fatalf("Create: %v", err)
	}
	mu.Lock()
	defer mu.Unlock()
	if s.refused.Load() != 1 || len(bodies) != 1 || bodies[0] != `{"email":"a@example.com"}` {
		t.Errorf("refused %d, processed bodies %q; want 1 refused and the body processed once", s.refused.Load(), bodies)
	}
}

// A stream reset while the server processes the request (here a handler
// aborting, which resets the stream with INTERNAL_ERROR): a GET is retried
// like after a connection reset; a POST, which the server may have acted on,
// is not.
func TestHTTP2StreamResetDuringProcessing(t *testing.T) {
	newServer := func() *h2Server {
		var n atomic.Int32
		return newH2Server(t, 0, 0, func(w http.ResponseWriter, r *http.Request) {
			if n.Add(1) == 1 {
				panic(http.ErrAbortHandler)
			}
			coreJSON(w, 200, `{"type":"contact","id":"c1"}`)
		})
	}
	t.Run("GET retried", func(t *testing.T) {
		s := newServer()
		c, sl := h2Client(t, s)
		if _, err := c.Contacts.Get(context.Background(), "c1"); err != nil {
			t.Fatalf("Get: %v", err)
		}
		if s.handled.Load() != 2 || len(sl.recorded()) != 1 {
			t.Errorf("handled %d, waits %v; want 2 and one wait", s.handled.Load(), sl.recorded())
		}
	})
	t.Run("POST not retried", func(t *testing.T) {
		s := newServer()
		c, _ := h2Client(t, s)
		_, err := c.Contacts.Create(context.Background(), gen.CreateContactRequest{Email: Ptr("a@example.com")})
		if err == nil || !isHTTP2StreamError(err) || notProcessed(err) {
			t.Fatalf("err = %v, want the stream reset, not classified as unprocessed", err)
		}
		if s.handled.Load() != 1 {
			t.Errorf("handled %d, want 1", s.handled.Load())
		}
	})
}

func TestNotProcessedClassification(t *testing.T) {
	wrap := func(err error) error {
		return fmt.Errorf("intercom: %w", &url.Error{Op: "Post", URL: "https://x/contacts", Err: err})
	}
	tests := []struct {
		name                   string
		err                    error
		notProcessed, retrying bool
	}{
		{"refused stream", wrap(h2StreamError{StreamID: 3, Code: h2CodeRefusedStream}), true, true},
		{"internal error reset", wrap(h2StreamError{StreamID: 3, Code: 0x2}), false, true},
		{"GOAWAY excluding the first stream", wrap(errors.New(h2MsgGoAwayFirstStream + "ENHANCE_YOUR_CALM")), true, true},
		{"graceful GOAWAY", wrap(errors.New(h2MsgGotGoAway)), true, true},
		{"connection unusable", wrap(errors.New(h2MsgConnUnused)), true, true},
		{"closed after GOAWAY", wrap(errors.New(h2MsgGoAwayClosed + "; LastStreamID=5, ErrCode=NO_ERROR, debug=\"\"")), false, true},
		{"other error", wrap(errors.New("x509: certificate signed by unknown authority")), false, false},
	}
	for _, tt := range tests {
		if got := notProcessed(tt.err); got != tt.notProcessed {
			t.Errorf("%s: notProcessed = %v", tt.name, got)
		}
		if got := retryableErr(tt.err, false); got != tt.retrying {
			t.Errorf("%s: retryableErr = %v", tt.name, got)
		}
	}
}
