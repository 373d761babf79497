package intercom_test

import (
	"context"
	"errors"
	"fmt"
	"log"
	"net/http"
	"net/http/httptest"

	"github.com/intercomkit/intercom-go/intercom"
)

// oddAdmin answers GET /me with an admin whose away_mode_enabled is a string
// where the description says boolean.
func oddAdmin() *httptest.Server {
	return httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		fmt.Fprint(w, `{"type":"admin","id":"991","name":"Ops","email":"ops@example.com","away_mode_enabled":"no"}`)
	}))
}

// A field whose JSON does not fit its type costs only that field: the call
// returns the rest, and WithDecodeReport says what was left out.
func ExampleWithDecodeReport() {
	srv := oddAdmin()
	defer srv.Close()
	client, err := intercom.NewClient("tok_example", intercom.WithBaseURL(srv.URL))
	if err != nil {
		log.Fatal(err)
	}
	var report intercom.DecodeReport
	me, err := client.Admins.Me(context.Background(), intercom.WithDecodeReport(&report))
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(me.GetName(), me.GetEmail())
	for _, m := range report.Mismatches() {
		fmt.Println(m)
	}
	// Output:
	// Ops ops@example.com
	// away_mode_enabled: want bool, got JSON string
}

// With WithStrictDecoding the same response is an error that still carries
// the rest of the value.
func ExampleWithStrictDecoding() {
	srv := oddAdmin()
	defer srv.Close()
	client, err := intercom.NewClient("tok_example", intercom.WithBaseURL(srv.URL), intercom.WithStrictDecoding())
	if err != nil {
		log.Fatal(err)
	}
	_, err = client.Admins.Me(context.Background())
	var de *intercom.DecodeError
	if errors.As(err, &de) {
		fmt.Println(len(de.Mismatches), de.Mismatches[0].Path)
		fmt.Printf("%T\n", de.Value)
	}
	// Output:
	// 1 away_mode_enabled
	// *gen.AdminWithApp
}
