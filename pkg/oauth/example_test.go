package oauth_test

import (
	"context"
	"errors"
	"fmt"
	"log"
	"net/http"
	"net/http/httptest"

	"github.com/intercomkit/intercom-go/intercom"
	"github.com/intercomkit/intercom-go/pkg/oauth"
)

func ExampleConfig_AuthorizeURL() {
	cfg := &oauth.Config{
		ClientID:     "my-client-id",
		ClientSecret: "from-configuration", // never hard-code it in a real program
		Region:       intercom.RegionEU,
	}
	// In a real handler: state, err := oauth.NewState(), stored in an HttpOnly cookie.
	state := "0123456789abcdef"
	u, err := cfg.AuthorizeURL(state)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(u)
	// Output: https://app.eu.intercom.com/oauth?client_id=my-client-id&state=0123456789abcdef
}

func ExampleNewState() {
	state, err := oauth.NewState()
	if err != nil {
		log.Fatal(err)
	}
	// Store state in the user's session, send them to cfg.AuthorizeURL(state),
	// and compare it on the callback.
	fmt.Println(len(state), oauth.CheckState(state, state))
	fmt.Println(errors.Is(oauth.CheckState(state, "forged"), oauth.ErrStateMismatch))
	// Output:
	// 43 <nil>
	// true
}

func ExampleConfig_HandleCallback() {
	// A stand-in for Intercom's token endpoint on loopback.
	tokenEndpoint := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		fmt.Fprint(w, `{"token_type":"Bearer","token":"tok_123","access_token":"tok_123"}`)
	}))
	defer tokenEndpoint.Close()

	cfg := &oauth.Config{
		ClientID:     "my-client-id",
		ClientSecret: "my-client-secret",
		TokenURL:     tokenEndpoint.URL, // omit in production: the region's endpoint is used
	}
	callback := func(w http.ResponseWriter, r *http.Request) {
		wantState := "state-from-the-session-cookie"
		tok, err := cfg.HandleCallback(r.Context(), r, wantState)
		var tokErr *oauth.TokenError
		switch {
		case errors.Is(err, oauth.ErrAccessDenied):
			fmt.Println("the user declined")
		case errors.Is(err, oauth.ErrStateMismatch), errors.Is(err, oauth.ErrMissingState):
			fmt.Println("forged or stale callback")
		case errors.As(err, &tokErr):
			fmt.Println("token endpoint said", tokErr.StatusCode, tokErr.Code)
		case err != nil:
			fmt.Println("error:", err)
		default:
			client, err := cfg.NewClient(tok) // same as intercom.NewClient(tok.AccessToken)
			fmt.Println("installed:", client != nil, err)
		}
	}

	for _, query := range []string{
		"?code=abc&state=state-from-the-session-cookie",
		"?code=abc&state=something-else",
		"?error=access_denied&state=state-from-the-session-cookie",
	} {
		callback(httptest.NewRecorder(), httptest.NewRequestWithContext(context.Background(), http.MethodGet, "/callback"+query, nil))
	}
	// Output:
	// installed: true <nil>
	// forged or stale callback
	// the user declined
}
