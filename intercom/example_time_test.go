package intercom_test

import (
	"fmt"
	"time"

	"github.com/intercomkit/intercom-go/intercom"
)

// Timestamps are Unix seconds on the wire: write them with intercom.Unix and
// read them with the generated GetXTime accessors.
func ExampleUnix() {
	signedUp := time.Date(2026, 1, 15, 9, 30, 0, 0, time.UTC)
	body := intercom.CreateContactRequest{Email: intercom.Ptr("ada@example.com"), SignedUpAt: intercom.Unix(signedUp)}
	fmt.Println(*body.SignedUpAt)

	contact := intercom.Contact{SignedUpAt: body.SignedUpAt}
	fmt.Println(contact.GetSignedUpAtTime())
	fmt.Println(contact.GetLastSeenAtTime().IsZero())
	// Output:
	// 1768469400
	// 2026-01-15 09:30:00 +0000 UTC
	// true
}
