package intercom_test

import (
	"context"
	"fmt"
	"log"

	"github.com/intercomkit/intercom-go/intercom"
)

// statusLog prints the status of every attempt and the end of every call.
type statusLog struct{}

func (statusLog) ObserveCall(ctx context.Context, call intercom.CallInfo) (context.Context, intercom.CallObserver) {
	return ctx, statusLog{}
}

func (statusLog) AttemptDone(a intercom.AttemptInfo) {
	fmt.Printf("attempt %d: %d (retry: %v)\n", a.Attempt, a.StatusCode, a.Retry)
}

func (statusLog) CallDone(r intercom.CallResult) {
	fmt.Printf("call done: %d after %d attempt(s)\n", r.StatusCode, r.Attempts)
}

func ExampleWithObserver() {
	srv := fakeIntercom()
	defer srv.Close()
	client, err := intercom.NewClient("tok_example", intercom.WithBaseURL(srv.URL), intercom.WithObserver(statusLog{}))
	if err != nil {
		log.Fatal(err)
	}
	defer client.CloseIdleConnections()
	if _, err := client.Admins.Me(context.Background()); err != nil {
		log.Fatal(err)
	}
	// Output:
	// attempt 1: 200 (retry: false)
	// call done: 200 after 1 attempt(s)
}
