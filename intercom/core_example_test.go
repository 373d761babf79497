package intercom_test

import (
	"context"
	"errors"
	"fmt"
	"log"
	"net/http"
	"net/http/httptest"
	"os"

	"github.com/intercomkit/intercom-go/intercom"
)

// fakeIntercom stands in for the API in these examples.
func fakeIntercom() *httptest.Server {
	return httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.Header().Set("X-RateLimit-Limit", "10000")
		w.Header().Set("X-RateLimit-Remaining", "9999")
		switch r.URL.Path {
		case "/me":
			fmt.Fprint(w, `{"type":"admin","id":"991","name":"Ops","email":"ops@example.com","app":{"id_code":"abc123"}}`)
		default:
			w.WriteHeader(http.StatusNotFound)
			fmt.Fprint(w, `{"type":"error.list","request_id":"000ab","errors":[{"code":"not_found","message":"Contact Not Found"}]}`)
		}
	}))
}

func ExampleNewClient() {
	// In a program: intercom.NewClient(os.Getenv("INTERCOM_ACCESS_TOKEN"), ...)
	client, err := intercom.NewClient("tok_example",
		intercom.WithAppInfo("acme-sync", "1.4.0"), // appended to the User-Agent
		intercom.WithMaxRetries(3),
	)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(client.BaseURL())
	fmt.Println(client.APIVersion() == intercom.APIVersion)
	// Output:
	// https://api.intercom.io
	// true
}

func ExampleNewClient_invalid() {
	_, err := intercom.NewClient("")
	fmt.Println(err)
	_, err = intercom.NewClient("tok", intercom.WithRegion(intercom.RegionEU), intercom.WithBaseURL("https://proxy.example.com"))
	fmt.Println(err != nil)
	// Output:
	// intercom: empty access token
	// true
}

func ExampleWithRegion() {
	for _, r := range []intercom.Region{intercom.RegionUS, intercom.RegionEU, intercom.RegionAU} {
		client, err := intercom.NewClient("tok_example", intercom.WithRegion(r))
		if err != nil {
			log.Fatal(err)
		}
		fmt.Println(r, client.BaseURL())
	}
	// Output:
	// us https://api.intercom.io
	// eu https://api.eu.intercom.io
	// au https://api.au.intercom.io
}

func ExampleNewClientFromEnv() {
	// INTERCOM_ACCESS_TOKEN holds the token; INTERCOM_REGION (optional) is us, eu or au.
	os.Setenv("INTERCOM_ACCESS_TOKEN", "tok_example")
	os.Setenv("INTERCOM_REGION", "eu")
	defer os.Unsetenv("INTERCOM_ACCESS_TOKEN")
	defer os.Unsetenv("INTERCOM_REGION")

	client, err := intercom.NewClientFromEnv()
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(client.BaseURL())
	// Output: https://api.eu.intercom.io
}

func ExampleError() {
	srv := fakeIntercom()
	defer srv.Close()
	client, err := intercom.NewClient("tok_example", intercom.WithBaseURL(srv.URL))
	if err != nil {
		log.Fatal(err)
	}

	_, err = client.Contacts.Get(context.Background(), "6657adc6")
	if intercom.IsNotFound(err) {
		fmt.Println("no such contact")
	}
	var e *intercom.Error
	if errors.As(err, &e) {
		fmt.Println(e.StatusCode, e.Errors[0].Code, e.RequestID, e.RateLimit.Remaining)
	}
	fmt.Println(err)
	// Output:
	// no such contact
	// 404 not_found 000ab 9999
	// intercom: GET /contacts/6657adc6: 404 Not Found: not_found: Contact Not Found [request id 000ab]
}

func ExampleClient_Raw() {
	srv := fakeIntercom()
	defer srv.Close()
	client, err := intercom.NewClient("tok_example", intercom.WithBaseURL(srv.URL))
	if err != nil {
		log.Fatal(err)
	}

	// The generated client shares the SDK's HTTP layer: auth, version header,
	// retries and typed errors apply to it too.
	res, err := client.Raw().IdentifyAdminWithResponse(context.Background())
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(*res.JSON200.Id, *res.JSON200.Email)
	fmt.Println(client.RateLimit().Remaining)
	// Output:
	// 991 ops@example.com
	// 9999
}

func ExampleContextWithOptions() {
	srv := fakeIntercom()
	defer srv.Close()
	client, err := intercom.NewClient("tok_example", intercom.WithBaseURL(srv.URL))
	if err != nil {
		log.Fatal(err)
	}

	// Per-call options for a raw call travel in the context.
	var resp *http.Response
	ctx := intercom.ContextWithOptions(context.Background(),
		intercom.WithAPIVersion("Unstable"),
		intercom.WithResponseInto(&resp),
	)
	res, err := client.Raw().IdentifyAdminWithResponse(ctx)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(resp.StatusCode, *res.JSON200.Id)
	fmt.Println(resp.Request.Header.Get("Intercom-Version"))
	// Output:
	// 200 991
	// Unstable
}

func ExampleWithMiddleware() {
	srv := fakeIntercom()
	defer srv.Close()
	logStatus := func(req *http.Request, next intercom.MiddlewareNext) (*http.Response, error) {
		resp, err := next(req)
		if err == nil {
			fmt.Println(req.Method, req.URL.Path, resp.StatusCode)
		}
		return resp, err
	}
	client, err := intercom.NewClient("tok_example", intercom.WithBaseURL(srv.URL), intercom.WithMiddleware(logStatus))
	if err != nil {
		log.Fatal(err)
	}
	if _, err := client.Raw().IdentifyAdminWithResponse(context.Background()); err != nil {
		log.Fatal(err)
	}
	// Output: GET /me 200
}
