package intercom_test

import (
	"context"
	"errors"
	"fmt"
	"log"

	"github.com/intercomkit/intercom-go/intercom"
	"github.com/intercomkit/intercom-go/pkg/intercomtest"
)

// Read the first error code without indexing Errors, which may be empty.
func ExampleError_Code() {
	srv, err := intercomtest.Start()
	if err != nil {
		log.Fatal(err)
	}
	defer srv.Close()
	_, err = srv.Client().Contacts.Get(context.Background(), "ffffffffffffffffffffffff")
	var apiErr *intercom.Error
	if errors.As(err, &apiErr) {
		fmt.Println(apiErr.StatusCode, apiErr.Code())
	}
	fmt.Println(intercom.ErrorCode(fmt.Errorf("sync: %w", err)))
	// Output:
	// 404 not_found
	// not_found
}
