package intercomtest

import (
	"fmt"

	"github.com/intercomkit/intercom-go/intercom"
)

// Client returns a client of package intercom pointed at the server and
// authenticated with its token, with the client's default behaviour
// (retries included), waiting on the server's [Clock] (so retries after an
// injected fault take no real time unless the clock is [WallClock]). Its idle connections are closed when the server
// closes. For other options, use [Server.NewClient].
func (s *Server) Client() *intercom.Client {
	c, err := s.NewClient()
	if err != nil {
		// Cannot happen: the token and the loopback URL are valid.
		panic(fmt.Sprintf("intercomtest: Client: %v", err))
	}
	return c
}

// NewClient returns a client pointed at the server and authenticated with
// its token, waiting on the server's [Clock] like [Server.Client], and
// configured further by opts (which may replace the clock with their own
// intercom.WithClock). Its idle
// connections are closed when the server closes.
func (s *Server) NewClient(opts ...intercom.Option) (*intercom.Client, error) {
	all := append([]intercom.Option{intercom.WithBaseURL(s.URL), intercom.WithClock(s.cfg.clock)}, opts...)
	c, err := intercom.NewClient(s.cfg.token, all...)
	if err != nil {
		return nil, fmt.Errorf("intercomtest: NewClient: %w", err)
	}
	s.mu.Lock()
	s.idle = append(s.idle, c.CloseIdleConnections)
	s.mu.Unlock()
	return c, nil
}
