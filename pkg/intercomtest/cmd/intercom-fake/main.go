// Command intercom-fake runs the intercomtest fake of the Intercom REST API
// as a server of its own, for a test suite in another language, several
// processes sharing one fake (and its rate-limit budget), or a demo:
//
//	go run github.com/intercomkit/intercom-go/pkg/intercomtest/cmd/intercom-fake -addr :8080
//
// It prints its base URL and the access token it accepts, as
// INTERCOM_BASE_URL=... and INTERCOM_ACCESS_TOKEN=... lines a script can
// read, serves until SIGINT or SIGTERM, then finishes the requests in flight
// and exits 0.
//
// Flags:
//
//	-addr ADDR              listen address (default 127.0.0.1:8080; :8080 for every interface)
//	-token TOKEN            the access token to accept (default test-token)
//	-seed-contacts N        store N users (user-1@example.com, ...) at start
//	-seed-companies N       store N companies at start
//	-fault SPEC             inject a fault; repeatable. SPEC is ROUTE=STATUS or
//	                        ROUTE=drop, then options: ,times=N ,p=0.1 ,latency=2s ,retry-after=3s.
//	                        ROUTE is "GET /contacts/{contact_id}" or * for every route:
//	                        -fault '*=503,p=0.05' -fault 'POST /contacts=429,times=2'
//	-rate-limit N           requests per app per window (default 1666: 10,000 a minute)
//	-workspace-rate-limit N requests per workspace per window (default 4166: 25,000 a minute)
//	-rate-window D          the rate-limit window (default 10s)
//	-clock MODE             wall (default: real time), skip (wall time, waits skipped) or an
//	                        RFC 3339 time (a fixed clock that only waits move)
//	-job-duration D         how long data exports and other jobs run (default 10s)
//	-random-seed N          seed of the faults with a probability (default 1)
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/intercomkit/intercom-go/gen"
	"github.com/intercomkit/intercom-go/pkg/intercomtest"
)

func main() {
	if err := run(os.Args[1:], os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "intercom-fake:", err)
		os.Exit(2)
	}
}

// faultFlags collects repeated -fault flags.
type faultFlags []intercomtest.Fault

func (f *faultFlags) String() string { return fmt.Sprint(len(*f), " faults") }

func (f *faultFlags) Set(spec string) error {
	fault, err := parseFault(spec)
	if err != nil {
		return err
	}
	*f = append(*f, fault)
	return nil
}

// parseFault reads ROUTE=STATUS|drop[,times=N][,p=P][,latency=D][,retry-after=D].
func parseFault(spec string) (intercomtest.Fault, error) {
	var f intercomtest.Fault
	// A route has no "=": the first one ends it.
	route, rest, found := strings.Cut(spec, "=")
	if !found || strings.TrimSpace(route) == "" || rest == "" {
		return f, fmt.Errorf("-fault %q: want ROUTE=STATUS or ROUTE=drop, e.g. 'GET /contacts=503'", spec)
	}
	if route = strings.TrimSpace(route); route != "*" {
		f.Route = route
	}
	parts := strings.Split(rest, ",")
	if parts[0] == "drop" {
		f.Drop = true
	} else {
		n, err := strconv.Atoi(parts[0])
		if err != nil || n < 400 || n > 599 {
			return f, fmt.Errorf("-fault %q: status %q is not 400 to 599 or drop", spec, parts[0])
		}
		f.Status = n
	}
	for _, p := range parts[1:] {
		k, v, ok := strings.Cut(p, "=")
		if !ok {
			return f, fmt.Errorf("-fault %q: option %q is not key=value", spec, p)
		}
		var err error
		switch k {
		case "times":
			f.Times, err = strconv.Atoi(v)
		case "p":
			f.Probability, err = strconv.ParseFloat(v, 64)
		case "latency":
			f.Latency, err = time.ParseDuration(v)
		case "retry-after":
			f.RetryAfter, err = time.ParseDuration(v)
		default:
			err = errors.New("unknown option")
		}
		if err != nil {
			return f, fmt.Errorf("-fault %q: option %s: %w", spec, k, err)
		}
	}
	return f, nil
}

// parseClock reads the -clock flag.
func parseClock(mode string) (intercomtest.Clock, error) {
	switch mode {
	case "wall", "":
		return intercomtest.WallClock(), nil
	case "skip":
		return nil, nil // the fake's default
	}
	t, err := time.Parse(time.RFC3339, mode)
	if err != nil {
		return nil, fmt.Errorf("-clock %q: want wall, skip or an RFC 3339 time", mode)
	}
	return intercomtest.NewManualClock(t), nil
}

// run parses args, starts the server, prints where it listens and serves
// until a signal.
func run(args []string, stdout io.Writer) error {
	fs := flag.NewFlagSet("intercom-fake", flag.ContinueOnError)
	addr := fs.String("addr", "127.0.0.1:8080", "listen address")
	token := fs.String("token", intercomtest.DefaultToken, "the access token to accept")
	seedContacts := fs.Int("seed-contacts", 0, "users to store at start")
	seedCompanies := fs.Int("seed-companies", 0, "companies to store at start")
	var faults faultFlags
	fs.Var(&faults, "fault", "a fault to inject (repeatable): ROUTE=STATUS|drop[,times=N][,p=P][,latency=D][,retry-after=D]")
	rate := fs.Int("rate-limit", intercomtest.DefaultRateLimit, "requests per app per window")
	wsRate := fs.Int("workspace-rate-limit", intercomtest.DefaultWorkspaceRateLimit, "requests per workspace per window")
	window := fs.Duration("rate-window", intercomtest.DefaultRateLimitWindow, "rate-limit window")
	clockMode := fs.String("clock", "wall", "wall, skip or an RFC 3339 time")
	jobDuration := fs.Duration("job-duration", intercomtest.DefaultJobDuration, "how long jobs run")
	randomSeed := fs.Uint64("random-seed", 1, "seed of the faults with a probability")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("unexpected arguments %q", fs.Args())
	}
	if *seedContacts < 0 || *seedCompanies < 0 {
		return errors.New("-seed-contacts and -seed-companies must not be negative")
	}
	clock, err := parseClock(*clockMode)
	if err != nil {
		return err
	}
	opts := []intercomtest.Option{
		intercomtest.WithAddr(*addr), intercomtest.WithToken(*token),
		intercomtest.WithRateLimit(*rate, *window), intercomtest.WithWorkspaceRateLimit(*wsRate),
		intercomtest.WithJobDuration(*jobDuration), intercomtest.WithSeed(*randomSeed),
		intercomtest.WithMaxRecorded(0), // a long-running server keeps no request log
	}
	if clock != nil {
		opts = append(opts, intercomtest.WithClock(clock))
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	srv, err := intercomtest.Start(opts...)
	if err != nil {
		return err
	}
	defer srv.Close()
	for _, f := range faults {
		if err := srv.Fail(f); err != nil {
			return err
		}
	}
	srv.SeedContacts(*seedContacts)
	srv.SeedCompanies(*seedCompanies)
	fmt.Fprintf(stdout, "intercom-fake: Intercom API %s, all %d operations, on %s\n", gen.APIVersion, len(gen.Operations), srv.URL)
	fmt.Fprintf(stdout, "INTERCOM_BASE_URL=%s\n", srv.URL)
	fmt.Fprintf(stdout, "INTERCOM_ACCESS_TOKEN=%s\n", srv.Token())
	<-ctx.Done()
	srv.Close()
	fmt.Fprintln(stdout, "intercom-fake: stopped")
	return nil
}
