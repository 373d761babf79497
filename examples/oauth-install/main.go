// Command oauth-install installs a public Intercom app into a workspace with
// OAuth and keeps the access token it gets.
//
//	INTERCOM_CLIENT_ID=... INTERCOM_CLIENT_SECRET=... \
//	  go run ./examples/oauth-install -addr 127.0.0.1:8081 -region us
//
// then open http://127.0.0.1:8081/ and follow "Install". The redirect URL
// (-redirect-url, by default http://ADDR/callback) must be one of the app's
// redirect URLs in the Developer Hub.
//
// With -demo nothing leaves the machine: the program starts a fake Intercom
// (consent page and token endpoint) and itself on free loopback ports, walks
// through an install, a denied install and a forged callback like a browser
// would, checks each outcome and exits (0 when all are as expected).
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"html"
	"log/slog"
	"net"
	"net/http"
	"os"
	"os/signal"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/intercomkit/intercom-go/intercom"
	"github.com/intercomkit/intercom-go/pkg/oauth"
)

func main() {
	addr := flag.String("addr", "127.0.0.1:8081", "address to listen on")
	clientID := flag.String("client-id", "", "the app's client id (default: $INTERCOM_CLIENT_ID)")
	clientSecret := flag.String("client-secret", "", "the app's client secret (default: $INTERCOM_CLIENT_SECRET)")
	region := flag.String("region", "us", "workspace region: us, eu or au")
	redirectURL := flag.String("redirect-url", "", "redirect URL registered on the app (default: http://ADDR/callback)")
	demo := flag.Bool("demo", false, "run a full install against a local fake Intercom and exit")
	flag.Parse()

	logger := slog.New(slog.NewTextHandler(os.Stderr, nil))
	if *demo {
		if err := runDemo(logger); err != nil {
			logger.Error("demo failed", "error", err)
			os.Exit(1)
		}
		fmt.Println("demo: all checks passed")
		return
	}

	r, err := intercom.ParseRegion(*region)
	if err != nil {
		fmt.Fprintln(os.Stderr, "oauth-install:", err)
		os.Exit(2)
	}
	cfg := &oauth.Config{
		ClientID:     firstNonEmpty(*clientID, os.Getenv("INTERCOM_CLIENT_ID")),
		ClientSecret: firstNonEmpty(*clientSecret, os.Getenv("INTERCOM_CLIENT_SECRET")),
		RedirectURL:  firstNonEmpty(*redirectURL, "http://"+*addr+"/callback"),
		Region:       r,
	}
	if cfg.ClientID == "" || cfg.ClientSecret == "" {
		fmt.Fprintln(os.Stderr, "oauth-install: set -client-id and -client-secret (or INTERCOM_CLIENT_ID and INTERCOM_CLIENT_SECRET), or use -demo")
		os.Exit(2)
	}
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		fmt.Fprintln(os.Stderr, "oauth-install:", err)
		os.Exit(1)
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	logger.Info("open this in a browser", "url", "http://"+ln.Addr().String()+"/")
	if err := serve(ctx, ln, newInstaller(cfg, logger)); err != nil {
		logger.Error("server stopped", "error", err)
		os.Exit(1)
	}
}

const stateCookie = "intercom_oauth_state"

// installer is the web side of the install: "/" links to "/install", which
// redirects to Intercom; Intercom sends the user back to "/callback".
type installer struct {
	cfg    *oauth.Config
	logger *slog.Logger

	mu     sync.Mutex
	tokens []string // a real app stores tokens encrypted, per workspace
}

func newInstaller(cfg *oauth.Config, logger *slog.Logger) *installer {
	return &installer{cfg: cfg, logger: logger}
}

func (in *installer) routes() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /{$}", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprint(w, `<!doctype html><title>Install</title><p><a href="/install">Install on Intercom</a></p>`)
	})
	mux.HandleFunc("GET /install", in.install)
	mux.HandleFunc("/callback", in.callback) // GET normally; POST accepted too
	return mux
}

func (in *installer) install(w http.ResponseWriter, r *http.Request) {
	state, err := oauth.NewState()
	if err != nil {
		in.logger.Error("state", "error", err)
		http.Error(w, "internal error", http.StatusInternalServerError)
		return
	}
	u, err := in.cfg.AuthorizeURL(state)
	if err != nil {
		in.logger.Error("authorize URL", "error", err)
		http.Error(w, "internal error", http.StatusInternalServerError)
		return
	}
	http.SetCookie(w, &http.Cookie{
		Name:     stateCookie,
		Value:    state,
		Path:     "/",
		MaxAge:   600,
		HttpOnly: true,
		Secure:   strings.HasPrefix(in.cfg.RedirectURL, "https://"),
		SameSite: http.SameSiteLaxMode,
	})
	http.Redirect(w, r, u, http.StatusFound)
}

func (in *installer) callback(w http.ResponseWriter, r *http.Request) {
	want := ""
	if c, err := r.Cookie(stateCookie); err == nil {
		want = c.Value
	}
	// The state is single-use.
	http.SetCookie(w, &http.Cookie{Name: stateCookie, Value: "", Path: "/", MaxAge: -1, HttpOnly: true})

	tok, err := in.cfg.HandleCallback(r.Context(), r, want)
	var authErr *oauth.AuthorizationError
	var tokErr *oauth.TokenError
	switch {
	case errors.Is(err, oauth.ErrAccessDenied):
		page(w, http.StatusForbidden, "Installation cancelled: access was denied.")
	case errors.As(err, &authErr):
		page(w, http.StatusBadGateway, "Intercom reported an error: "+authErr.Code)
	case errors.Is(err, oauth.ErrStateMismatch), errors.Is(err, oauth.ErrMissingState):
		page(w, http.StatusBadRequest, "This link is stale or was not started here. Please start the installation again.")
	case errors.As(err, &tokErr):
		in.logger.Error("token exchange failed", "status", tokErr.StatusCode, "code", tokErr.Code, "request_id", tokErr.RequestID)
		page(w, http.StatusBadGateway, "Intercom refused the installation. Please try again.")
	case err != nil:
		in.logger.Error("callback", "error", err)
		page(w, http.StatusBadRequest, "The installation could not be completed.")
	default:
		// The token plugs straight into the API client.
		if _, err := in.cfg.NewClient(tok); err != nil {
			in.logger.Error("client", "error", err)
			page(w, http.StatusInternalServerError, "internal error")
			return
		}
		in.mu.Lock()
		in.tokens = append(in.tokens, tok.AccessToken)
		in.mu.Unlock()
		in.logger.Info("installed") // never log the token
		page(w, http.StatusOK, "Installed. You can close this window.")
	}
}

func (in *installer) installedCount() int {
	in.mu.Lock()
	defer in.mu.Unlock()
	return len(in.tokens)
}

func page(w http.ResponseWriter, status int, msg string) {
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(status)
	fmt.Fprintf(w, "<!doctype html><title>Install</title><p>%s</p>\n", html.EscapeString(msg))
}

// serve runs the installer on ln until ctx ends.
func serve(ctx context.Context, ln net.Listener, in *installer) error {
	srv := &http.Server{Handler: in.routes(), ReadHeaderTimeout: 5 * time.Second}
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	shutdownCtx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := srv.Shutdown(shutdownCtx); err != nil {
		return err
	}
	if err := <-errc; !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}

func firstNonEmpty(values ...string) string {
	for _, v := range values {
		if v != "" {
			return v
		}
	}
	return ""
}
